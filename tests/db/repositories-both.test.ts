import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldText } from '@shared/people-text';
import { defaultMigrationsDir } from '../../electron/core/core';
import { createRepositories, type Repositories } from '../../electron/core/db/repositories';
import type { Executor } from '../../electron/core/db/kysely';
import { migrateEngine } from '../../electron/core/db/migrate-postgres';
import { SyncCache } from '../../electron/core/sync/cache';
import type { CmUnit, Owner, Tenant } from '../../electron/core/systems/schemas';
import { openTestEngine } from '../helpers/test-db';

/**
 * The repositories that exist so far, run on SQLite and on PostgreSQL with
 * the same messy portfolio written through the sync's own cache: every read
 * must give the same answer on both, and the answers the Unit File relies on
 * (order, search, status counts) are pinned.
 */
const backends = ['sqlite', 'postgres'] as const;
type Backend = (typeof backends)[number];

const T = '2026-11-30T05:00:00.000Z';
const SEEN = '2026-11-30T06:00:00.000Z';

const unit = (id: string, number: string, occupancy: CmUnit['occupancy'] = 'OwnerOccupied'): CmUnit => ({
  id,
  number,
  legalDescription: null,
  kind: 'residential',
  occupancy,
  accountId: `acct-${id}`,
  updatedAt: T,
});

const person = (id: string, first: string, last: string, email: string | null, unitIds: string[], extra: Partial<Tenant> = {}): Tenant => ({
  id,
  unitIds,
  title: null,
  firstName: first,
  lastName: last,
  email,
  phones: [{ type: 'mobile', number: '+1 514 555 0100' }],
  mailingAddress: null,
  language: 'fr',
  status: 'Active',
  startDate: '2020-01-01',
  endDate: null,
  updatedAt: T,
  moveInDate: null,
  moveOutDate: null,
  ...extra,
});

async function seed(db: Executor): Promise<void> {
  const cache = new SyncCache(db);
  // Codes people read naturally: 254 before 1869; ids in the opposite order.
  await cache.upsertCorporations(
    [
      { id: 'corp-b', code: 'MTCC 1869', legalName: 'Metro Toronto Condo Corp 1869', timezone: 'America/Toronto' },
      { id: 'corp-a', code: 'MTCC 254', legalName: 'Syndicat de la copropriété Côté', timezone: 'America/Toronto' },
    ],
    T,
  );
  await cache.stageUnits('corp-a', [unit('a-1001', '1001'), unit('a-101', '101', 'Rental'), unit('a-ph1', 'PH1'), unit('a-g2', 'G-2', 'Vacant')], SEEN, {
    scope: 'corp-a:units',
    watermark: { updatedAt: T, id: 'a-ph1' },
  });
  await cache.stageUnits('corp-b', [unit('b-2', '2'), unit('b-10', '10')], SEEN);
  const owners: Owner[] = [
    person('p-amelie', 'Ame\u0301lie', 'O’Brien', 'Amelie.OBrien@Example.com', ['a-101', 'a-1001']), // NFD é, typographic apostrophe
    person('p-emile', 'Émile', 'Côté', 'emile@example.com', ['a-1001']),
    person('p-zoe', 'zoë', 'ADAMS', null, ['a-ph1']),
    person('p-bob', 'Bob', 'Smith', 'shared@example.com', ['b-2']),
  ];
  await cache.stagePeople('corp-a', 'owner', owners.slice(0, 3), SEEN);
  await cache.stagePeople('corp-b', 'owner', owners.slice(3), SEEN);
  await cache.stagePeople(
    'corp-a',
    'tenant',
    [person('t-moved', 'Marc', 'Lévesque', 'SHARED@example.com', ['a-101'], { status: 'Past', moveOutDate: '2026-10-31' })],
    SEEN,
  );
  // Some written to Condo Control, one needing attention, one failed.
  const save = (entity: 'unit' | 'person', sourceId: string, status: 'in_sync' | 'attention' = 'in_sync', attention: string[] = []) =>
    cache.saveMap({ entity, sourceId, targetId: `cc-${sourceId}`, workspaceId: 'ws-1', contentHash: 'h', at: SEEN, status, attention, syncedState: { id: sourceId } });
  save('unit', 'a-1001');
  save('person', 'p-emile');
  save('person', 'p-amelie', 'attention', ['email_refused']);
  save('unit', 'a-ph1');
  save('person', 'p-zoe');
  save('unit', 'b-2');
  await cache.flush();
}

