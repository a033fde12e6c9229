import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppInfo } from '@shared/types';
import { main } from '../../electron/host/cli';
import { parseDuration } from '../../electron/host/pause-command';
import { startHost, type RunningHost } from '../../electron/host/server';
import { silentLogger } from '../../electron/core/log';
import { tempDir } from '../helpers/temp-dir';

/** Runs the CLI and returns its exit code and what it printed. */
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spies = [process.stdout, process.stderr].map((s) =>
    vi.spyOn(s, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += chunk.toString();
      return true;
    }),
  );
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (out += `${a.join(' ')}\n`));
  try {
    return { code: await main(args), out };
  } finally {
    for (const s of spies) s.mockRestore();
    vi.mocked(console.error).mockRestore();
  }
}

describe('condo-sync pause / resume', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: RunningHost | undefined;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(async () => {
    await host?.close();
    dir.cleanup();
  });

  it('reads durations as a person writes them', () => {
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(() => parseDuration('2 hours')).toThrow(/30m, 2h or 1d/);
  });

  it('with no console running, writes the pause where the next start finds it', async () => {
    const before = Date.now();
    const { code, out } = await cli(['pause', '--for', '2h', '--json', '--data-dir', dir.path]);
    expect(code).toBe(0);
    const state = JSON.parse(out.trim().split('\n').at(-1)!) as { paused: boolean; until: string };
    expect(state.paused).toBe(true);
    expect(Date.parse(state.until) - before).toBeGreaterThanOrEqual(7_200_000);
    expect(Date.parse(state.until) - before).toBeLessThan(7_200_000 + 60_000);

    host = await startHost({ dataDir: dir.path, token: 'pause-test', logger: silentLogger });
    const info = (await host.core.call('app.info', {})) as AppInfo;
    expect(info.pause).toEqual({ paused: true, since: expect.any(String), until: state.until });
    // The first sync of a new connection is a background run: it waits too.
    const jobs = (await host.core.call('jobs.list', {})) as { items: { trigger: string; status: string }[] };
    expect(jobs.items).toEqual([expect.objectContaining({ trigger: 'initial', status: 'queued' })]);
  });

  it('asks the running console, which resumes at once', async () => {
    const { code, out } = await cli(['resume', '--data-dir', dir.path]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Syncing is on/m);
    expect(((await host!.core.call('app.info', {})) as AppInfo).pause).toEqual({ paused: false });
    await host!.core.runner.idle();
    const jobs = (await host!.core.call('jobs.list', {})) as { items: { trigger: string; status: string }[] };
    expect(jobs.items.find((j) => j.trigger === 'initial')?.status).toBe('succeeded');
  });

  it('"until I resume" by default; bad usage exits 2 and pauses nothing', async () => {
    expect((await cli(['pause', '--for', 'soon', '--data-dir', dir.path])).code).toBe(2);
    expect((await cli(['pause', '--for', '1h', '--until', '2026-12-01T08:00:00Z', '--data-dir', dir.path])).code).toBe(2);
    const past = await cli(['pause', '--until', '2020-01-01T08:00:00Z', '--data-dir', dir.path]);
    expect(past.code).toBe(2);
    expect(past.out).toMatch(/already passed/);
    expect((await cli(['resume', '--for', '1h', '--data-dir', dir.path])).code).toBe(2);
    expect(((await host!.core.call('app.info', {})) as AppInfo).pause).toEqual({ paused: false });
    const { code, out } = await cli(['pause', '--data-dir', dir.path]);
    expect(code).toBe(0);
    expect(out).toMatch(/paused until you resume it/);
    expect(((await host!.core.call('app.info', {})) as AppInfo).pause).toMatchObject({ paused: true });
    expect(((await host!.core.call('app.info', {})) as AppInfo).pause?.until).toBeUndefined();
  });
});
