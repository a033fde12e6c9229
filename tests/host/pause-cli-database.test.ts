// `condo-sync pause|resume --database postgres://…` with no engine on the
// data dir it names: the pause is written to the database the engines share,
// and an engine running on it (on another data dir) holds or releases its
// queue at once, as if another engine had paused.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PauseState } from '@shared/types';
import { main } from '../../electron/host/cli';
import { startHost, type RunningHost } from '../../electron/host/server';
import { silentLogger } from '../../electron/core/log';
import { tempDir } from '../helpers/temp-dir';
import { freshPostgresDatabase } from '../helpers/test-db';

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spies = [process.stdout, process.stderr].map((s) =>
    vi.spyOn(s, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += chunk.toString();
      return true;
    }),
  );
  try {
    return { code: await main(args), out };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('condo-sync pause / resume on a shared PostgreSQL database', () => {
  const engineDir = tempDir();
  const cliDir = tempDir();
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let host: RunningHost;
  const heard: PauseState[] = [];
  beforeAll(async () => {
    db = await freshPostgresDatabase('pause_cli');
    host = await startHost({ dataDir: engineDir.path, database: db.url, env: {}, token: 'pause-db-test', logger: silentLogger });
    host.core.events.subscribe((name, payload) => name === 'pause.changed' && heard.push(payload as PauseState));
  }, 60_000);
  afterAll(async () => {
    await host?.close();
    await db?.drop();
    engineDir.cleanup();
    cliDir.cleanup();
  });

  it('pauses and resumes the engines on the database, live; the CLI’s own data dir keeps no pause', async () => {
    const paused = await cli(['pause', '--for', '2h', '--json', '--data-dir', cliDir.path, '--database', db.url]);
    expect(paused.code).toBe(0);
    const state = JSON.parse(paused.out.trim().split('\n').at(-1)!) as PauseState;
    expect(state).toMatchObject({ paused: true, until: expect.any(String) });
    await until('the running engine to pause', () => (host.core.pause.isPaused() ? true : undefined));
    expect(host.core.pause.state()).toEqual(state);
    const file = join(cliDir.path, 'settings.json');
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '').not.toContain('since');
    // Its background runs wait.
    const nightly = await host.core.runner.enqueue({ kind: 'residents', trigger: 'schedule', dryRun: false });
    await new Promise((r) => setTimeout(r, 800));
    expect(((await host.core.call('jobs.get', { id: nightly.id, limit: 1 })) as { status: string }).status).toBe('queued');

    const resumed = await cli(['resume', '--data-dir', cliDir.path, '--database', db.url]);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toMatch(/Syncing is on/);
    await until('the running engine to resume', () => (host.core.pause.isPaused() ? undefined : true));
    expect(heard.map((s) => s.paused)).toEqual([true, false]);
    await until('the held run to end', async () => {
      const s = ((await host.core.call('jobs.get', { id: nightly.id, limit: 1 })) as { status: string }).status;
      return ['succeeded', 'partial', 'failed'].includes(s) ? s : undefined;
    }, 90_000);
  }, 120_000);
});
