// SharedSettingsStore on a real PostgreSQL database, two engines' stores
// side by side: what one call sets is saved as one whole, concurrent writes
// end with every store reading the database's last word, a value this store
// is still saving is never overwritten by an older one read back, and keys
// that are the machine's own stay in its file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/core/clock';
import { openPostgresEngine, type EngineDatabase } from '../../electron/core/db/connect';
import { migrateEngine } from '../../electron/core/db/migrate-postgres';
import { defaultMigrationsDir } from '../../electron/core/core';
import type { DB } from '../../electron/core/db/schema';
import { silentLogger } from '../../electron/core/log';
import { MemoryStore } from '../../electron/core/settings';
import { SharedSettingsStore, type SharedChange } from '../../electron/core/settings-shared';
import { freshPostgresDatabase } from '../helpers/test-db';

describe('SharedSettingsStore', () => {
  let pgdb: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  const dbs: EngineDatabase<DB>[] = [];
  const files = [new MemoryStore(), new MemoryStore()];
  const stores: SharedSettingsStore[] = [];
  const told: { store: number; keys: string[]; how: SharedChange }[] = [];

  beforeAll(async () => {
    pgdb = await freshPostgresDatabase('settings-store');
    for (const i of [0, 1]) {
      const db = (await openPostgresEngine(pgdb.url, { poolSize: 3 })) as EngineDatabase<DB>;
      if (i === 0) await migrateEngine(db as unknown as EngineDatabase, defaultMigrationsDir());
      dbs.push(db);
      const store = new SharedSettingsStore({ db: db.kysely, local: files[i]!, clock: systemClock, log: silentLogger });
      store.onChange((keys, how) => told.push({ store: i, keys, how }));
      stores.push(store);
    }
    files[0]!.set('groups', { owners: 'Propriétaires', tenants: 'Locataires' });
    files[0]!.set('desktop', { launchAtLogin: true });
    await stores[0]!.load();
    await stores[1]!.load();
  });
  afterAll(async () => {
    for (const db of dbs) await db.close();
    await pgdb?.drop();
  });

  it('keeps the machine’s own keys in its file and the shared ones in the database', async () => {
    expect(stores[1]!.get('groups')).toEqual({ owners: 'Propriétaires', tenants: 'Locataires' });
    expect(stores[1]!.get('desktop')).toBeUndefined();
    stores[1]!.set('desktop', { launchAtLogin: false });
    expect(files[1]!.get('desktop')).toEqual({ launchAtLogin: false });
    expect(stores[0]!.get('desktop')).toEqual({ launchAtLogin: true });
    expect(stores[1]!.writes).toBe(0);
  });

  it('saves what one call sets as one whole: the other store never reads half of it', async () => {
    const reads: unknown[] = [];
    let reading = true;
    // Store 1 reads the two keys over and over while store 0 saves them together.
    const reader = (async () => {
      while (reading) {
        await stores[1]!.reload(['groups', 'retention']);
        reads.push([stores[1]!.get('groups'), stores[1]!.get('retention')]);
      }
    })();
    for (let n = 1; n <= 20; n++) {
      stores[0]!.set('groups', { owners: `Owners ${n}`, tenants: `Renters ${n}` });
      stores[0]!.set('retention', { historyDays: 100 + n, recordEventsDays: n, auditDays: 365 });
      await stores[0]!.saved();
    }
    reading = false;
    await reader;
    for (const [groups, retention] of reads as [{ owners: string } | undefined, { recordEventsDays: number } | undefined][]) {
      if (!retention) continue;
      expect(groups?.owners).toBe(`Owners ${retention.recordEventsDays}`);
    }
    expect(told.filter((t) => t.store === 0 && t.how === 'written').at(-1)?.keys).toEqual(['groups', 'retention']);
  });

  it('concurrent writes of one key: last write wins, and both stores end reading it', async () => {
    await Promise.all(
      Array.from({ length: 10 }, async (_, n) => {
        const s = stores[n % 2]!;
        s.set('schedule', { time: `0${n}:00`, timeZone: 'America/Toronto', reconcileDay: 'sunday' });
        await s.saved();
      }),
    );
    await Promise.all(stores.map((s) => s.reload(['schedule'])));
    const row = await dbs[0]!.kysely.selectFrom('shared_settings').select('value').where('key', '=', 'schedule').executeTakeFirstOrThrow();
    expect(stores[0]!.get('schedule')).toEqual(JSON.parse(row.value));
    expect(stores[1]!.get('schedule')).toEqual(JSON.parse(row.value));
  });

  it('a value still being saved is not overwritten by an older one read back', async () => {
    stores[1]!.set('pause', { since: '2026-11-30T23:00:00.000Z' });
    // Read before the save lands: the database still says something else.
    await stores[1]!.reload(['pause']);
    expect(stores[1]!.get('pause')).toEqual({ since: '2026-11-30T23:00:00.000Z' });
    await stores[1]!.saved();
    await stores[0]!.reload(['pause']);
    expect(stores[0]!.get('pause')).toEqual({ since: '2026-11-30T23:00:00.000Z' });
  });
});
