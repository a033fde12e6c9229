import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '@shared/types';
import { startSandboxes, type RunningSandboxes } from '../../electron/sandbox';
import { consoleApi as api, serveChild as serve, until } from '../helpers/console-child';
import { tempDir } from '../helpers/temp-dir';
import type { TsChild } from '../helpers/ts-child';

const faults = (s: RunningSandboxes, body: unknown) =>
  fetch(`${s.condoControlUrl}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the invoice history import after kill -9', () => {
  let dir: ReturnType<typeof tempDir>;
  let sandboxes: RunningSandboxes;
  let child: TsChild | undefined;

  beforeAll(async () => {
    dir = tempDir();
    sandboxes = await startSandboxes({ dataDir: join(dir.path, 'sandbox'), size: 'small' });
  });
  afterAll(async () => {
    await child?.kill9();
    await sandboxes.close();
    dir.cleanup();
  });

  it('goes on from where it stopped: every invoice and payment once in Condo Control, nothing missing, few rewrites', async () => {
    const dataDir = join(dir.path, 'console');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ rate: { condoManagerPerSec: 300, condoControlPerSec: 300, concurrency: 16 } }));
    child = serve(dataDir, sandboxes);
    // The first sync runs at full speed; the import that follows it is slowed so the kill lands in its middle.
    await until(async () => {
      const jobs = await api<{ items: Job[] }>(dataDir, 'jobs.list', { kind: 'residents' });
      return jobs.items[0]?.status === 'succeeded' ? true : undefined;
    }, 60_000, 50);
    await faults(sandboxes, { latencyMs: 40 });
    const running = await until(async () => {
      const jobs = await api<{ items: Job[] }>(dataDir, 'jobs.list', { kind: 'commerce-reconcile' });
      const job = jobs.items[0];
      return job && job.status === 'running' && job.progress.done >= 150 ? job : undefined;
    }, 60_000, 50);
    await child.kill9();
    const putsBefore = await puts(sandboxes);

    await faults(sandboxes, { latencyMs: 0 });
    child = serve(dataDir, sandboxes);
    const finished = await until(async () => {
      const job = await api<Job>(dataDir, 'jobs.get', { id: running.id, limit: 1 });
      return job && ['succeeded', 'partial', 'failed'].includes(job.status) ? job : undefined;
    }, 120_000, 50);
    expect(finished.status).toBe('succeeded');
    const imports = await api<{ items: Job[] }>(dataDir, 'jobs.list', { kind: 'commerce-reconcile' });
    expect(imports.items).toHaveLength(1); // resumed, not queued again

    // Every line of every account once, by its Condo Manager id, with the same amount and status.
    const cm = new Database(join(dir.path, 'sandbox', 'condo-manager.sqlite'), { readonly: true });
    const cc = new Database(join(dir.path, 'sandbox', 'condo-control.sqlite'), { readonly: true });
    const source = cm
      .prepare(`SELECT 'invoice' AS type, id, unit_id AS unit, total_cents AS cents, status FROM invoices
        UNION ALL SELECT 'payment', id, unit_id, amount_cents, status FROM payments`)
      .all() as { type: string; id: string; unit: string; cents: number; status: string }[];
    const target = cc
      .prepare(`SELECT 'invoice' AS type, i.external_id AS id, u.external_id AS unit, i.total_cents AS cents, i.status FROM invoices i JOIN units u ON u.id = i.unit_id
        UNION ALL SELECT 'payment', p.external_id, u.external_id, p.amount_cents, p.status FROM payments p JOIN units u ON u.id = p.unit_id`)
      .all() as typeof source;
    cm.close();
    cc.close();
    const key = (r: (typeof source)[number]) => `${r.type}|${r.id}|${r.unit}|${r.cents}|${r.status}`;
    expect(target.length).toBe(source.length);
    expect(new Set(target.map(key)).size).toBe(target.length);
    const have = new Set(target.map(key));
    expect(source.filter((r) => !have.has(key(r)))).toEqual([]);

    // The restart wrote only what the first run had not: at most the lines in flight at the kill again.
    const putsAfter = await puts(sandboxes);
    expect(putsAfter - putsBefore).toBeLessThanOrEqual(source.length - running.progress.done + 32);
    expect(putsAfter).toBeLessThanOrEqual(source.length + 32);
    child.process.kill('SIGTERM');
  }, 240_000);
});

async function puts(s: RunningSandboxes): Promise<number> {
  const stats = (await (await fetch(`${s.condoControlUrl}/_sandbox/stats`)).json()) as { requests: Record<string, number> };
  return Object.entries(stats.requests)
    .filter(([k]) => k.startsWith('PUT ') && k.includes('/accounts/'))
    .reduce((n, [, v]) => n + v, 0);
}
