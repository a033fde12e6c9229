import type { Handlers } from '@shared/contract';
import { AppError } from '@shared/errors';
import type { UnitDetail, UnitSummary } from '@shared/types';
import type { CoreContext } from '../context';
import { foldText } from '@shared/people-text';
import type { CorporationRow, UnitResident, UnitRow } from '../db/repositories/unit-file';

type UnitHandlers = Pick<Handlers, 'units.list' | 'units.get' | 'units.counts' | 'corporations.list' | 'corporations.setGroups'>;

export function unitHandlers(ctx: CoreContext): UnitHandlers {
  // Read at call time: the repositories exist once the database is open.
  const repo = () => ctx.repos.unitFile;

  const toSummary = (row: UnitRow, residents: UnitResident[]): UnitSummary => ({
    id: row.id,
    corporationId: row.corporation_id,
    number: row.number,
    kind: row.kind as UnitSummary['kind'],
    occupancy: row.occupancy as UnitSummary['occupancy'],
    residents,
    syncStatus: row.sync_status ?? 'pending',
    ...(row.last_synced_at ? { lastSyncedAt: row.last_synced_at } : {}),
  });
  const toCorporation = ({ workspaceId, owners, tenants, ...c }: CorporationRow) => ({
    ...c,
    ...(workspaceId ? { workspaceId } : {}),
    ...(owners && tenants ? { groups: { owners, tenants } } : {}),
  });

  return {
    'corporations.list': async () => (await repo().corporations()).map(toCorporation),
    'corporations.setGroups': async ({ id, groups }) => {
      if (!(await repo().setGroups(id, groups ?? null))) {
        throw new AppError('not_found', 'That building is not known yet. Run a sync first.', { id });
      }
      ctx.log.info('building groups changed', { corporationId: id });
      // People move to the new groups on the next sync (their planned state changed).
      return toCorporation((await repo().corporations()).find((c) => c.id === id)!);
    },
    'units.list': async (input) => {
      // Search matches the unit number or any resident's name or email, as
      // people read them: 'cote' and 'CÔTÉ' find Côté (keys folded once, when cached).
      const filter = {
        ...(input?.corporationId ? { corporationId: input.corporationId } : {}),
        ...(input?.status ? { status: input.status } : {}),
        ...(foldText(input?.query) ? { foldedQuery: foldText(input?.query) } : {}),
      };
      const total = await repo().count(filter);
      const rows = await repo().page(filter, input?.offset ?? 0, input?.limit ?? 100);
      const residents = await repo().residentsOf(rows.map((r) => r.id));
      return { items: rows.map((r) => toSummary(r, residents.get(r.id)!)), total };
    },
    'units.counts': async (input) => {
      const counts = await repo().statusCounts(input?.corporationId);
      // The four states add up to All by construction: each unit has exactly one.
      return { all: counts.in_sync + counts.pending + counts.attention + counts.failed, ...counts };
    },
    'units.get': async ({ id }) => {
      const row = await repo().get(id);
      if (!row) throw new AppError('not_found', 'That unit is not in the Unit File. It may not have been synced yet.', { id });
      const residents = await repo().residentsOf([id]);
      const detail: UnitDetail = {
        ...toSummary(row, residents.get(id)!),
        legalDescription: row.legal_description,
        ...(row.account_id ? { accountId: row.account_id } : {}),
        ...(row.target_id ? { condoControlUnitId: row.target_id } : {}),
      };
      return detail;
    },
  };
}
