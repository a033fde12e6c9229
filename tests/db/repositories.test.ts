// Issue 13: the repositories give the same answers on SQLite and PostgreSQL.
// The same messy portfolio (NFD accents, typographic apostrophes, case, a
// person listed twice in one page, a resident in two units, a move-out, LIKE's
// own characters in names) is staged through the sync cache on both backends,
// then the Unit File's search, counts, order and paging, a resident, and the
// reconcile's figures are read back and compared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../../electron/core/core';
import { migrateEngine } from '../../electron/core/db/migrate-postgres';
import { createRepositories, type Repositories } from '../../electron/core/db/repositories';
import type { UnitFilter } from '../../electron/core/db/repositories/unit-file';
import type { DB } from '../../electron/core/db/schema';
import type { Kysely } from 'kysely';
import { SyncCache } from '../../electron/core/sync/cache';
import { ScheduleRunRepository } from '../../electron/core/db/repositories/schedule-runs';
import { foldText } from '@shared/people-text';
import type { CmUnit, Owner, Tenant } from '../../electron/core/systems/schemas';
import { openTestEngine } from '../helpers/test-db';

type Opened = Awaited<ReturnType<typeof openTestEngine>>;

/** PostgreSQL as an office server in Quebec would have it: a fr-CA collation, where 'b' sorts next to 'B'. */
const quebecPostgres = () => openTestEngine('postgres', { prefix: 'repos', icuLocale: 'fr-CA', poolSize: 2 });

const AT = '2026-11-30T12:00:00.000Z';
const SEEN = '2026-11-30T12:05:00.000Z';

const unit = (id: string, number: string, occupancy: CmUnit['occupancy'] = 'OwnerOccupied'): CmUnit => ({
  id,
  number,
  legalDescription: `Level ${number}`,
  kind: 'residential',
  occupancy,
  accountId: `acct-${id}`,
  updatedAt: AT,
});

const person = (id: string, firstName: string, lastName: string, email: string | null, unitIds: string[], extra: Partial<Tenant> = {}): Tenant => ({
  id,
  unitIds,
  title: null,
  firstName,
  lastName,
  email,
  phones: [{ type: 'mobile', number: '+1 514 555 0100' }],
  mailingAddress: null,
  language: 'fr',
  status: 'Active',
  startDate: '2020-01-01',
  endDate: null,
  updatedAt: AT,
  moveInDate: null,
  moveOutDate: null,
  ...extra,
}) as Tenant;

