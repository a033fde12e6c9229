import type pg from 'pg';
import { openPostgresPool } from '../../electron/core/db/connect';
import { freshPostgresDatabase } from '../helpers/test-db';

/** A fresh database in the run's cluster, and a pool per engine on it (each engine has its own pool, as separate processes would). */
export async function sharedDatabase(engines = 2, poolSize = 6): Promise<{ url: string; pools: pg.Pool[]; cleanup(): Promise<void> }> {
  const db = await freshPostgresDatabase('cluster');
  // The engine's own pool factory, as the engines will use it (driver defaults: int8 as strings, which graphile-worker expects).
  const pools = await Promise.all(Array.from({ length: engines }, (_, i) => openPostgresPool(db.url, { poolSize, applicationName: `condo-sync-test-engine-${i}`, onIdleError: () => {} })));
  return {
    url: db.url,
    pools,
    async cleanup() {
      await Promise.all(pools.map((p) => p.end().catch(() => {})));
      await db.drop();
    },
  };
}

/** Polls until fn returns a value (not undefined) or ms pass. */
export async function until<T>(fn: () => T | undefined | Promise<T | undefined>, ms: number, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
