import { join } from 'node:path';
import { sql } from 'kysely';
import { createCore, defaultMigrationsDir, type Core, type CoreOptions } from '../../electron/core/core';
import { openPostgresStore } from '../../electron/core/db/open-store';
import { openPostgresEngine, openSqliteEngine } from '../../electron/core/db/connect';
import { silentLogger } from '../../electron/core/log';
import { startSandboxes, type RunningSandboxes, type SandboxOptions } from '../../electron/sandbox';
import { CondoManagerDesk, createSystems } from '../../electron/core/systems';
import { SANDBOX_CREDENTIALS } from '../../electron/runtime/boot';
import { tempDir } from './temp-dir';
import { freshPostgresDatabase, testBackend } from './test-db';

export interface World {
  dir: string;
  sandboxes: RunningSandboxes;
  core: Core;
  desk: CondoManagerDesk;
  corp: string;
  /** Raw access to the sandboxes' HTTP API (no client policy). */
  cc: (path: string, init?: RequestInit) => Promise<Response>;
  sandbox(system: 'cm' | 'cc', path: string, body?: unknown, method?: string): Promise<unknown>;
  /** Runs one sync to the end and returns the job with its outcomes. */
  sync(input?: Record<string, unknown>): Promise<import('@shared/types').JobDetail>;
  restartCore(opts?: Partial<CoreOptions>): Promise<void>;
  /** Runs one statement (`?` placeholders) on the console's database while its core is stopped: the SQLite file, or its PostgreSQL database. */
  offlineSql(text: string, ...params: unknown[]): Promise<void>;
  close(): Promise<void>;
}

