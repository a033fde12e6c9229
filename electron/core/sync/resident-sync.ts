import pLimit from 'p-limit';
import type { GroupDefaults } from '@shared/types';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { RecordError } from '../systems/parse-list';
import { applyPlans } from './apply';
import type { SyncCache } from './cache';
import { matchWorkspace } from './mapping';
import { needsPlanning, planPeople, planUnits } from './plan';
import { readChanged } from './read';
import { deactivateVanished } from './vanished';
import { forPeople } from '../jobs/error-text';
import type { SyncControl, SyncRequest, SyncResult, Systems } from './types';

export interface ResidentSyncDeps {
  cache: SyncCache;
  systems: Systems;
  clock: Clock;
  log: Logger;
  groupDefaults(): GroupDefaults;
}

/** Buildings synced at once; each keeps WRITE_CONCURRENCY writes in flight. */
const CORPORATION_CONCURRENCY = 3;

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
    deps.cache.flush();
  }
}

async function runAll(deps: ResidentSyncDeps, req: SyncRequest, ctl: SyncControl): Promise<SyncResult> {
  const { cm, cc } = deps.systems;
  const { signal } = ctl;
  const now = () => deps.clock.now().toISOString();
  ctl.phase('reading');
  const corps = await cm.listCorporations({ signal });
  deps.cache.transaction(() => corps.items.forEach((c) => deps.cache.upsertCorporation(c, now())));
  let mapped = deps.cache.corporations().filter((c) => !req.corporationId || c.id === req.corporationId);
  if (req.corporationId && !mapped.length) throw new Error('That corporation is not in Condo Manager.');
  let failures = corps.errors.length;

  if (mapped.some((c) => !c.workspaceId)) {
    const workspaces = await cc.listWorkspaces({ signal });
    for (const c of mapped.filter((m) => !m.workspaceId)) {
      const ws = matchWorkspace(c.code, workspaces.items);
      if (ws) deps.cache.setWorkspace(c.id, ws.id);
    }
    mapped = deps.cache.corporations().filter((c) => !req.corporationId || c.id === req.corporationId);
  }
  const unmapped = mapped.filter((c) => !c.workspaceId);
  for (const c of unmapped) {
    failures++;
    deps.log.warn('corporation has no Condo Control workspace', { corporationId: c.id });
  }

  const limit = pLimit(CORPORATION_CONCURRENCY);
  // allSettled: one building failing must not end the job while the others
  // are still writing; the job ends when every building has stopped.
  const settled = await Promise.allSettled(
    mapped
      .filter((c) => c.workspaceId)
      .map((c) =>
        limit(() =>
          syncCorporation(deps, req, ctl, {
            id: c.id,
            workspaceId: c.workspaceId!,
            groups: { owners: c.ownersGroup ?? deps.groupDefaults().owners, tenants: c.tenantsGroup ?? deps.groupDefaults().tenants },
          }),
        ),
      ),
  );
  if (signal.aborted) throw signal.reason ?? new Error('cancelled');
  const buildings = mapped.filter((c) => c.workspaceId);
  const failedCodes = buildings.filter((_, i) => settled[i]!.status === 'rejected').map((c) => c.code);
  const firstFailure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (firstFailure && settled.every((r) => r.status === 'rejected')) throw firstFailure.reason;
  if (firstFailure) deps.log.warn('a building could not be synced', { buildings: failedCodes, error: String(firstFailure.reason) });
  const results = settled.filter((r): r is PromiseFulfilledResult<CorpResult> => r.status === 'fulfilled').map((r) => r.value);
  const awaiting = results.map((r) => r.awaiting).filter(Boolean);
  if (awaiting.length) return { status: 'awaiting_confirmation', message: awaiting.join(' ') };
  if (failedCodes.length) {
    const reason = forPeople(firstFailure!.reason);
    throw Object.assign(new Error(`${failedCodes.join(', ')} could not be synced: ${reason} The other buildings were synced.`), { partial: true });
  }
  if (unmapped.length) {
    const codes = unmapped.map((c) => c.code).join(', ');
    throw Object.assign(new Error(`No Condo Control building matches ${codes}. Name the building in Condo Control after the corporation code, then sync again.`), {
      partial: true,
    });
  }
  return { status: failures || results.some((r) => r.readFailed) ? 'partial' : 'succeeded' };
}

