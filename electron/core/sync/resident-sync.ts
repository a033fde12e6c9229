import pLimit from 'p-limit';
import type { GroupDefaults } from '@shared/types';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { RecordError } from '../systems/parse-list';
import { applyPlans } from './apply';
import type { StagedWatermark, SyncCache } from './cache';
import { matchWorkspace } from './mapping';
import { needsPlanning, planPeople, planUnits } from './plan';
import { readChanged } from './read';
import { deactivateVanished } from './vanished';
import { say } from '@shared/core-messages';
import { localDate } from '@shared/local-date';
import { forPeople } from '../jobs/error-text';
import type { SyncControl, SyncRequest, SyncResult, Systems } from './types';

export interface ResidentSyncDeps {
  cache: SyncCache;
  systems: Systems;
  clock: Clock;
  log: Logger;
  groupDefaults(): GroupDefaults;
}

/**
 * Buildings written at once; each keeps WRITE_CONCURRENCY writes in flight.
 * Two keep the rate limit busy across a building's end (one finishing, the
 * next starting) while only two buildings' plans are in memory.
 */
const CORPORATION_CONCURRENCY = 2;

interface CorpResult {
  readFailed: boolean;
  awaiting?: string;
}

/**
 * One resident sync (incremental) or full reconcile, over every mapped
 * building or one: read what changed into the local cache, plan against the
 * id map and Condo Control's current users, and write the difference.
 */
export async function runResidentSync(deps: ResidentSyncDeps, req: SyncRequest, ctl: SyncControl): Promise<SyncResult> {
  try {
    return await runAll(deps, req, ctl);
  } finally {
    // Whatever the ending, the id map holds every write that was made.
    await deps.cache.flush();
  }
}

async function runAll(deps: ResidentSyncDeps, req: SyncRequest, jobCtl: SyncControl): Promise<SyncResult> {
  const { cm, cc } = deps.systems;
  // Every outcome is one processed record: progress.done is the sum of the counts, by construction.
  const ctl: SyncControl = { ...jobCtl, outcome: (o) => (jobCtl.outcome(o), jobCtl.advance()) };
  const { signal } = ctl;
  const now = () => deps.clock.now().toISOString();

  // 1. READ (the total is unknown until every building's changes are in the local copy)
  ctl.phase('reading');
  const corps = await cm.listCorporations({ signal });
  await deps.cache.upsertCorporations(corps.items, now());
  let mapped = (await deps.cache.corporations()).filter((c) => !req.corporationId || c.id === req.corporationId);
  if (req.corporationId && !mapped.length) throw new Error('That corporation is not in Condo Manager.');
  let failures = corps.errors.length;

  if (mapped.some((c) => !c.workspaceId)) {
    const workspaces = await cc.listWorkspaces({ signal });
    for (const c of mapped.filter((m) => !m.workspaceId)) {
      const ws = matchWorkspace(c.code, workspaces.items);
      if (ws) await deps.cache.setWorkspace(c.id, ws.id);
    }
    mapped = (await deps.cache.corporations()).filter((c) => !req.corporationId || c.id === req.corporationId);
  }
  const unmapped = mapped.filter((c) => !c.workspaceId);
  for (const c of unmapped) {
    failures++;
    deps.log.warn('corporation has no Condo Control workspace', { corporationId: c.id });
  }

  const buildings = mapped
    .filter((c) => c.workspaceId)
    .map((c) => ({
      id: c.id,
      workspaceId: c.workspaceId!,
      runStart: now(),
      today: localDate(deps.clock.now(), c.timezone),
      groups: { owners: c.ownersGroup ?? deps.groupDefaults().owners, tenants: c.tenantsGroup ?? deps.groupDefaults().tenants },
    }));
  // Reads run ahead of the writes (they only fill the local copy); each
  // building is written as soon as its own read is in, a few at a time, so
  // one building's plan is in memory at once, not the portfolio's.
  // One building read at a time: staging a page blocks the event loop, and the
  // writes of the buildings already read must keep the rate limit busy meanwhile.
  const readLimit = pLimit(1);
  let readErrors = 0;
  const reads = buildings.map((b) =>
    readLimit(async () => {
      const r = await readCorporation(deps, req, ctl, b);
      readErrors += r.errors;
      return r;
    }),
  );
  // 2. The total: what every building will process, fixed once all reads are in.
  const totalKnown = Promise.allSettled(reads).then((settled) => {
    const size = settled.reduce((n, r) => n + (r.status === 'fulfilled' ? r.value.size : 0), 0);
    ctl.phase('writing', readErrors + size);
  });

  // 3. PLAN and WRITE, building by building.
  const writeLimit = pLimit(CORPORATION_CONCURRENCY);
  // allSettled: one building failing must not end the job while the others
  // are still writing; the job ends when every building has stopped.
  const settled = await Promise.allSettled(buildings.map((b, i) => writeLimit(async () => syncCorporation(deps, req, ctl, b, await reads[i]!))));
  await totalKnown;
  if (signal.aborted) throw signal.reason ?? new Error('cancelled');
  const codes = mapped.filter((c) => c.workspaceId).map((c) => c.code);
  const failedCodes = codes.filter((_, i) => settled[i]!.status === 'rejected');
  const firstFailure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (firstFailure && settled.every((r) => r.status === 'rejected')) throw firstFailure.reason;
  if (firstFailure) deps.log.warn('a building could not be synced', { buildings: failedCodes, error: String(firstFailure.reason) });
  const results = settled.filter((r): r is PromiseFulfilledResult<CorpResult> => r.status === 'fulfilled').map((r) => r.value);
  const awaiting = results.map((r) => r.awaiting).filter(Boolean);
  if (awaiting.length) return { status: 'awaiting_confirmation', message: awaiting.join(' ') };
  if (failedCodes.length) {
    const reason = forPeople(firstFailure!.reason);
    throw Object.assign(new Error(say('buildingsFailed', { buildings: failedCodes.join(', '), reason })), { partial: true });
  }
  if (unmapped.length) {
    const list = unmapped.map((c) => c.code).join(', ');
    throw Object.assign(new Error(say('buildingsUnmatched', { buildings: list })), { partial: true });
  }
  return { status: failures || results.some((r) => r.readFailed) ? 'partial' : 'succeeded' };
}

