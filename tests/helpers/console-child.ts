/**
 * The console as a process of its own (`condo-sync serve`), for the tests
 * that kill it with SIGKILL mid-job and start it again on the same data dir:
 * started against running sandboxes, called through the port and token its
 * lock file names, polled until a condition holds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSandboxes } from '../../electron/sandbox';
import { liveConnectionEnv } from './live-connection-env';
import { spawnNode, type TsChild } from './ts-child';

const ROOT = join(import.meta.dirname, '..', '..');

/** `condo-sync serve` on `dataDir`, on a free port, with a live connection to the sandboxes (the demo credentials). */
export function serveChild(dataDir: string, sandboxes: RunningSandboxes): TsChild {
  return spawnNode(join(ROOT, 'bin', 'condo-sync.mjs'), ['serve', '--no-build', '--port', '0', '--data-dir', dataDir], {
    env: liveConnectionEnv(sandboxes),
    stderr: 'ignore',
  });
}

/**
 * Calls a method of the console that owns `dataDir` (its lock file gives the
 * port and token).
 * @returns the result; undefined when the console answered not ok.
 * @throws while no console owns the dir yet (no lock file, nobody listening).
 */
export async function consoleApi<T>(dataDir: string, method: string, input: unknown): Promise<T> {
  const lock = JSON.parse(readFileSync(join(dataDir, 'condo-sync.lock'), 'utf8')) as { port: number; token: string };
  const res = await fetch(`http://127.0.0.1:${lock.port}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${lock.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return ((await res.json()) as { result: T }).result;
}

/**
 * Polls `fn` every `everyMs` until it returns a value; a throw counts as
 * "not yet" (the console is starting).
 * @throws Error('timed out') after `ms`.
 */
export async function until<T>(fn: () => Promise<T | undefined>, ms: number, everyMs = 100): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