async function syncCorporation(
  deps: ResidentSyncDeps,
  req: SyncRequest,
  ctl: SyncControl,
  corp: { id: string; workspaceId: string; groups: GroupDefaults },
): Promise<CorpResult> {
  const { cm, cc } = deps.systems;
  const { signal } = ctl;
  const full = req.kind === 'reconcile';
  const runStart = deps.clock.now().toISOString();
  let readFailed = false;

  const recordErrors = (entity: 'unit' | 'person') => (errors: RecordError[]) => {
    readFailed = true;
    for (const e of errors) {
      ctl.outcome({
        entity,
        entityId: e.id ?? `record ${e.index + 1}`,
        outcome: 'failed',
        message: `Condo Manager sent a ${e.entity} record that could not be read (${e.field}: ${e.message}). The others were synced; this one is read again on every sync until it is corrected in Condo Manager.`,
      });
    }
  };
  const read = async <T extends { id: string; updatedAt: string }>(
    entity: 'units' | 'owners' | 'tenants',
    fetch: (o: { lastUpdatedFrom?: string; offset: number; limit: number }) => ReturnType<typeof cm.listUnitsPage> | Promise<import('../systems/paging').ListPage<T>>,
    stage: (row: T) => void,
  ) => {
    const scope = `${corp.id}:${entity}`;
    await readChanged<T>(fetch as never, full ? undefined : deps.cache.watermark(scope), {
      stage: (rows, wm) =>
        deps.cache.transaction(() => {
          rows.forEach(stage);
          if (wm) deps.cache.setWatermark(scope, wm);
        }),
      recordErrors: recordErrors(entity === 'units' ? 'unit' : 'person'),
    });
    ctl.advance();
  };

  ctl.addTotal(3);
  await read('units', (o) => cm.listUnitsPage(corp.id, { ...o, signal }), (u) => deps.cache.stageUnit(corp.id, u as never, runStart));
  await read('owners', (o) => cm.listOwnersPage(corp.id, { ...o, includePast: true, signal }), (p) => deps.cache.stagePerson(corp.id, 'owner', p as never, runStart));
  await read('tenants', (o) => cm.listTenantsPage(corp.id, { ...o, includePast: true, signal }), (p) => deps.cache.stagePerson(corp.id, 'tenant', p as never, runStart));

  ctl.phase('planning');
  // A reconcile plans only whom it read: someone it did not see has vanished
  // (handled below) or could not be read, and must not be written from stale data.
  const seenNow = full ? new Set(deps.cache.seenIds(corp.id, runStart)) : undefined;
  const people = deps.cache.people(corp.id).filter((p) => !seenNow || seenNow.has(p.id));
  const units = deps.cache.units(corp.id);
  const personMaps = deps.cache.maps('person', corp.id);
  const unitMaps = deps.cache.maps('unit', corp.id);
  const pendingUnits = new Set(units.filter((u) => unitMaps.get(u.id)?.sync_status !== 'in_sync').map((u) => u.id));
  const pendingPeople = people.some((p) => needsPlanning(p, personMaps.get(p.id), corp.groups));
  // Nothing changed in this building: no need to ask Condo Control anything.
  if (!full && !pendingPeople && !pendingUnits.size) return { readFailed };

  const [groups, ccUnits, ccUsers] = await Promise.all([
    cc.listGroups(corp.workspaceId, { signal }),
    cc.listUnits(corp.workspaceId, { signal }),
    cc.listAllUsers(corp.workspaceId, { signal }),
  ]);
  if (groups.errors.length || ccUnits.errors.length || ccUsers.errors.length) readFailed = true;
  const unitPlans = planUnits(units, ccUnits.items).filter((p) => full || p.put || pendingUnits.has(p.unit.id));
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
    },
    planUnits(units, ccUnits.items),
  );

  ctl.phase('writing');
  ctl.addTotal(unitPlans.length + personPlans.length);
  await applyPlans({ cc, cache: deps.cache, workspaceId: corp.workspaceId, ctl, dryRun: req.dryRun, now: () => deps.clock.now().toISOString() }, unitPlans, personPlans);

  if (!full || signal.aborted) return { readFailed };
  // A reconcile deactivates people who vanished from Condo Manager, and only
  // after every read of the run succeeded: a failed read looks like absence.
  if (readFailed) return { readFailed };
  const awaiting = await deactivateVanished(deps, req, ctl, { ...corp, runStart, ccUsers: ccUsers.items });
  return { readFailed, ...(awaiting ? { awaiting } : {}) };
}
