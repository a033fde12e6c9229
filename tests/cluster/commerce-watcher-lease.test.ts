// Issue 13: one commerce watcher per building across engines. Two engines
// (each its own pools, as two processes would have) share one PostgreSQL
// database and one Condo Manager sandbox on loopback; each runs a
// CommerceService with the cluster's LeaseKeeper. A building is followed by
// exactly one of them; an invoice saved in Condo Manager is queued once; when
// the following engine loses the database (its lease can no longer be
// renewed), its watcher stops and the other engine follows the building from
// the saved cursor, so the next invoice is queued by the survivor. A paused
// engine gives its buildings up to one that is not paused.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { Kysely } from 'kysely';
import { LeaseKeeper } from '../../electron/core/cluster/lease';
import { systemClock } from '../../electron/core/clock';
import { defaultMigrationsDir } from '../../electron/core/core';
import { openPostgresPool, type EngineDatabase } from '../../electron/core/db/connect';
import { openPostgresStore } from '../../electron/core/db/open-store';
import { LedgerRepository } from '../../electron/core/db/repositories/ledger';
import type { DB } from '../../electron/core/db/schema';
import { EventBus } from '../../electron/core/events';
import type { JobRequest } from '../../electron/core/jobs/queue';
import { silentLogger } from '../../electron/core/log';
import { SyncCache } from '../../electron/core/sync/cache';
import { CommerceService, watcherLease } from '../../electron/core/sync/commerce-service';
import { KeyedLock } from '../../electron/core/sync/keyed-lock';
import { CondoManagerDesk, createSystems } from '../../electron/core/systems';
import { SANDBOX_CREDENTIALS } from '../../electron/runtime/boot';
import { startSandboxes, type RunningSandboxes } from '../../electron/sandbox';
import { freshPostgresDatabase } from '../helpers/test-db';
import { tempDir } from '../helpers/temp-dir';
import { until } from './helpers';

const TTL_MS = 1_500;

interface Engine {
  database: EngineDatabase;
  pool: pg.Pool;
  keeper?: LeaseKeeper;
  service: CommerceService;
  queued: JobRequest[];
  close(): Promise<void>;
}

