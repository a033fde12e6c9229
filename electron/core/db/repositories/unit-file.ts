/**
 * The Unit File as the console reads it: units with their residents and sync
 * status, and the buildings (corporations) with their group names.
 */
import { sql, type ExpressionBuilder, type Nullable, type Selectable, type SelectQueryBuilder } from 'kysely';
import { orderBy } from 'natural-orderby';
import { bytewise, changed, toCount, type Executor } from '../kysely';
import type { DB, IdMapTable, SyncStatusValue, UnitsTable } from '../schema';

export type UnitStatus = SyncStatusValue;

/** A unit of the local copy with its own id_map row (null columns: never synced). */
export type UnitRow = Pick<Selectable<UnitsTable>, 'id' | 'corporation_id' | 'number' | 'legal_description' | 'kind' | 'occupancy' | 'account_id'> &
  Nullable<Pick<Selectable<IdMapTable>, 'target_id' | 'last_synced_at' | 'sync_status'>>;

export interface UnitResident {
  id: string;
  firstName: string;
  lastName: string;
  role: 'owner' | 'tenant';
  status: 'Active' | 'Past';
  syncStatus: UnitStatus;
}

export interface CorporationRow {
  id: string;
  code: string;
  legalName: string;
  workspaceId: string | null;
  owners: string | null;
  tenants: string | null;
  /** Units of the building in the local copy. */
  units: number;
}

export interface UnitFilter {
  corporationId?: string;
  status?: UnitStatus;
  /** Already folded (foldText): matched against the stored search keys. */
  foldedQuery?: string;
}

/**
 * A unit's status is the worst of its own and its residents' statuses.
 * CROSS JOIN pins SQLite's join order (unit's roles first, then each
 * resident's id_map row by primary key): with a plain JOIN SQLite walks
 * id_map_by_status for every unit, scanning all people in 'attention' 10,000
 * times on the `large` portfolio (0.7–0.9 s per status count instead of
 * ~0.1 s). The join condition sits in WHERE, which PostgreSQL requires for a
 * CROSS JOIN and which SQLite plans the same way.
 */
const STATUS = sql<UnitStatus>`CASE
    WHEN EXISTS (SELECT 1 FROM unit_roles r CROSS JOIN id_map m
                 WHERE m.entity = 'person' AND m.source_id = r.person_id AND r.unit_id = u.id AND m.sync_status = 'failed') OR um.sync_status = 'failed' THEN 'failed'
    WHEN EXISTS (SELECT 1 FROM unit_roles r CROSS JOIN id_map m
                 WHERE m.entity = 'person' AND m.source_id = r.person_id AND r.unit_id = u.id AND m.sync_status = 'attention') OR um.sync_status = 'attention' THEN 'attention'
    WHEN um.sync_status IS NULL OR um.sync_status = 'pending'
      OR EXISTS (SELECT 1 FROM unit_roles r LEFT JOIN id_map m ON m.entity = 'person' AND m.source_id = r.person_id
                 WHERE r.unit_id = u.id AND (m.sync_status IS NULL OR m.sync_status = 'pending')) THEN 'pending'
    ELSE 'in_sync'
  END`;