interface Building {
  id: string;
  workspaceId: string;
  runStart: string;
  /** The corporation's local date, for move-in and move-out dates. */
  today: string;
  groups: GroupDefaults;
}

interface BuildingRead {
  readFailed: boolean;
  errors: number;
  /** Records the write step will process (each gets exactly one outcome). */
  size: number;
}

/** Reads what changed in one building into the local copy, and counts what the write step will process. */
async function readCorporation(deps: ResidentSyncDeps, req: SyncRequest, ctl: SyncControl, corp: Building): Promise<BuildingRead> {
  const { cm } = deps.systems;
  const { signal } = ctl;
  const full = req.kind === 'reconcile';
  const out: BuildingRead = { readFailed: false, errors: 0, size: 0 };

  const recordErrors = (entity: 'unit' | 'person') => (errors: RecordError[]) => {
    out.readFailed = true;
    out.errors += errors.length;
    for (const e of errors) {
      ctl.outcome({
        entity,
        entityId: e.id ?? `record ${e.index + 1}`,
        outcome: 'failed',
        // The field and the reading error are Condo Manager's own technical words, kept as they are.
        message: say('unreadableRecord', { kind: e.entity, field: e.field, detail: e.message }),
      });
    }
  };
  const read = async <T extends { id: string; updatedAt: string }>(
    entity: 'units' | 'owners' | 'tenants',
    fetch: (o: { lastUpdatedFrom?: string; offset: number; limit: number }) => Promise<import('../systems/paging').ListPage<T>>,
    stage: (rows: T[], mark: StagedWatermark) => Promise<void>,
  ) => {
    const scope = `${corp.id}:${entity}`;
    await readChanged<T>(fetch, full ? undefined : await deps.cache.watermark(scope), {
      // The page and its read position in one transaction.
      stage: (rows, wm) => stage(rows, { scope, watermark: wm }),
      recordErrors: recordErrors(entity === 'units' ? 'unit' : 'person'),
    });
  };
  await read('units', (o) => cm.listUnitsPage(corp.id, { ...o, signal }), (rows, mark) => deps.cache.stageUnits(corp.id, rows, corp.runStart, mark));
  await read('owners', (o) => cm.listOwnersPage(corp.id, { ...o, includePast: true, signal }), (rows, mark) => deps.cache.stagePeople(corp.id, 'owner', rows, corp.runStart, mark));
  await read('tenants', (o) => cm.listTenantsPage(corp.id, { ...o, includePast: true, signal }), (rows, mark) => deps.cache.stagePeople(corp.id, 'tenant', rows, corp.runStart, mark));
  out.size = await workSize(deps, corp, full);
  return out;
}

