import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { createLogger } from '../../electron/core/log';
import { runDiagnosticsCommand } from '../../electron/host/diagnostics-command';
import { main } from '../../electron/host/cli';
import { startHost } from '../../electron/host/server';
import { memoryLogger } from '../helpers/memory-logger';
import { tempDir } from '../helpers/temp-dir';
import { capture, consoleLines, lastJsonLine } from '../helpers/cli';

describe('condo-sync diagnostics', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  it('builds the bundle from the data dir alone when no console runs, scrubbing a name the cache knows', async () => {
    const data = join(dir.path, 'offline');
    const log = createLogger({ dir: join(data, 'logs') });
    const core = createCore({ dataDir: data, adapter: 'http', logger: log });
    core.db!.prepare("INSERT INTO corporations (id, code, legal_name, timezone, updated_at) VALUES ('c1', 'TSCC 9', 'Test Corp', 'America/Toronto', '2026-01-01')").run();
    core.db!
      .prepare("INSERT INTO people (id, corporation_id, role, first_name, last_name, email, status, updated_at) VALUES ('p1', 'c1', 'owner', 'Zoé', 'O’Brien-Lévesque', 'zoé.obrien@exemple.québec', 'Active', '2026-01-01')")
      .run();
    log.warn('careless line about Zoé O’Brien-Lévesque <zoé.obrien@exemple.québec> 514 555 0199 at 2026-11-30T02:00:00Z'.normalize('NFD'));
    await core.stop();
    await log.close();

    const out = capture();
    const target = join(dir.path, 'bundle.zip');
    expect(await runDiagnosticsCommand({ dataDir: data, out: target, json: true, stdout: out })).toBe(0);
    const answer = lastJsonLine(out);
    expect(answer.path).toBe(target);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const files = unzipSync(new Uint8Array(readFileSync(target)));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['about.json', 'settings.json', 'jobs.json']));
    const logs = Object.keys(files).filter((n) => n.startsWith('logs/')).map((n) => strFromU8(files[n]!)).join('\n');
    expect(logs).toContain('careless line about [name] [name] <[email]> [phone] at 2026-11-30T02:00:00Z');
    expect(logs).toMatch(/"time":"\d{4}-\d{2}-\d{2}T/); // times stay readable
    expect(logs.normalize('NFC')).not.toMatch(/Zoé|Lévesque|Brien|exemple\.québec|555/iu);
  });

  it('asks the running console when one owns the data dir', async () => {
    const data = join(dir.path, 'running');
    const host = await startHost({ dataDir: data, logger: memoryLogger() });
    try {
      const out = capture();
      const code = await runDiagnosticsCommand({ dataDir: data, json: true, stdout: out });
      expect(code).toBe(0);
      const { path } = JSON.parse(out.text().trim()) as { path: string };
      expect(path).toMatch(new RegExp(`^${data.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/diagnostics/condo-sync-diagnostics-\\d{8}-\\d{6}Z\\.zip$`));
      const about = JSON.parse(strFromU8(unzipSync(new Uint8Array(readFileSync(path)))['about.json']!));
      expect(about).toMatchObject({ mode: 'sandbox', adapter: 'http' });
    } finally {
      await host.close();
    }
  });

  it('refuses unknown options with exit code 2', async () => {
    await consoleLines('error', async () => {
      expect(await main(['diagnostics', '--bogus'])).toBe(2);
    });
  });
});
