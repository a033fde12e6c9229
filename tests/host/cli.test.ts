import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/host/cli';
import { startHost, type RunningHost } from '../../electron/host/server';
import { runSyncCommand } from '../../electron/host/sync-command';
import { silentLogger } from '../../electron/core/log';
import { tempDir } from '../helpers/temp-dir';

function capture(): NodeJS.WriteStream & { text(): string } {
  let buf = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      buf += chunk.toString();
      cb();
    },
  }) as unknown as NodeJS.WriteStream & { text(): string };
  stream.text = () => buf;
  return stream;
}

describe('condo-sync CLI', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: RunningHost;

  beforeAll(async () => {
    dir = tempDir();
    host = await startHost({ dataDir: dir.path, token: 'cli-test', logger: silentLogger });
    await host.core.runner.idle(); // the initial sync of the sandbox connection
  });
  afterAll(async () => {
    await host.close();
    dir.cleanup();
  });

  it('serves in sandbox mode with both sandboxes discoverable through app.info', async () => {
    const info = (await host.core.call('app.info', {})) as { mode: string; sandbox: { condoManagerUrl: string } };
    expect(info.mode).toBe('sandbox');
    expect(info.sandbox.condoManagerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=cli-test`);
  });

  it('tests the connection: the running sandboxes answer, an unreachable saved connection says what to check', async () => {
    const ok = (await host.core.call('connections.test', {})) as { condoManager: { ok: boolean; message: string }; condoControl: { ok: boolean; workspaces?: number } };
    expect(ok.condoManager).toMatchObject({ ok: true, message: 'Connected: 1 corporation.' });
    expect(ok.condoControl).toMatchObject({ ok: true, workspaces: 1 });
    await host.core.call('settings.set', {
      connections: {
        condoManager: { url: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y' },
        condoControl: { url: 'http://127.0.0.1:9', username: 'x', password: 'y' },
      },
    });
    try {
      const bad = (await host.core.call('connections.test', { target: 'condoManager' })) as { condoManager: { ok: boolean; message: string } };
      expect(bad.condoManager.ok).toBe(false);
      expect(bad.condoManager.message).toMatch(/^Condo Manager did not answer at this address\. Check the address and this computer's network\.$/);
      expect(bad.condoManager.message).not.toMatch(/127\.0\.0\.1|ECONN/);
    } finally {
      await host.core.call('settings.set', { connections: null });
    }
  });

  it('refuses a second owner of the same data dir, naming the first', async () => {
    await expect(startHost({ dataDir: dir.path, logger: silentLogger })).rejects.toThrow(new RegExp(`process ${process.pid}.*${host.port}`));
  });

  it('sync --wait --json talks to the running console and exits 0 on success, JSON on its last line', async () => {
    const out = capture();
    const code = await runSyncCommand({ dataDir: dir.path, wait: true, reconcile: false, dryRun: false, json: true, out, err: capture() });
    expect(code).toBe(0);
    const last = JSON.parse(out.text().trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ status: 'succeeded', kind: 'residents', counts: expect.any(Object) });
    const job = (await host.core.call('jobs.get', { id: last.id })) as { trigger: string };
    expect(job.trigger).toBe('cli');
  });

  it('exits 1 when the sync ends partial', async () => {
    const info = (await host.core.call('app.info', {})) as { sandbox: { condoManagerUrl: string } };
    const faults = (body: unknown) =>
      fetch(`${info.sandbox.condoManagerUrl}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await faults({ malformedRate: 1 });
    try {
      const out = capture();
      const code = await runSyncCommand({ dataDir: dir.path, wait: true, reconcile: false, dryRun: false, json: true, out, err: capture() });
      expect(code).toBe(1);
      expect(JSON.parse(out.text().trim().split('\n').at(-1)!).status).toMatch(/partial|failed/);
    } finally {
      await faults({ malformedRate: 0 });
    }
  });

  it('prints a plain summary without --json', async () => {
    const out = capture();
    const code = await runSyncCommand({ dataDir: dir.path, wait: true, reconcile: false, dryRun: true, json: false, out, err: capture() });
    expect(code).toBe(0);
    expect(out.text()).toMatch(/^Preview finished: /m);
  });

  it('exits 2 on bad usage', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (msg: string) => errors.push(msg);
    try {
      expect(await main(['sync', '--bogus'])).toBe(2);
      expect(await main(['sync', 'extra'])).toBe(2);
      expect(await main(['frobnicate'])).toBe(2);
      expect(await main(['serve', '--port', 'abc'])).toBe(2);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toMatch(/Unknown command "frobnicate"/);
  });

  it('prints the usage for `serve --help` and `sync -h` and exits 0, starting nothing', async () => {
    const lines: string[] = [];
    const original = console.log;
    console.log = (msg: string) => lines.push(msg);
    try {
      expect(await main(['serve', '--help'])).toBe(0);
      expect(await main(['sync', '-h'])).toBe(0);
    } finally {
      console.log = original;
    }
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Condo Sync: .*\n\nUsage:\n {2}condo-sync serve /s);
  });
});