/** Both sandboxes on loopback and a core pointed at them, in a temp data dir. */
export async function createWorld(opts: { size?: SandboxOptions['size']; seed?: number; core?: Partial<CoreOptions> } = {}): Promise<World> {
  const dir = tempDir();
  const sandboxes = await startSandboxes({ dataDir: join(dir.path, 'sandbox'), size: opts.size ?? 'small', seed: opts.seed });
  const endpoints = {
    mode: 'live' as const,
    condoManager: { url: sandboxes.condoManagerUrl, ...SANDBOX_CREDENTIALS.condoManager },
    condoControl: { url: sandboxes.condoControlUrl, ...SANDBOX_CREDENTIALS.condoControl },
  };
  // CONDO_SYNC_TEST_DB=postgres: the engine's state in a database of this world's own,
  // and another one for each other data dir a restart asks for (a new data dir is a new console).
  const pgdbs = new Map<string, Awaited<ReturnType<typeof freshPostgresDatabase>>>();
  const pgFor = async (dataDir: string) => {
    if (testBackend !== 'postgres') return undefined;
    if (!pgdbs.has(dataDir)) pgdbs.set(dataDir, await freshPostgresDatabase('world'));
    return pgdbs.get(dataDir);
  };
  const defaultDataDir = join(dir.path, 'console');
  let currentDataDir = opts.core?.dataDir ?? defaultDataDir;
  const makeCore = async (extra: Partial<CoreOptions> = {}) => {
    currentDataDir = extra.dataDir ?? opts.core?.dataDir ?? defaultDataDir;
    const pg = await pgFor(currentDataDir);
    const database = pg && (await openPostgresStore(pg.url, { migrationsDir: defaultMigrationsDir(), log: silentLogger, postgres: { poolSize: 4 } }));
    try {
      return createCore({
        dataDir: defaultDataDir,
        adapter: 'http',
        logger: silentLogger,
        systems: endpoints,
        initialSync: false,
        // Resident-sync tests count their own requests; commerce tests turn the feed on.
        realtime: false,
        systemsPolicy: { rate: { condoManagerPerSec: 500, condoControlPerSec: 500, concurrency: 16 }, policy: { timeoutMs: 3_000, backoffBaseMs: 5, backoffCapMs: 50 } },
        ...(database ? { database } : {}),
        ...opts.core,
        ...extra,
      });
    } catch (err) {
      await database?.close();
      throw err;
    }
  };
  let core: Core;
  try {
    core = await makeCore();
    await core.start();
  } catch (err) {
    await sandboxes.close();
    for (const d of pgdbs.values()) await d.drop();
    dir.cleanup();
    throw err;
  }
  const deskSystems = createSystems({ condoManager: endpoints.condoManager, condoControl: endpoints.condoControl });
  const desk = new CondoManagerDesk(deskSystems.condoManager);
  const corps = await deskSystems.condoManager.listCorporations();
  const base = (system: 'cm' | 'cc') => (system === 'cm' ? sandboxes.condoManagerUrl : sandboxes.condoControlUrl);
  let ccToken: string | undefined;

  const world: World = {
    dir: dir.path,
    sandboxes,
    get core() {
      return core;
    },
    desk,
    corp: corps.items[0]!.id,
    async cc(path, init = {}) {
      if (!ccToken) {
        const res = await fetch(`${sandboxes.condoControlUrl}/api/v1/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(SANDBOX_CREDENTIALS.condoControl),
        });
        ccToken = ((await res.json()) as { accessToken: string }).accessToken;
      }
      return fetch(`${sandboxes.condoControlUrl}/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${ccToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
      });
    },
    async sandbox(system, path, body, method) {
      const res = await fetch(`${base(system)}/_sandbox${path}`, {
        method: method ?? (body === undefined ? 'GET' : 'POST'),
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return res.json();
    },
    async sync(input = {}) {
      const job = (await core.call('sync.start', { kind: 'residents', trigger: 'manual', ...input })) as { id: string };
      await core.runner.idle();
      return (await core.call('jobs.get', { id: job.id, limit: 1000 })) as import('@shared/types').JobDetail;
    },
    async offlineSql(text, ...params) {
      const pg = await pgFor(currentDataDir);
      const database = pg ? await openPostgresEngine(pg.url, { poolSize: 1 }) : openSqliteEngine(join(currentDataDir, 'condo-sync.sqlite'));
      try {
        const parts = text.split('?');
        await sql(Object.assign(parts, { raw: parts }), ...params).execute(database.kysely);
      } finally {
        await database.close();
      }
    },
    async restartCore(extra) {
      await core.stop();
      core = await makeCore(extra);
      await core.start();
    },
    async close() {
      await core.stop();
      deskSystems.close();
      await sandboxes.close();
      for (const d of pgdbs.values()) await d.drop();
      dir.cleanup();
    },
  };
  return world;
}

/**
 * Rows of one SQL statement on the world's engine database, whichever
 * backend it is (`?` placeholders; portable SQL only). For tests that look
 * at or poke the engine's state directly.
 */
export async function dbRows<T = Record<string, unknown>>(world: Pick<World, 'core'>, text: string, ...params: unknown[]): Promise<T[]> {
  const parts = text.split('?');
  return (await sql<T>(Object.assign(parts, { raw: parts }), ...params).execute(world.core.database.kysely)).rows;
}

/** Every user of every workspace, straight from the Condo Control sandbox. */
export async function allUsers(world: World): Promise<Record<string, unknown>[]> {
  const workspaces = (await (await world.cc('/workspaces?limit=1000')).json()) as { id: string }[];
  const out: Record<string, unknown>[] = [];
  for (const ws of workspaces) {
    for (let offset = 0; ; offset += 1000) {
      const page = (await (await world.cc(`/workspaces/${ws.id}/users?limit=1000&offset=${offset}`)).json()) as Record<string, unknown>[];
      out.push(...page);
      if (page.length < 1000) break;
    }
  }
  return out;
}

export interface CmPerson {
  id: string;
  role: 'owner' | 'tenant';
  firstName: string;
  lastName: string;
  email: string | null;
  status: 'Active' | 'Past';
  unitIds: string[];
}

/** Every owner and tenant (Past included), straight from the Condo Manager sandbox. */
export async function cmPeople(world: World): Promise<CmPerson[]> {
  const get = async (role: 'owner' | 'tenant') => {
    const res = await fetch(`${world.sandboxes.condoManagerUrl}/v1/corporations/${world.corp}/${role}s?limit=1000&includePast=true`, {
      headers: { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' },
    });
    return ((await res.json()) as Omit<CmPerson, 'role'>[]).map((p) => ({ ...p, role }));
  };
  return [...(await get('owner')), ...(await get('tenant'))];
}