async function readAll(repos: Repositories, cache: SyncCache) {
  const page = (filter: Parameters<Repositories['unitFile']['page']>[0]) => repos.unitFile.page(filter, 0, 50).then((rows) => rows.map((r) => `${r.id}:${r.sync_status}`));
  const count = (filter: Parameters<Repositories['unitFile']['count']>[0]) => repos.unitFile.count(filter);
  return {
    all: await page({}),
    counts: {
      all: await count({}),
      in_sync: await count({ status: 'in_sync' }),
      pending: await count({ status: 'pending' }),
      attention: await count({ status: 'attention' }),
      failed: await count({ status: 'failed' }),
    },
    corpA: await page({ corporationId: 'corp-a' }),
    searchAccentless: await page({ foldedQuery: foldText('amelie') }),
    searchApostrophe: await page({ foldedQuery: foldText("o'brien") }),
    searchEmailCase: await page({ foldedQuery: foldText('EMILE@EXAMPLE') }),
    searchUnit: await page({ foldedQuery: foldText('ph') }),
    searchLikeChars: await page({ foldedQuery: foldText('10%') }),
    unit: await repos.unitFile.get('a-101'),
    residents: Object.fromEntries(await repos.unitFile.residentsOf(['a-101', 'a-1001', 'b-10'])),
    corporations: await repos.unitFile.corporations(),
    resident: await repos.residents.get('p-amelie'),
    emailHolders: await repos.residents.emailHolders('corp-a', 'p-emile', 'shared@example.com'),
    people: await cache.people('corp-a'),
    units: await cache.units('corp-a'),
    personMaps: [...(await cache.maps('person', 'corp-a')).values()],
    watermark: await cache.watermark('corp-a:units'),
    seen: (await cache.seenIds('corp-a', SEEN)).sort(),
  };
}

describe('repositories on SQLite and PostgreSQL', () => {
  const opened: Partial<Record<Backend, Awaited<ReturnType<typeof openTestEngine>>>> = {};
  const results: Partial<Record<Backend, Awaited<ReturnType<typeof readAll>>>> = {};

  beforeAll(async () => {
    for (const b of backends) {
      const o = await openTestEngine(b);
      opened[b] = o;
      await migrateEngine(o.database, defaultMigrationsDir());
      const db = o.database.kysely as unknown as Executor;
      await seed(db);
      results[b] = await readAll(createRepositories(db), new SyncCache(db));
    }
  });
  afterAll(async () => {
    for (const b of backends) await opened[b]?.cleanup();
  });

  it('the Unit File lists buildings as people read their codes, then unit numbers numerically, on SQLite', () => {
    const r = results.sqlite!;
    // A unit takes the worst status of itself and its residents (Amélie needs attention in both of hers).
    expect(r.all).toEqual(['a-101:attention', 'a-1001:attention', 'a-g2:pending', 'a-ph1:in_sync', 'b-2:pending', 'b-10:pending']);
    expect(r.counts).toEqual({ all: 6, in_sync: 1, pending: 3, attention: 2, failed: 0 });
    expect(r.counts.in_sync + r.counts.pending + r.counts.attention + r.counts.failed).toBe(r.counts.all);
  });

  it('search folds accents, Unicode forms, apostrophes and case, and treats % literally', () => {
    const r = results.sqlite!;
    expect(r.searchAccentless.map((x) => x.split(':')[0])).toEqual(['a-101', 'a-1001']);
    expect(r.searchApostrophe).toEqual(r.searchAccentless);
    expect(r.searchEmailCase.map((x) => x.split(':')[0])).toEqual(['a-1001']);
    expect(r.searchUnit.map((x) => x.split(':')[0])).toEqual(['a-ph1']);
    expect(r.searchLikeChars).toEqual([]);
  });

  it('PostgreSQL gives exactly the same answers to every read', () => {
    expect(results.postgres?.all).toHaveLength(6);
    expect(results.postgres).toEqual(results.sqlite);
  });
});