/**
 * What the write step of a building will process, from the local copy alone:
 * the units and people it plans (each gets one outcome) and, in a reconcile,
 * the residents who vanished from Condo Manager. Mirrors syncCorporation's choices.
 */
async function workSize(deps: ResidentSyncDeps, corp: Building, full: boolean): Promise<number> {
  const units = await deps.cache.units(corp.id);
  const unitMaps = await deps.cache.maps('unit', corp.id);
  const personMaps = await deps.cache.maps('person', corp.id);
  if (full) {
    const seen = (await deps.cache.seenIds(corp.id, corp.runStart)).length;
    return units.length + seen + (await deps.cache.vanishedCount(corp.id, corp.runStart));
  }
  const pendingUnits = units.filter((u) => unitMaps.get(u.id)?.sync_status !== 'in_sync').length;
  const people = (await deps.cache.people(corp.id)).filter((p) => needsPlanning(p, personMaps.get(p.id), corp.groups, corp.today)).length;
  return people || pendingUnits ? people + pendingUnits : 0;
}

async function syncCorporation(deps: ResidentSyncDeps, req: SyncRequest, ctl: SyncControl, corp: Building, read: BuildingRead): Promise<CorpResult> {
  const { cc } = deps.systems;
  const { signal } = ctl;
  const full = req.kind === 'reconcile';
  let readFailed = read.readFailed;
  if (signal.aborted) return { readFailed };

  // A reconcile plans only whom it read: someone it did not see has vanished
  // (handled below) or could not be read, and must not be written from stale data.
  const seenNow = full ? new Set(await deps.cache.seenIds(corp.id, corp.runStart)) : undefined;
  const people = (await deps.cache.people(corp.id)).filter((p) => !seenNow || seenNow.has(p.id));
  const units = await deps.cache.units(corp.id);
  const personMaps = await deps.cache.maps('person', corp.id);
  const unitMaps = await deps.cache.maps('unit', corp.id);
  const pendingUnits = new Set(units.filter((u) => unitMaps.get(u.id)?.sync_status !== 'in_sync').map((u) => u.id));
  const pendingPeople = people.some((p) => needsPlanning(p, personMaps.get(p.id), corp.groups, corp.today));
  // Nothing changed in this building: no need to ask Condo Control anything.
  if (!full && !pendingPeople && !pendingUnits.size) return { readFailed };

  const [groups, ccUnits, ccUsers] = await Promise.all([
    cc.listGroups(corp.workspaceId, { signal }),
    cc.listUnits(corp.workspaceId, { signal }),
    cc.listAllUsers(corp.workspaceId, { signal }),
  ]);
  if (groups.errors.length || ccUnits.errors.length || ccUsers.errors.length) readFailed = true;
  const allUnitPlans = planUnits(units, ccUnits.items);
  // An incremental run brings what changed in Condo Manager (and what still
  // needs attention); the weekly reconcile also repairs what changed in Condo Control.
  const unitPlans = allUnitPlans.filter((p) => full || pendingUnits.has(p.unit.id));
  for (const p of unitPlans) {
    const attention = unitMaps.get(p.unit.id)?.attention;
    if (attention) p.previousAttention = JSON.parse(attention) as string[];
  }
  const personPlans = planPeople(
    {
      people,
      units,
      maps: personMaps,
      ccUsers: ccUsers.items,
      usersIncomplete: ccUsers.errors.length > 0,
      ccUnits: ccUnits.items,
      groups: groups.items,
      groupNames: corp.groups,
      everyone: full,
      today: corp.today,
    },
    allUnitPlans,
  );

  await applyPlans({ cc, cache: deps.cache, workspaceId: corp.workspaceId, ctl, dryRun: req.dryRun, now: () => deps.clock.now().toISOString() }, unitPlans, personPlans);

  if (!full || signal.aborted) return { readFailed };
  // A reconcile deactivates people who vanished from Condo Manager, and only
  // after every read of the run succeeded: a failed read looks like absence.
  if (readFailed) return { readFailed };
  const awaiting = await deactivateVanished(deps, req, ctl, { ...corp, ccUsers: ccUsers.items });
  return { readFailed, ...(awaiting ? { awaiting } : {}) };
}