/** LIKE pattern for a substring, with LIKE's own characters escaped by '\'. */
function containsPattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export class UnitFileRepository {
  constructor(private readonly db: Executor) {}

  /** Units with their own and their residents' sync state, as one row each (alias t). */
  private units() {
    return this.db
      .selectFrom((db) =>
        db
          .selectFrom('units as u')
          .leftJoin('id_map as um', (j) => j.on('um.entity', '=', 'unit').onRef('um.source_id', '=', 'u.id'))
          .select([
            'u.id',
            'u.corporation_id',
            'u.search_key',
            'u.number',
            'u.legal_description',
            'u.kind',
            'u.occupancy',
            'u.account_id',
            'um.target_id',
            'um.last_synced_at',
            STATUS.as('sync_status'),
          ])
          .as('t'),
      )
      .select(['t.id', 't.corporation_id', 't.number', 't.legal_description', 't.kind', 't.occupancy', 't.account_id', 't.target_id', 't.last_synced_at', 't.sync_status']);
  }

  private filtered(filter: UnitFilter) {
    let q = this.units();
    if (filter.corporationId) q = q.where('t.corporation_id', '=', filter.corporationId);
    if (filter.status) q = q.where('t.sync_status', '=', filter.status);
    if (filter.foldedQuery) {
      // Search matches the unit number or any resident's name or email (keys folded when cached).
      const pattern = containsPattern(filter.foldedQuery);
      q = q.where((eb) =>
        eb.or([
          sql<boolean>`${eb.ref('t.search_key')} LIKE ${pattern} ESCAPE '\\'`,
          eb(
            't.id',
            'in',
            eb
              .selectFrom('people as p')
              .innerJoin('unit_roles as r', 'r.person_id', 'p.id')
              .select('r.unit_id')
              .where(sql<boolean>`p.search_key LIKE ${pattern} ESCAPE '\\'`),
          ),
        ]),
      );
    }
    return q;
  }

  /** How many units match the filter. */
  async count(filter: UnitFilter): Promise<number> {
    const row = await this.db
      .selectFrom(this.filtered(filter).as('f'))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return toCount(row.n);
  }

  /**
   * One page of units in the Unit File's order: buildings as people read their
   * codes (MTCC 254 before MTCC 1869: natural-orderby ranks them, SQL orders by
   * the rank), then numeric unit numbers by length and text, then the others.
   */
  async page(filter: UnitFilter, offset: number, limit: number): Promise<UnitRow[]> {
    const codes = await this.db.selectFrom('corporations').select(['id', 'code']).execute();
    const ranked = orderBy(codes, [(c) => c.code, (c) => c.id]).map((c) => c.id);
    const rank = (eb: ExpressionBuilder<{ t: UnitRow }, 't'>) =>
      sql`CASE ${eb.ref('t.corporation_id')} ${sql.join(
        ranked.map((id, i) => sql`WHEN ${id} THEN ${sql.lit(i)}`),
        sql` `,
      )} END`;
    let q = this.filtered(filter) as unknown as SelectQueryBuilder<DB & { t: UnitRow }, 't', UnitRow>;
    // No building yet, no rank (and nothing to list).
    if (ranked.length) q = q.orderBy((eb) => rank(eb));
    return q
      .orderBy((eb) => bytewise(this.db, eb.ref('t.corporation_id')))
      .orderBy(
        (eb) => sql`CASE WHEN substr(${eb.ref('t.number')}, 1, 1) IN (${sql.join(DIGITS.map((d) => sql.lit(d)))}) THEN 1 ELSE 0 END`,
        'desc',
      )
      .orderBy((eb) => eb.fn('length', [eb.ref('t.number')]))
      .orderBy((eb) => bytewise(this.db, eb.ref('t.number')))
      // A unique last key: units of one building may share a number, and PostgreSQL returns tied
      // rows in any order, differently per page (a unit on two pages, another on none).
      .orderBy((eb) => bytewise(this.db, eb.ref('t.id')))
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /**
   * Units per sync status, in one grouped query (the Unit File's tabs, Home
   * and the header), for one building or all: each unit's status is worked
   * out once, instead of once per status asked.
   */
  async statusCounts(corporationId?: string): Promise<Record<UnitStatus, number>> {
    let q = this.db.selectFrom('units as u').leftJoin('id_map as um', (j) => j.on('um.entity', '=', 'unit').onRef('um.source_id', '=', 'u.id'));
    if (corporationId) q = q.where('u.corporation_id', '=', corporationId);
    const rows = await q
      .select((eb) => [STATUS.as('status'), eb.fn.countAll().as('n')])
      .groupBy(sql`1`)
      .execute();
    const counts: Record<UnitStatus, number> = { in_sync: 0, pending: 0, attention: 0, failed: 0 };
    for (const r of rows) counts[r.status as UnitStatus] += toCount(r.n);
    return counts;
  }

  async get(id: string): Promise<UnitRow | undefined> {
    return this.units().where('t.id', '=', id).executeTakeFirst();
  }

  /** The residents of each unit, current ones first, then by role and name. */
  async residentsOf(unitIds: string[]): Promise<Map<string, UnitResident[]>> {
    const out = new Map<string, UnitResident[]>(unitIds.map((id) => [id, []]));
    if (!unitIds.length) return out;
    const rows = await this.db
      .selectFrom('unit_roles as r')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .leftJoin('id_map as m', (j) => j.on('m.entity', '=', 'person').onRef('m.source_id', '=', 'p.id'))
      .select((eb) => [
        'r.unit_id as unitId',
        'p.id',
        'p.first_name as firstName',
        'p.last_name as lastName',
        'r.role',
        'p.status',
        eb.fn.coalesce('m.sync_status', sql.lit('pending')).as('syncStatus'),
      ])
      .where('r.unit_id', 'in', unitIds)
      .orderBy((eb) => bytewise(this.db, eb.ref('p.status')))
      .orderBy((eb) => bytewise(this.db, eb.ref('r.role')))
      .orderBy((eb) => bytewise(this.db, eb.ref('p.last_name')))
      .orderBy((eb) => bytewise(this.db, eb.ref('p.first_name')))
      .orderBy((eb) => bytewise(this.db, eb.ref('p.id')))
      .execute();
    for (const { unitId, ...resident } of rows) out.get(unitId)!.push(resident as UnitResident);
    return out;
  }

  /** Every building, by code (bytewise, as SQLite sorts; two with one code by id), with its unit count. */
  async corporations(): Promise<CorporationRow[]> {
    const rows = await this.db
      .selectFrom('corporations as c')
      .select((eb) => [
        'c.id',
        'c.code',
        'c.legal_name as legalName',
        'c.workspace_id as workspaceId',
        'c.owners_group as owners',
        'c.tenants_group as tenants',
        eb.selectFrom('units as u').whereRef('u.corporation_id', '=', 'c.id').select((e) => e.fn.countAll().as('n')).as('units'),
      ])
      .orderBy((eb) => bytewise(this.db, eb.ref('c.code')))
      .orderBy((eb) => bytewise(this.db, eb.ref('c.id')))
      .execute();
    return rows.map((r) => ({ ...r, units: toCount(r.units) }));
  }

  /** Sets (or, with null, clears) a building's group names; false when the building is unknown. */
  async setGroups(id: string, groups: { owners: string; tenants: string } | null): Promise<boolean> {
    const result = await this.db
      .updateTable('corporations')
      .set({ owners_group: groups?.owners ?? null, tenants_group: groups?.tenants ?? null })
      .where('id', '=', id)
      .executeTakeFirst();
    return changed(result) > 0;
  }
}