/** Two buildings whose codes sort differently by bytes and as people read them. */
async function stage(cache: SyncCache): Promise<void> {
  await cache.upsertCorporations(
    [
      { id: 'c-1869', code: 'MTCC 1869', legalName: 'Tour Côté', timezone: 'America/Toronto' },
      { id: 'c-254', code: 'MTCC 254', legalName: 'Les Jardins', timezone: 'America/Montreal' },
    ],
    AT,
  );
  await cache.setWorkspace('c-254', 'ws-254');
  await cache.setWorkspace('c-1869', 'ws-1869');
  await cache.stageUnits('c-254', [unit('u1', '1203'), unit('u2', '99'), unit('u3', 'PH-2', 'Rental'), unit('u4', 'b'), unit('u5', 'B'), unit('u6', '10_a')], SEEN, {
    scope: 'c-254:units',
    watermark: { updatedAt: AT, id: 'u6' },
  });
  await cache.stageUnits('c-1869', [unit('v1', '1203'), unit('v2', '100%')], SEEN);
  const owners: Owner[] = [
    person('p1', 'E\u0301lodie', 'Co\u0302te\u0301', 'Elodie.Cote@Example.ca', ['u1']),
    person('p2', 'Seán', 'O’Brien', 'sean@example.ca', ['u2', 'u3']),
    // The same person twice in one page: the second copy is the one kept, as row-by-row upserts would.
    person('p3', 'Zoë', 'Lévesque', 'zoe@example.ca', ['u4']),
    person('p3', 'Zoë', 'Lévesque-Tremblay', 'ZOE@example.ca', ['u4', 'u5']),
    person('p4', 'ANNE', 'côté', 'shared@example.ca', ['v1']),
  ];
  await cache.stagePeople('c-254', 'owner', owners.slice(0, 4), SEEN, { scope: 'c-254:owners', watermark: { updatedAt: AT, id: 'p3' } });
  await cache.stagePeople('c-1869', 'owner', owners.slice(4), SEEN);
  await cache.stagePeople(
    'c-254',
    'tenant',
    [
      person('t1', 'Amelia', 'MacDonald', 'shared@example.ca', ['u3']),
      person('t2', 'Marc', 'Dupont', null, ['u6'], { status: 'Past', moveOutDate: '2026-10-31' }),
      person('t3', '100%', 'Under_score', 'x@example.ca', ['v2']),
    ],
    '2026-11-29T00:00:00.000Z',
  );
  // What a run wrote: one in sync, one needing attention, one failed, one linked then moved.
  const save = (entity: 'unit' | 'person', sourceId: string, status: 'in_sync' | 'attention', active = true) =>
    cache.saveMap({
      entity,
      sourceId,
      targetId: `cc-${sourceId}`,
      workspaceId: 'ws-254',
      contentHash: `h-${sourceId}`,
      at: SEEN,
      status,
      attention: status === 'attention' ? ['Another resident already has this email.'] : [],
      syncedState: { active, email: sourceId === 't1' ? 'shared@example.ca' : null },
    });
  for (const id of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6']) save('unit', id, 'in_sync');
  save('person', 'p1', 'in_sync');
  save('person', 'p2', 'attention');
  save('person', 't1', 'in_sync');
  save('person', 't2', 'in_sync');
  cache.markFailed('person', 'p3', 'Condo Control refused this record.');
  save('person', 'p4', 'in_sync');
  cache.unlinkTarget('person', 'p4');
  await cache.flush();
}

async function answers(repos: Repositories, cache: SyncCache) {
  const filters: UnitFilter[] = [
    {},
    { corporationId: 'c-254' },
    ...(['in_sync', 'pending', 'attention', 'failed'] as const).map((status) => ({ status })),
    ...['cote', "O'BRIEN", 'Côté', '1203', '100%', '_', 'under_', 'zoe@', 'nobody'].map((q) => ({ foldedQuery: foldText(q) })),
  ];
  const lists = [];
  for (const filter of filters) {
    const total = await repos.unitFile.count(filter);
    const page1 = await repos.unitFile.page(filter, 0, 3);
    const page2 = await repos.unitFile.page(filter, 3, 100);
    lists.push({ filter, total, ids: [...page1, ...page2].map((r) => `${r.id}:${r.sync_status}`) });
  }
  return {
    lists,
    residents: Object.fromEntries(await repos.unitFile.residentsOf(['u1', 'u3', 'u4', 'u5', 'u6', 'v1', 'v2', 'none'])),
    unit: await repos.unitFile.get('u3'),
    corporations: await repos.unitFile.corporations(),
    resident: await repos.residents.get('p3'),
    holders: await repos.residents.emailHolders('c-254', 'p2', 'shared@example.ca'),
    seen: (await cache.seenIds('c-254', SEEN)).sort(),
    vanished: await cache.vanishedCount('c-254', SEEN),
    people: await cache.people('c-254'),
    units: await cache.units('c-254'),
    maps: Object.fromEntries(await cache.maps('person', 'c-254')),
    watermark: await cache.watermark('c-254:owners'),
    mapped: await cache.corporations(),
    quality: await repos.reports.qualityPeople(),
    withoutOwners: await repos.reports.unitsWithoutOwners(),
    attention: await repos.reports.attention(),
    attentionOne: await repos.reports.attention('c-254'),
    personUnits: await repos.reports.unitIdsOfPerson('p2'),
    history: await history(repos),
  };
}

/** Two finished jobs and one waiting, each with an outcome for p1; then retention at 30 days. */
async function history(repos: Repositories) {
  const job = (id: string, status: string, at: string, dryRun = 0) =>
    repos.db.insertInto('jobs').values({ id, kind: 'residents', trigger: 'manual', scope_corporation_id: null, dry_run: dryRun, status, created_at: at, finished_at: status === 'queued' ? null : at }).execute();
  await job('j-old', 'succeeded', '2026-09-01T00:00:00.000Z');
  await job('j-new', 'partial', '2026-11-29T00:00:00.000Z');
  await job('j-dry', 'succeeded', '2026-11-29T01:00:00.000Z', 1);
  await job('j-wait', 'queued', '2026-01-01T00:00:00.000Z');
  for (const j of ['j-old', 'j-new', 'j-dry', 'j-wait']) {
    await repos.db
      .insertInto('job_events')
      .values({ job_id: j, entity: 'person', entity_id: 'p1', outcome: 'updated', message: `from ${j}`, changes: null, at: j === 'j-old' ? '2026-09-01T00:00:00.000Z' : '2026-11-29T00:00:00.000Z' })
      .execute();
  }
  await repos.db.insertInto('job_events').values({ job_id: 'j-new', entity: 'unit', entity_id: 'u3', outcome: 'failed', message: null, changes: '[{"field":"number"}]', at: '2026-11-29T00:00:01.000Z' }).execute();
  const outcomes = await repos.jobHistory.outcomes('j-new', {});
  const failedOnly = await repos.jobHistory.outcomes('j-new', { outcome: 'failed', offset: 0, limit: 1 });
  const before = await repos.jobHistory.of('person', 'p1');
  const pruned = await repos.jobHistory.prune('2026-10-31T00:00:00.000Z', '2026-10-31T00:00:00.000Z');
  const left = await repos.db.selectFrom('jobs').select('id').orderBy('id').execute();
  // A nightly slot is claimed once: a second claim keeps the first job.
  const slots = new ScheduleRunRepository(repos.db);
  const before2 = await slots.claimed('2026-11-30');
  await slots.claim('2026-11-30', 'j-new', AT);
  await slots.claim('2026-11-30', 'j-dry', SEEN);
  const slot = await repos.db.selectFrom('schedule_runs').selectAll().execute();
  return {
    outcomes: outcomes.items.map((o) => `${o.label}|${o.outcome}|${o.message ?? ''}|${JSON.stringify(o.changes ?? null)}`),
    outcomesTotal: outcomes.total,
    failedOnly: [failedOnly.total, failedOnly.items.map((o) => o.entityId)],
    before: before.map((h) => h.jobId),
    pruned,
    left: left.map((j) => j.id),
    after: (await repos.jobHistory.of('person', 'p1')).map((h) => h.jobId),
    slot: { before: before2, after: await slots.claimed('2026-11-30'), rows: slot },
  };
}

describe('repositories on SQLite and PostgreSQL', () => {
  const opened: Partial<Record<'sqlite' | 'postgres', Opened>> = {};
  const seen: Partial<Record<'sqlite' | 'postgres', Awaited<ReturnType<typeof answers>>>> = {};

  beforeAll(async () => {
    for (const backend of ['sqlite', 'postgres'] as const) {
      const o = (opened[backend] = backend === 'sqlite' ? await openTestEngine('sqlite') : await quebecPostgres());
      await migrateEngine(o.database, defaultMigrationsDir());
      const db = o.database.kysely as Kysely<DB>;
      const cache = new SyncCache(db);
      await stage(cache);
      seen[backend] = await answers(createRepositories(db), cache);
    }
  });
  afterAll(async () => {
    await opened.sqlite?.cleanup();
    await opened.postgres?.cleanup();
  });

  it('the Unit File: search as people read names, counts, status, natural building order and paging', () => {
    const lite = seen.sqlite!;
    const byQuery = (q: string) => lite.lists.find((l) => l.filter.foldedQuery === foldText(q))!;
    // MTCC 254 before MTCC 1869; numbers first, then the others, each by length then bytes (B before b).
    expect(lite.lists[0]!.ids.map((s) => s.split(':')[0])).toEqual(['u2', 'u6', 'u1', 'u5', 'u4', 'u3', 'v2', 'v1']);
    expect(byQuery('cote').ids.map((s) => s.split(':')[0])).toEqual(['u1', 'v1']);
    expect(byQuery("O'BRIEN").ids.map((s) => s.split(':')[0])).toEqual(['u2', 'u3']);
    // LIKE's own characters are searched for, not used as wildcards.
    expect(byQuery('100%').ids.map((s) => s.split(':')[0])).toEqual(['v2']);
    expect(byQuery('_').ids.map((s) => s.split(':')[0])).toEqual(['u6', 'v2']);
    expect(byQuery('nobody').total).toBe(0);
    // The status tabs add up to All.
    const statuses = lite.lists.filter((l) => l.filter.status);
    expect(statuses.reduce((n, l) => n + l.total, 0)).toBe(lite.lists[0]!.total);
    expect(lite.lists.find((l) => l.filter.status === 'failed')!.ids).toEqual(['u5:failed', 'u4:failed']);
    expect(lite.lists.find((l) => l.filter.status === 'attention')!.ids).toEqual(['u2:attention', 'u3:attention']);
    for (const l of lite.lists) expect(l.ids.length, JSON.stringify(l.filter)).toBe(l.total);
  });

  it('staging: the last copy of a record in a page wins, roles follow it, a move-out stays listed', () => {
    const lite = seen.sqlite!;
    expect(lite.residents.u5!.map((r) => r.id)).toEqual(['p3']);
    expect(lite.resident).toMatchObject({ last_name: 'Lévesque-Tremblay', email: 'ZOE@example.ca', unit_ids: '["u4","u5"]', sync_status: 'failed' });
    expect(lite.residents.u3!.map((r) => `${r.id}:${r.role}:${r.syncStatus}`)).toEqual(['p2:owner:attention', 't1:tenant:in_sync']);
    expect(lite.residents.u6!.map((r) => `${r.id}:${r.status}`)).toEqual(['t2:Past']);
    expect(lite.residents.none).toEqual([]);
    expect(lite.holders).toEqual([JSON.stringify({ active: true, email: 'shared@example.ca' })]);
    // t1 and t2 were read by an earlier read; t1 has an active user (t2's is too): both likely deactivations.
    expect(lite.vanished).toBe(2);
    expect(lite.seen).toEqual(['p1', 'p2', 'p3']);
    expect(lite.maps.p4).toBeUndefined();
    expect(lite.watermark).toEqual({ updatedAt: AT, id: 'p3' });
    expect(lite.corporations.map((c) => `${c.code}:${c.units}`)).toEqual(['MTCC 1869:2', 'MTCC 254:6']);
  });

  it('reports and history: units in the home-unit order, notes by building, retention spares waiting jobs', () => {
    const lite = seen.sqlite!;
    expect(lite.quality.find((p) => p.id === 'p2')!.units).toEqual(['99', 'PH-2']);
    expect(lite.quality.find((p) => p.id === 'p3')!.units).toEqual(['b', 'B']);
    expect(lite.personUnits).toEqual(['u2', 'u3']);
    // v2 has only a tenant and u6's only resident moved out (by building id: c-1869 before c-254).
    expect(lite.withoutOwners.map((u) => u.unitId)).toEqual(['v2', 'u6']);
    expect(lite.attention.map((a) => `${a.code}|${a.units}|${a.status}`)).toEqual(['MTCC 254|99, PH-2|attention', 'MTCC 254|b, B|failed']);
    expect(lite.attentionOne).toEqual(lite.attention);
    expect(lite.history).toEqual({
      outcomes: [`${'E\u0301lodie'} ${'Co\u0302te\u0301'}|updated|from j-new|null`, 'Unit PH-2|failed||[{"field":"number"}]'],
      outcomesTotal: 2,
      failedOnly: [1, ['u3']],
      before: ['j-wait', 'j-new', 'j-old'],
      pruned: { jobs: 1, events: 1 },
      left: ['j-dry', 'j-new', 'j-wait'],
      after: ['j-wait', 'j-new'],
      slot: { before: false, after: true, rows: [{ slot: '2026-11-30', job_id: 'j-new', queued_at: AT }] },
    });
  });

  it('PostgreSQL (fr-CA collation) answers exactly as SQLite does', () => {
    expect(seen.sqlite?.lists.length).toBeGreaterThan(10);
    expect(seen.postgres).toEqual(seen.sqlite);
  });
});
