// Ctrl-C (SIGINT) or SIGTERM of `condo-sync serve` on SQLite: it says it is
// stopping, stops cleanly and exits 0, not 130 (a library under conf,
// when-exit, raises the signal again after its own clean-up, and that used
// to be taken for a person's second Ctrl-C, ending the process mid-stop).
// Its data dir is free again at once: a new serve starts on it.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnTs, type TsChild } from '../helpers/ts-child';
import { tempDir } from '../helpers/temp-dir';

const ENV = { CONDO_SYNC_DATABASE_URL: '', CONDO_SYNC_TOKEN: '', CONDO_MANAGER_URL: '', CONDO_CONTROL_URL: '' };

describe('serve on a signal', () => {
  const dir = tempDir();
  const children: TsChild[] = [];
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill9()));
    dir.cleanup();
  });

  const serve = async () => {
    const child = spawnTs('electron/host/cli.ts', ['serve', '--no-build', '--port', '0', '--data-dir', dir.path, '--token', randomBytes(16).toString('hex')], ENV);
    children.push(child);
    await child.waitFor(/^https?:\/\/127\.0\.0\.1:\d+\//, 90_000);
    return child;
  };

  const exitOf = (child: TsChild) =>
    new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      const p = child.process;
      if (p.exitCode !== null || p.signalCode !== null) return resolve({ code: p.exitCode, signal: p.signalCode });
      p.once('exit', (code, signal) => resolve({ code, signal }));
    });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal}: says it is stopping, exits 0, and the data dir takes a new serve`, async () => {
      const child = await serve();
      const exited = exitOf(child);
      child.process.kill(signal);
      expect(await exited, child.lines.slice(-5).join('\n')).toEqual({ code: 0, signal: null });
      expect(child.lines.some((l) => l.startsWith(`Stopping (${signal})`))).toBe(true);
    }, 120_000);
  }
});