describe('one commerce watcher per building across engines', () => {
  const dir = tempDir();
  let sandboxes: RunningSandboxes;
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let systems: ReturnType<typeof createSystems>;
  let desk: CondoManagerDesk;
  let corps: string[];
  let unitOf: Map<string, string>;
  const engines: Engine[] = [];

  async function engine(i: number): Promise<Engine> {
    const database = await openPostgresStore(db.url, { migrationsDir: defaultMigrationsDir(), log: silentLogger, postgres: { poolSize: 4 } });
    const pool = await openPostgresPool(db.url, { poolSize: 2, applicationName: `condo-sync-test-engine-${i}`, onIdleError: () => {} });
    const kysely = database.kysely as Kysely<DB>;
    const queued: JobRequest[] = [];
    const e: Partial<Engine> = { database, pool, queued };
    e.service = new CommerceService({
      deps: { ledger: new LedgerRepository(kysely), cache: new SyncCache(kysely), cm: systems.condoManager, cc: systems.condoControl, clock: systemClock, log: silentLogger, locks: new KeyedLock() },
      events: new EventBus(),
      enqueue: (req) => void queued.push(req),
      waitSec: 1,
      backoff: { baseMs: 50, capMs: 200 },
      leases: (handlers) => (e.keeper = new LeaseKeeper({ pool, owner: `engine-${i}`, ttlMs: TTL_MS, ...handlers })),
    });
    e.close = async () => {
      await e.service!.stop();
      await e.keeper!.stop();
      await pool.end().catch(() => {});
      await database.close();
    };
    return e as Engine;
  }

  /** Which engines read a building's feed now. */
  const followers = async (corp: string) => engines.flatMap((e, i) => (e.service.following().includes(corp) ? [i] : []));
  const realtimeJobs = (e: Engine, corp: string) => e.queued.filter((r) => r.kind === 'commerce' && r.corporationId === corp).length;

  beforeAll(async () => {
    sandboxes = await startSandboxes({ dataDir: join(dir.path, 'sandbox'), size: 'small' });
    systems = createSystems({
      condoManager: { url: sandboxes.condoManagerUrl, ...SANDBOX_CREDENTIALS.condoManager },
      condoControl: { url: sandboxes.condoControlUrl, ...SANDBOX_CREDENTIALS.condoControl },
    });
    desk = new CondoManagerDesk(systems.condoManager);
    db = await freshPostgresDatabase('watchers');
    // The buildings linked to Condo Control, as a first resident sync leaves them.
    const list = (await systems.condoManager.listCorporations()).items;
    corps = list.map((c) => c.id);
    unitOf = new Map();
    engines.push(await engine(0), await engine(1));
    const cache = new SyncCache(engines[0]!.database.kysely as Kysely<DB>);
    await cache.upsertCorporations(list, new Date().toISOString());
    for (const c of list) {
      await cache.setWorkspace(c.id, `ws-${c.code}`);
      for await (const page of systems.condoManager.iterateUnits(c.id, { limit: 1 })) {
        unitOf.set(c.id, page.items[0]!.id);
        break;
      }
    }
  });
  afterAll(async () => {
    for (const e of engines) await e.close().catch(() => {});
    systems?.close();
    await sandboxes?.close();
    await db?.drop();
    dir.cleanup();
  });

  it('both engines starting at once: every building is followed by exactly one of them, and stays so', async () => {
    await Promise.all(engines.map((e) => e.service.ensureWatchers()));
    for (const corp of corps) {
      await until(async () => ((await followers(corp)).length === 1 ? true : undefined), 10_000, `one follower of ${corp}`);
    }
    // Renewals (every TTL/3) keep it that way.
    await new Promise((r) => setTimeout(r, TTL_MS * 1.5));
    for (const corp of corps) expect(await followers(corp)).toHaveLength(1);
    // Both consoles say the same: live, every building listed once, also on the engine that follows none of them.
    for (const e of engines) {
      const status = await until(async () => {
        const s = await e.service.status();
        return s.state === 'live' ? s : undefined;
      }, 10_000, 'live on both engines');
      expect(status.buildings.map((b) => b.corporationId).sort()).toEqual([...corps].sort());
    }
  });

  it('an invoice saved in Condo Manager is queued for its building once, by the engine following it', async () => {
    const corp = corps[0]!;
    const [owner] = await followers(corp);
    await until(async () => ((await engines[owner!]!.service.status()).buildings.find((b) => b.corporationId === corp)?.state === 'live' ? true : undefined), 10_000, 'live');
    const before = engines.map((e) => realtimeJobs(e, corp));
    await desk.createInvoice(corp, { unitId: unitOf.get(corp)!, kind: 'CommonExpense', date: '2026-11-30', dueDate: '2026-12-01', lines: [{ description: 'Frais communs – Décembre', amountCents: 41_500 }] });
    await until(() => (realtimeJobs(engines[owner!]!, corp) > before[owner!]! ? true : undefined), 10_000, 'the follower to queue the invoice');
    // The other engine reads no feed for this building: it queues nothing.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(realtimeJobs(engines[1 - owner!]!, corp)).toBe(before[1 - owner!]);
    const feed = await new LedgerRepository(engines[0]!.database.kysely as Kysely<DB>).feed(corp);
    expect(feed.pendingSince).not.toBeNull();
  });

  it('syncing paused on the following engine: it gives the building up, the other follows it; resumed, it does not take it back', async () => {
    const corp = corps[0]!;
    const [owner] = await followers(corp);
    const paused = engines[owner!]!;
    const other = 1 - owner!;
    await paused.service.hold('Syncing is paused.');
    expect(paused.service.following()).toEqual([]);
    expect((await paused.service.status()).state).toBe('paused');
    await until(async () => ((await followers(corp)).join() === String(other) ? true : undefined), TTL_MS * 2, 'the other engine to follow');
    paused.service.release();
    await new Promise((r) => setTimeout(r, TTL_MS));
    expect(await followers(corp)).toEqual([other]);
  });

  it('the following engine loses the database: its watcher stops, the other follows within ttl + renewal, the next invoice is queued by it', async () => {
    const corp = corps[0]!;
    const [owner] = await followers(corp);
    const dead = engines[owner!]!;
    const survivor = engines[1 - owner!]!;
    const started = Date.now();
    // Its lease can no longer be renewed (as when the engine is cut off): it gives the building up itself.
    await dead.pool.end();
    await until(async () => ((await followers(corp)).join() === String(1 - owner!) ? true : undefined), 10_000, 'the survivor to follow alone');
    expect(Date.now() - started).toBeLessThan(TTL_MS * 2 + 2_000);
    expect(survivor.keeper!.holds(watcherLease(corp))).toBe(true);
    await until(async () => ((await survivor.service.status()).buildings.find((b) => b.corporationId === corp)?.state === 'live' ? true : undefined), 10_000, 'live on the survivor');
    const before = realtimeJobs(survivor, corp);
    const deadBefore = realtimeJobs(dead, corp);
    await desk.createInvoice(corp, { unitId: unitOf.get(corp)!, kind: 'CommonExpense', date: '2026-11-30', dueDate: '2026-12-01', lines: [{ description: 'Pénalité de retard', amountCents: 2_500 }] });
    await until(() => (realtimeJobs(survivor, corp) > before ? true : undefined), 10_000, 'the survivor to queue the invoice');
    expect(realtimeJobs(dead, corp)).toBe(deadBefore);
  });
});
