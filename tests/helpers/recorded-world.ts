// What the engine-process tests of tests/cluster share: a world whose
// engines reach Condo Control through a proxy that notes which process sent
// each request, and engine A started on it and caught mid-way through its
// first sync, so a test can then stop, kill, pause or cut it.
import type { Job } from '@shared/types';
import { afterAll, beforeAll } from 'vitest';
import type { Size } from '../../electron/sandbox';
import type { EngineProcess, EngineProcessOptions } from './engine-process';
import { createEnginesWorld, eventually, type EnginesWorld } from './engines-world';
import { startRecordingProxy, type RecordedRequest, type RecordingProxy } from './recording-proxy';

export interface RecordedWorld {
  /** Set once the describe block's beforeAll has run. */
  world: EnginesWorld;
  /** In front of the sandbox's Condo Control: engines get `cc.url`. */
  cc: RecordingProxy;
}

/**
 * Makes the world and the proxy before the describe block's tests (five
 * minutes allowed: `medium` is seeded), and closes both after them.
 * @returns a holder whose fields are set once beforeAll has run.
 */
export function recordedWorld(opts: { size?: Size } = {}): RecordedWorld {
  const held = {} as RecordedWorld;
  beforeAll(async () => {
    held.world = await createEnginesWorld({ size: opts.size ?? 'medium' });
    held.cc = await startRecordingProxy(held.world.sandboxes.condoControlUrl);
  }, 300_000);
  afterAll(async () => {
    await held.world?.close();
    await held.cc?.close();
  });
  return held;
}

/**
 * Starts engine A on the world (Condo Control through the proxy), and
 * resolves once it has queued the first sync and written `writes` records
 * (requests `isWrite` counts) to Condo Control.
 */
export async function engineAWriting(
  r: RecordedWorld,
  o: { writes: number; isWrite: (req: RecordedRequest) => boolean } & Pick<EngineProcessOptions, 'env' | 'rate'> & Partial<Pick<EngineProcessOptions, 'databaseUrl'>>,
): Promise<{ a: EngineProcess; job: Job }> {
  const a = await r.world.startEngine('engine-a', {
    condoControlUrl: r.cc.url,
    ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
    ...(o.env ? { env: o.env } : {}),
    ...(o.rate ? { rate: o.rate } : {}),
  });
  const job = await eventually('engine A to queue the first sync', async () => (await a.call<{ items: Job[] }>('jobs.list', { kind: 'residents' })).items[0], 30_000);
  await eventually(`engine A to have written ${o.writes} records`, () => r.cc.requests.filter((q) => q.pid === a.pid && o.isWrite(q)).length >= o.writes, 240_000, 200);
  return { a, job };
}
