// Several engine processes on one PostgreSQL database and one pair of
// sandboxes: what an office with N `condo-sync serve` on one database looks
// like, for tests/cluster/engines-*.test.ts. The sandboxes run in the test
// process (real loopback HTTP, their own SQLite), the engines each in a
// process of their own (engine-process.ts), the database is a fresh one in
// the run's private cluster (test-db.ts).
import { join } from 'node:path';
import pg from 'pg';
import { startSandboxes, type RunningSandboxes, type Size } from '../../electron/sandbox';
import type { Systems } from '../faults/matrix';
import { startEngine, type EngineProcess, type EngineProcessOptions } from './engine-process';
import { tempDir } from './temp-dir';
import { freshPostgresDatabase } from './test-db';

export interface EnginesWorld {
  dir: string;
  /** The shared database's URL, and a small pool on it for the test's own reads. */
  databaseUrl: string;
  pool: pg.Pool;
  sandboxes: RunningSandboxes;
  /** The sandboxes' folder (condo-manager.sqlite, condo-control.sqlite), for read-only checks. */
  sandboxDir: string;
  /** The Condo Manager corporations, in the sandbox's order. */
  corporations: { id: string; code: string }[];
  engines: EngineProcess[];
  /** Starts one more engine on the shared database (its own data dir). */
  startEngine(name: string, opts?: Partial<EngineProcessOptions>): Promise<EngineProcess>;
  /** What the fault matrix's verdicts read: both sandboxes, and the people the engines flagged (from the shared database). */
  systems(): Promise<Systems>;
  /** Sums the sandbox's request counts since its last reset: all, or those whose route matches. */
  requests(system: 'cm' | 'cc', route?: RegExp): Promise<number>;
  close(): Promise<void>;
}

export const CM_HEADERS = { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' };

/** Condo Control's write routes as the sandbox names them (not the token route). */
export const CC_WRITES = /^(POST|PUT|PATCH|DELETE) (?!.*\/auth\/token)/;
/** The resident sync's writes (users and units), not the invoice history import that may follow it. */
export const CC_RESIDENT_WRITES = /^(POST|PUT|PATCH|DELETE) \/api\/v1\/workspaces\/\{ws\}\/(users|units)\b/;

export async function createEnginesWorld(opts: { size?: Size; seed?: number } = {}): Promise<EnginesWorld> {
  const dir = tempDir();
  const sandboxDir = join(dir.path, 'sandbox');
  const db = await freshPostgresDatabase('engines');
  const pool = new pg.Pool({ connectionString: db.url, max: 2, application_name: 'condo-sync-test-observer' });
  pool.on('error', () => {}); // the database is dropped under it at the end
  let sandboxes: RunningSandboxes;
  try {
    sandboxes = await startSandboxes({ dataDir: sandboxDir, size: opts.size ?? 'small', ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
  } catch (err) {
    await pool.end();
    await db.drop();
    dir.cleanup();
    throw err;
  }
  const corporations = (await (await fetch(`${sandboxes.condoManagerUrl}/v1/corporations?limit=1000`, { headers: CM_HEADERS })).json()) as { id: string; code: string }[];
  const engines: EngineProcess[] = [];
  // Engines still starting when a test gives up (another failed to start): close() waits for them, then kills them too.
  const pending = new Set<Promise<EngineProcess>>();
  const world: EnginesWorld = {
    dir: dir.path,
    databaseUrl: db.url,
    pool,
    sandboxes,
    sandboxDir,
    corporations,
    engines,
    async startEngine(name, extra = {}) {
      const starting = startEngine({
        name,
        databaseUrl: db.url,
        condoManagerUrl: sandboxes.condoManagerUrl,
        condoControlUrl: sandboxes.condoControlUrl,
        dataDir: join(dir.path, name),
        // Generous per-engine pacing: the sandboxes set no limit unless a test asks.
        rate: { condoManagerPerSec: 1000, condoControlPerSec: 1000, concurrency: 16 },
        ...extra,
      });
      pending.add(starting);
      try {
        const engine = await starting;
        engines.push(engine);
        return engine;
      } finally {
        pending.delete(starting);
      }
    },
    async systems() {
      const rows = await pool.query<{ source_id: string }>("SELECT source_id FROM id_map WHERE entity = 'person' AND sync_status = 'attention'");
      return { sandboxDir, condoManagerUrl: sandboxes.condoManagerUrl, condoControlUrl: sandboxes.condoControlUrl, flagged: new Set(rows.rows.map((r) => r.source_id)) };
    },
    async requests(system, route) {
      const base = system === 'cm' ? sandboxes.condoManagerUrl : sandboxes.condoControlUrl;
      const stats = (await (await fetch(`${base}/_sandbox/stats`)).json()) as { requests: Record<string, number> };
      return Object.entries(stats.requests)
        .filter(([r]) => !route || route.test(r))
        .reduce((n, [, v]) => n + v, 0);
    },
    async close() {
      // SIGKILL: a clean stop is not what these tests are about, and a stuck one must not hold the suite.
      await Promise.allSettled([...pending]);
      await Promise.all(engines.map((e) => e.kill9()));
      await sandboxes.close();
      await pool.end().catch(() => {});
      await db.drop().catch(() => {});
      dir.cleanup();
    },
  };
  return world;
}

/** Polls until fn answers something other than undefined/false, or throws after ms with what it was waiting for. */
export async function eventually<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, ms: number, everyMs = 100): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err; // an engine busy or gone for a moment: try again until the deadline
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
