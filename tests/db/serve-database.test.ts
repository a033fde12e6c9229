import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { AccessKey, CreatedAccessKey } from '@shared/access';
import type { AppInfo, Job, Page, Schedule } from '@shared/types';
import { AppError } from '@shared/errors';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../../electron/core/core';
import { loadMigrations } from '../../electron/core/db/migrate';
import { silentLogger } from '../../electron/core/log';
import { readLock } from '../../electron/runtime/lock';
import { main } from '../../electron/host/cli';
import { startHost, type RunningHost } from '../../electron/host/server';
import { tempDir } from '../helpers/temp-dir';
import { freshPostgresDatabase } from '../helpers/test-db';
import { freePort } from '../helpers/free-port';

const SECRET = 'n0t-in-any-0utput';

/** A data dir's settings file as text (empty when the engine never wrote one). */
const settingsFile = (dataDir: string) => (existsSync(join(dataDir, 'settings.json')) ? readFileSync(join(dataDir, 'settings.json'), 'utf8') : '');

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error('expected startHost to refuse');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('serve --database / CONDO_SYNC_DATABASE_URL', () => {
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let dir: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    db = await freshPostgresDatabase('serve');
  });
  afterAll(async () => {
    await db?.drop();
  });
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.cleanup());

  const migratedVersions = async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
    } catch {
      return [];
    } finally {
      await client.end();
    }
  };

  /** One contract call over the host's HTTP, as a browser console makes it. */
  const call = async <T>(host: RunningHost, method: string, body?: unknown): Promise<T> => {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await res.json()) as { ok: boolean; result?: T; error?: { code: string; message: string } };
    if (!answer.ok) throw new Error(`${method}: ${answer.error?.code} ${answer.error?.message}`);
    return answer.result as T;
  };
  /**
   * The jobs as listed, once the sandbox's first sync and the invoice history import it queues as it ends
   * have both finished (the import is queued just after the sync reads `succeeded`, so "nothing running"
   * alone can be read in between).
   */
  const settledJobs = async (host: RunningHost): Promise<Job[]> => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const page = await call<Page<Job>>(host, 'jobs.list', { limit: 50 });
      const has = (kind: Job['kind']) => page.items.some((j) => j.kind === kind);
      if (has('residents') && has('commerce-reconcile') && page.items.every((j) => j.status !== 'queued' && j.status !== 'running')) return page.items;
      if (Date.now() > deadline) throw new Error(`jobs still running: ${page.items.map((j) => `${j.kind}:${j.status}`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const rows = async <T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('serves the contract on PostgreSQL: migrated, answering, its jobs and keys in the database and no SQLite file in the data dir', async () => {
    const host = await startHost({ dataDir: dir.path, database: db.url, env: {}, logger: silentLogger });
    try {
      expect(await migratedVersions()).toEqual(loadMigrations(defaultMigrationsDir()).map((m) => m.version));
      const info = await call<AppInfo>(host, 'app.info');
      expect(info).toMatchObject({ adapter: 'http', mode: 'sandbox' });

      // The sandbox's first sync ran on this engine, and what jobs.list shows is PostgreSQL's jobs table.
      const jobs = await settledJobs(host);
      expect(jobs.find((j) => j.kind === 'residents')).toMatchObject({ trigger: 'initial', status: 'succeeded' });
      const stored = await rows<{ id: string; status: string }>(db.url, 'SELECT id, status FROM jobs');
      const byId = (list: { id: string; status: string }[]) => list.map((j) => `${j.id} ${j.status}`).sort();
      expect(byId(stored)).toEqual(byId(jobs));

      // A key made through the contract is a row in PostgreSQL, under the name as typed.
      const key = await call<CreatedAccessKey>(host, 'keys.create', { name: 'Zoë O’Brien (support)', role: 'support' });
      const keyRows = await rows<{ name: string }>(db.url, 'SELECT name FROM access_keys');
      expect(keyRows.map((r) => r.name)).toContain('Zoë O’Brien (support)');
      expect(JSON.stringify(keyRows)).not.toContain(key.key);

      // The data dir keeps settings and logs only: no engine state beside them.
      expect(existsSync(join(dir.path, 'condo-sync.sqlite'))).toBe(false);
      expect(readLock(dir.path)).toMatchObject({ port: host.port });
    } finally {
      await host.close();
    }
    expect(readLock(dir.path)).toBeUndefined();
  });

  it('takes the URL from CONDO_SYNC_DATABASE_URL when --database is absent: a server on another data dir serves the same state', async () => {
    const other = await freshPostgresDatabase('serve_env');
    const second = tempDir();
    try {
      const first = await startHost({ dataDir: dir.path, env: { CONDO_SYNC_DATABASE_URL: other.url }, logger: silentLogger });
      let firstJobs: string[];
      try {
        firstJobs = (await settledJobs(first)).map((j) => j.id);
        await call(first, 'keys.create', { name: 'Marie (front desk)', role: 'property_manager' });
        await call(first, 'schedule.set', { time: '05:20', timeZone: 'America/Halifax', reconcileDay: 'friday' });
      } finally {
        await first.close();
      }
      // Another machine's data dir, the same database: the history and the keys are there.
      const again = await startHost({ dataDir: second.path, env: { CONDO_SYNC_DATABASE_URL: other.url }, logger: silentLogger });
      try {
        const listed = (await call<Page<Job>>(again, 'jobs.list', { limit: 50 })).items.map((j) => j.id);
        expect(listed).toEqual(expect.arrayContaining(firstJobs));
        const keys = await call<AccessKey[]>(again, 'keys.list');
        expect(keys.map((k) => k.name)).toContain('Marie (front desk)');
        // The schedule is the database's (shared by every engine on it), not the first data dir's settings file.
        expect(await call<Schedule>(again, 'schedule.get')).toMatchObject({ time: '05:20', timeZone: 'America/Halifax', reconcileDay: 'friday' });
        for (const d of [dir.path, second.path]) expect(settingsFile(d)).not.toContain('05:20');
      } finally {
        await again.close();
      }
      expect(existsSync(join(dir.path, 'condo-sync.sqlite'))).toBe(false);
      expect(existsSync(join(second.path, 'condo-sync.sqlite'))).toBe(false);
    } finally {
      second.cleanup();
      await other.drop();
    }
  });

  it('a server that does not answer: typed unavailable, data dir released, no password anywhere', async () => {
    const port = await freePort();
    const err = await rejection(startHost({ dataDir: dir.path, database: `postgres://condo:${SECRET}@127.0.0.1:${port}/condo`, env: {}, logger: silentLogger }));
    expect(err.code).toBe('unavailable');
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain(SECRET);
    expect(readLock(dir.path)).toBeUndefined();
  });

  it('the CLI refuses a URL that is not PostgreSQL with exit code 2, without echoing the password', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (msg: string) => errors.push(msg);
    try {
      expect(await main(['serve', '--no-build', '--data-dir', dir.path, '--database', `mysql://root:${SECRET}@db/condo`])).toBe(2);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toMatch(/not a usable PostgreSQL URL/);
    expect(errors.join('\n')).not.toContain(SECRET);
  });
});
