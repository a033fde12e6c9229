// Two engines (two createCore, each with its own settings file and pool) on
// one PostgreSQL database against one pair of sandboxes: the settings that
// decide what the sync does and when are the database's, not each engine's
// file (electron/core/settings-shared.ts). A group mapping saved on one
// engine is the one the other engine's next job writes to Condo Control;
// a pause on one engine holds the other's queue; a restarted engine reads
// the database, not its file; a save the database refuses changes nothing.
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '@shared/contract';
import type { Job, PauseState, Schedule, Settings } from '@shared/types';
import { createCore, defaultMigrationsDir, type Core } from '../../electron/core/core';
import { openPostgresStore } from '../../electron/core/db/open-store';
import { silentLogger } from '../../electron/core/log';
import { MemoryStore } from '../../electron/core/settings';
import { SANDBOX_CREDENTIALS } from '../../electron/runtime/boot';
import { startSandboxes, type RunningSandboxes } from '../../electron/sandbox';
import { tempDir } from '../helpers/temp-dir';
import { freshPostgresDatabase } from '../helpers/test-db';
import { until } from './helpers';

describe('engines on one PostgreSQL database share their settings and their pause', () => {
  const dir = tempDir();
  let sandboxes: RunningSandboxes;
  let pgdb: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let observer: pg.Pool;
  const cores: (Core | undefined)[] = [];
  /** Each engine's settings file, kept across its restarts. */
  const files = [new MemoryStore(), new MemoryStore()];
  const seen: { engine: number; name: EventName; payload: unknown; relayed: boolean }[] = [];

  const startCore = async (engine: number) => {
    const database = await openPostgresStore(pgdb.url, { migrationsDir: defaultMigrationsDir(), log: silentLogger, postgres: { poolSize: 4 } });
    const core = createCore({
      dataDir: join(dir.path, `engine-${engine}`),
      adapter: 'http',
      logger: silentLogger,
      database,
      settings: files[engine],
      systems: {
        mode: 'live',
        condoManager: { url: sandboxes.condoManagerUrl, ...SANDBOX_CREDENTIALS.condoManager },
        condoControl: { url: sandboxes.condoControlUrl, ...SANDBOX_CREDENTIALS.condoControl },
      },
      initialSync: false,
      realtime: false,
      systemsPolicy: { rate: { condoManagerPerSec: 400, condoControlPerSec: 400, concurrency: 8 } },
      cluster: { engineId: `engine-${engine}-${cores.length}`, workers: 2, heartbeatMs: 250, staleMs: 1500, pollIntervalMs: 200 },
    });
    core.events.subscribe((name, payload, meta) => seen.push({ engine, name, payload, relayed: meta.relayed === true }));
    await core.start();
    cores[engine] = core;
    return core;
  };
  const call = <T>(engine: number, method: string, input: unknown = {}) => cores[engine]!.call(method, input) as Promise<T>;
  const job = (engine: number, id: string) => call<Job>(engine, 'jobs.get', { id, limit: 1 });

  let ccToken: string;
  const cc = async <T>(path: string): Promise<T> => {
    ccToken ??= ((await (await fetch(`${sandboxes.condoControlUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SANDBOX_CREDENTIALS.condoControl) })).json()) as { accessToken: string }).accessToken;
    return (await (await fetch(`${sandboxes.condoControlUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${ccToken}` } })).json()) as T;
  };

  beforeAll(async () => {
    sandboxes = await startSandboxes({ dataDir: join(dir.path, 'sandbox'), size: 'small' });
    pgdb = await freshPostgresDatabase('shared-settings');
    observer = new pg.Pool({ connectionString: pgdb.url, max: 1 });
    observer.on('error', () => {});
    // Engine 0's file holds what it was given before engines shared settings; engine 1's holds other values.
    files[0]!.set('schedule', { time: '03:30', timeZone: 'America/Montreal', reconcileDay: 'saturday' });
    files[0]!.set('pause', { since: new Date().toISOString() });
    files[1]!.set('schedule', { time: '01:00', timeZone: 'America/Vancouver', reconcileDay: 'monday' });
    files[1]!.set('groups', { owners: 'Owners', tenants: 'Board Members' });
    await startCore(0);
    await startCore(1);
  }, 60_000);
  afterAll(async () => {
    for (const core of cores) await core?.stop();
    await observer?.end();
    await sandboxes?.close();
    await pgdb?.drop();
    dir.cleanup();
  });

  it('an empty database takes the first engine’s settings (not its pause); the second engine’s file is not read', async () => {
    for (const engine of [0, 1]) {
      expect(await call<Schedule>(engine, 'schedule.get')).toMatchObject({ time: '03:30', timeZone: 'America/Montreal', reconcileDay: 'saturday' });
      expect((await call<Settings>(engine, 'settings.get')).groups).toEqual({ owners: 'Owners', tenants: 'Renters' });
      expect(cores[engine]!.pause.state()).toEqual({ paused: false });
    }
    const { rows } = await observer.query<{ key: string }>('SELECT key FROM shared_settings ORDER BY key');
    expect(rows.map((r) => r.key)).toEqual(['schedule', 'scheduleSince']);
  });

  it('a group mapping saved on engine 0 reaches engine 1 live, and is what engine 1’s next sync writes to Condo Control', async () => {
    const from = seen.length;
    const saved = await call<Settings>(0, 'settings.set', { groups: { owners: 'owners', tenants: 'residents' } });
    // Condo Control's spelling, checked against its groups before anything was written.
    expect(saved.groups).toEqual({ owners: 'Owners', tenants: 'Residents' });
    await until(() => seen.slice(from).find((e) => e.engine === 1 && e.name === 'settings.changed' && e.relayed), 5000, 'settings.changed on engine 1');
    expect((await call<Settings>(1, 'settings.get')).groups).toEqual({ owners: 'Owners', tenants: 'Residents' });

    // Engine 0 stops, so engine 1 runs the job (its file still says tenants go to Board Members).
    await cores[0]!.stop();
    cores[0] = undefined;
    const started = await call<Job>(1, 'sync.start', { kind: 'residents', trigger: 'manual' });
    const done = await until(async () => {
      const j = await job(1, started.id);
      return ['succeeded', 'partial', 'failed'].includes(j.status) ? j : undefined;
    }, 60_000, 'the sync on engine 1');
    expect(done.status).toBe('succeeded');
    const ws = (await cc<{ id: string }[]>('/workspaces?limit=1000'))[0]!.id;
    const groups = Object.fromEntries((await cc<{ id: string; name: string }[]>(`/workspaces/${ws}/groups`)).map((g) => [g.name, g.id]));
    // The residents this sync wrote (Condo Control's own users have no Condo Manager id).
    const synced = (await cc<{ groupIds: string[]; externalId?: string | null }[]>(`/workspaces/${ws}/users?limit=1000`)).filter((u) => u.externalId);
    expect(synced.filter((u) => u.groupIds.includes(groups.Residents!)).length).toBeGreaterThan(0);
    expect(synced.filter((u) => u.groupIds.includes(groups.Owners!)).length).toBeGreaterThan(0);
    expect(synced.some((u) => u.groupIds.includes(groups.Renters!) || u.groupIds.includes(groups['Board Members']!))).toBe(false);
  }, 90_000);

  it('a restarted engine reads the shared settings, not its own file', async () => {
    files[0]!.set('groups', { owners: 'Owners', tenants: 'Renters' });
    await startCore(0);
    expect((await call<Settings>(0, 'settings.get')).groups).toEqual({ owners: 'Owners', tenants: 'Residents' });
    expect((await call<Schedule>(0, 'schedule.get')).time).toBe('03:30');
  }, 30_000);

  it('a pause on engine 1 holds engine 0’s nightly run; a resume on engine 0 lets it run on either', async () => {
    const from = seen.length;
    const paused = await call<PauseState>(1, 'sync.pause', {});
    expect(paused).toMatchObject({ paused: true });
    await until(() => (cores[0]!.pause.isPaused() ? true : undefined), 5000, 'engine 0 to be paused');
    expect(seen.slice(from).filter((e) => e.engine === 0 && e.name === 'pause.changed').map((e) => (e.payload as PauseState).paused)).toEqual([true]);
    expect((await call<{ pause: PauseState }>(0, 'app.info')).pause).toEqual(paused);

    // What engine 0's scheduler queues while paused waits, on every engine.
    const nightly = await cores[0]!.runner.enqueue({ kind: 'residents', trigger: 'schedule', dryRun: false });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await job(1, nightly.id)).status).toBe('queued');

    expect(await call<PauseState>(0, 'sync.resume')).toEqual({ paused: false });
    await until(() => (cores[1]!.pause.isPaused() ? undefined : true), 5000, 'engine 1 to resume');
    const done = await until(async () => {
      const j = await job(1, nightly.id);
      return ['succeeded', 'partial', 'failed'].includes(j.status) ? j : undefined;
    }, 60_000, 'the held nightly run');
    expect(done.status).toBe('succeeded');
    expect(seen.filter((e) => e.engine === 1 && e.name === 'pause.changed').map((e) => (e.payload as PauseState).paused)).toEqual([true, false]);
  }, 90_000);

  it('a schedule changed on engine 1 moves engine 0’s next run', async () => {
    const next = await call<Schedule>(1, 'schedule.set', { time: '04:15', timeZone: 'America/Toronto', reconcileDay: 'sunday' });
    await until(async () => ((await call<Schedule>(0, 'schedule.get')).time === '04:15' ? true : undefined), 5000, 'engine 0 to read the new schedule');
    expect((await call<Schedule>(0, 'schedule.get')).nextRunAt).toBe(next.nextRunAt);
  });

  it('a save the database refuses answers unavailable and changes nothing on either engine', async () => {
    const before = await call<Settings>(0, 'settings.get');
    await observer.query('ALTER TABLE shared_settings RENAME TO shared_settings_away');
    try {
      await expect(call(0, 'settings.set', { groups: { owners: 'Owners', tenants: 'Renters' }, retention: { historyDays: 60, recordEventsDays: 20 } })).rejects.toMatchObject({ code: 'unavailable' });
      await expect(call(0, 'sync.pause', {})).rejects.toMatchObject({ code: 'unavailable' });
    } finally {
      await observer.query('ALTER TABLE shared_settings_away RENAME TO shared_settings');
    }
    // Neither half of the refused change (groups and retention were one save).
    for (const engine of [0, 1]) {
      const now = await call<Settings>(engine, 'settings.get');
      expect(now.retention).toEqual(before.retention);
      expect(now.groups).toEqual({ owners: 'Owners', tenants: 'Residents' });
    }
    expect(cores[0]!.pause.state()).toEqual({ paused: false });
    expect(cores[1]!.pause.state()).toEqual({ paused: false });
    // The engine works on once the database does.
    await call(0, 'settings.set', { retention: { historyDays: 45, recordEventsDays: 15 } });
    await until(async () => ((await call<Settings>(1, 'settings.get')).retention.historyDays === 45 ? true : undefined), 5000, 'engine 1 to read the retention');
  });
});
