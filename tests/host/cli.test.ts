import { describe, expect, it } from 'vitest';
import { main } from '../../electron/host/cli';
import { startHost } from '../../electron/host/server';
import { runSyncCommand } from '../../electron/host/sync-command';
import { silentLogger } from '../../electron/core/log';
import { capture, consoleLines, hostForSuite, lastJsonLine } from '../helpers/cli';

describe('condo-sync CLI', () => {
  const suite = hostForSuite('cli-test', { firstSync: true });

  it('serves in sandbox mode with both sandboxes discoverable through app.info', async () => {
    const info = (await suite.host.core.call('app.info', {})) as { mode: string; sandbox: { condoManagerUrl: string } };
    expect(info.mode).toBe('sandbox');
    expect(info.sandbox.condoManagerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(suite.host.url).toBe(`http://127.0.0.1:${suite.host.port}/?token=cli-test`);
  });

  it('tests the connection: the running sandboxes answer, an unreachable saved connection says what to check', async () => {
    const ok = (await suite.host.core.call('connections.test', {})) as { condoManager: { ok: boolean; message: string }; condoControl: { ok: boolean; workspaces?: number } };
    expect(ok.condoManager).toMatchObject({ ok: true, message: 'Connected: 1 corporation.' });
    expect(ok.condoControl).toMatchObject({ ok: true, workspaces: 1 });
    await suite.host.core.call('settings.set', {
      connections: {
        condoManager: { url: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y' },
        condoControl: { url: 'http://127.0.0.1:9', username: 'x', password: 'y' },
      },
    });
    try {
      const bad = (await suite.host.core.call('connections.test', { target: 'condoManager' })) as { condoManager: { ok: boolean; message: string } };
      expect(bad.condoManager.ok).toBe(false);
      expect(bad.condoManager.message).toMatch(/^Condo Manager did not answer at this address\. Check the address and this computer's network\.$/);
      expect(bad.condoManager.message).not.toMatch(/127\.0\.0\.1|ECONN/);
    } finally {
      await suite.host.core.call('settings.set', { connections: null });
    }
  });

  it('refuses a second owner of the same data dir, naming the first', async () => {
    await expect(startHost({ dataDir: suite.dataDir, logger: silentLogger })).rejects.toThrow(new RegExp(`process ${process.pid}.*${suite.host.port}`));
  });

  it('sync --wait --json talks to the running console and exits 0 on success, JSON on its last line', async () => {
    const out = capture();
    const code = await runSyncCommand({ dataDir: suite.dataDir, wait: true, reconcile: false, dryRun: false, json: true, out, err: capture() });
    expect(code).toBe(0);
    const last = lastJsonLine(out);
    expect(last).toMatchObject({ status: 'succeeded', kind: 'residents', counts: expect.any(Object) });
    const job = (await suite.host.core.call('jobs.get', { id: last.id })) as { trigger: string };
    expect(job.trigger).toBe('cli');
  });

  it('exits 1 when the sync ends partial', async () => {
    const info = (await suite.host.core.call('app.info', {})) as { sandbox: { condoManagerUrl: string } };
    const faults = (body: unknown) =>
      fetch(`${info.sandbox.condoManagerUrl}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await faults({ malformedRate: 1 });
    try {
      const out = capture();
      const code = await runSyncCommand({ dataDir: suite.dataDir, wait: true, reconcile: false, dryRun: false, json: true, out, err: capture() });
      expect(code).toBe(1);
      expect(lastJsonLine(out).status).toMatch(/partial|failed/);
    } finally {
      await faults({ malformedRate: 0 });
    }
  });

  it('prints a plain summary without --json', async () => {
    const out = capture();
    const code = await runSyncCommand({ dataDir: suite.dataDir, wait: true, reconcile: false, dryRun: true, json: false, out, err: capture() });
    expect(code).toBe(0);
    expect(out.text()).toMatch(/^Preview finished: /m);
  });

  it('exits 2 on bad usage', async () => {
    const errors = await consoleLines('error', async () => {
      expect(await main(['sync', '--bogus'])).toBe(2);
      expect(await main(['sync', 'extra'])).toBe(2);
      expect(await main(['frobnicate'])).toBe(2);
      expect(await main(['serve', '--port', 'abc'])).toBe(2);
    });
    expect(errors.join('\n')).toMatch(/Unknown command "frobnicate"/);
  });

  it('prints the usage for `serve --help` and `sync -h` and exits 0, starting nothing', async () => {
    const lines = await consoleLines('log', async () => {
      expect(await main(['serve', '--help'])).toBe(0);
      expect(await main(['sync', '-h'])).toBe(0);
    });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Condo Sync: .*\n\nUsage:\n {2}condo-sync serve /s);
  });
});
