/**
 * Read-only views over the local copy and the id map for reports, exports,
 * Settings and balances: no call to either system, so they answer even when
 * one is down.
 */
import { sql, type Selectable } from 'kysely';
import { bytewise, type Executor } from '../kysely';
import type { IdMapTable, PeopleTable } from '../schema';

/** A person with their last-written Condo Control state (null: never synced) and unit numbers, home unit first. */
export type QualityPersonRow = Pick<
  Selectable<PeopleTable>,
  'id' | 'corporation_id' | 'role' | 'first_name' | 'last_name' | 'email' | 'status' | 'move_out_date'
> & { synced_state: Selectable<IdMapTable>['synced_state']; units: string[] };

export interface AttentionRow {
  entity: 'person' | 'unit';
  /** The record's Condo Manager id. */
  id: string;
  status: 'attention' | 'failed';
  /** JSON array of notes. */
  attention: string;
  code: string | null;
  firstName: string | null;
  lastName: string | null;
  role: 'owner' | 'tenant' | null;
  /** The unit's number, or the person's unit numbers joined by ', '. */
  units: string | null;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Text order by UTF-8 bytes (SQLite's BINARY), nulls first. */
function byBytes(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export class ReportRepository {
  constructor(private readonly db: Executor) {}

  /** Unit numbers per person, in the order of the person's units (home unit first). */
  private async unitNumbers(personIds: string[] | 'all', corporationId?: string): Promise<Map<string, string[]>> {
    let q = this.db
      .selectFrom('unit_roles as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .select(['r.person_id as personId', 'r.unit_id as unitId', 'u.number', 'p.unit_ids as unitIds']);
    if (corporationId) q = q.where('p.corporation_id', '=', corporationId);
    if (personIds !== 'all') {
      if (!personIds.length) return new Map();
      q = q.where('r.person_id', 'in', personIds);
    }
    const rows = await q.execute();
    const out = new Map<string, { numbers: string[]; order: number[] }>();
    for (const r of rows) {
      const entry = out.get(r.personId) ?? { numbers: [], order: [] };
      entry.numbers.push(r.number);
      const at = (JSON.parse(r.unitIds) as string[]).indexOf(r.unitId);
      entry.order.push(at < 0 ? Number.MAX_SAFE_INTEGER : at);
      out.set(r.personId, entry);
    }
    return new Map(
      [...out].map(([id, e]) => [
        id,
        e.numbers
          .map((n, i) => ({ n, at: e.order[i]! }))
          // Units no longer in the person's list tie at the end: by number, not by the rows' order (which differs by backend).
          .sort((a, b) => a.at - b.at || byBytes(a.n, b.n))
          .map((x) => x.n),
      ]),
    );
  }

  /** Every person (of one building or all), with their Condo Control state and unit numbers, by building then name. */
  async qualityPeople(corporationId?: string): Promise<QualityPersonRow[]> {
    let q = this.db
      .selectFrom('people as p')
      .leftJoin('id_map as m', (j) => j.on('m.entity', '=', 'person').onRef('m.source_id', '=', 'p.id'))
      .select(['p.id', 'p.corporation_id', 'p.role', 'p.first_name', 'p.last_name', 'p.email', 'p.status', 'p.move_out_date', 'm.synced_state'])
      .orderBy((eb) => bytewise(this.db, eb.ref('p.corporation_id')))
      .orderBy((eb) => bytewise(this.db, eb.ref('p.last_name')))
      .orderBy((eb) => bytewise(this.db, eb.ref('p.first_name')))
      .orderBy((eb) => bytewise(this.db, eb.ref('p.id')));
    if (corporationId) q = q.where('p.corporation_id', '=', corporationId);
    const people = await q.execute();
    const units = await this.unitNumbers('all', corporationId);
    return people.map((p) => ({ ...p, units: units.get(p.id) ?? [] }));
  }

  /** Residential units with no current owner, in the Unit File's order within each building. */
  async unitsWithoutOwners(corporationId?: string): Promise<{ unitId: string; number: string; corporationId: string }[]> {
    let q = this.db
      .selectFrom('units as u')
      .select(['u.id as unitId', 'u.number', 'u.corporation_id as corporationId'])
      .where('u.kind', '=', 'residential')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('unit_roles as r')
              .innerJoin('people as p', 'p.id', 'r.person_id')
              .select(sql.lit(1).as('one'))
              .whereRef('r.unit_id', '=', 'u.id')
              .where('r.role', '=', 'owner')
              .where('p.status', '=', 'Active'),
          ),
        ),
      )
      .orderBy((eb) => bytewise(this.db, eb.ref('u.corporation_id')))
      .orderBy((eb) => sql`CASE WHEN substr(${eb.ref('u.number')}, 1, 1) IN (${sql.join(DIGITS.map((d) => sql.lit(d)))}) THEN 1 ELSE 0 END`, 'desc')
      .orderBy((eb) => eb.fn('length', [eb.ref('u.number')]))
      .orderBy((eb) => bytewise(this.db, eb.ref('u.number')))
      // Units of a building may share a number: the Unit File's last key too.
      .orderBy((eb) => bytewise(this.db, eb.ref('u.id')));
    if (corporationId) q = q.where('u.corporation_id', '=', corporationId);
    return q.execute();
  }

  /** People and units whose last sync left a note (attention or failed), by building code, units, name, then record. */
  async attention(corporationId?: string): Promise<AttentionRow[]> {
    let q = this.db
      .selectFrom('id_map as m')
      .leftJoin('people as p', (j) => j.on('m.entity', '=', 'person').onRef('p.id', '=', 'm.source_id'))
      .leftJoin('units as u', (j) => j.on('m.entity', '=', 'unit').onRef('u.id', '=', 'm.source_id'))
      .leftJoin('corporations as c', (j) => j.on((eb) => eb('c.id', '=', eb.fn.coalesce('p.corporation_id', 'u.corporation_id'))))
      .select([
        'm.entity',
        'm.source_id as id',
        'm.sync_status as status',
        'm.attention',
        'c.code',
        'p.id as personId',
        'p.first_name as firstName',
        'p.last_name as lastName',
        'p.role',
        'u.number as unitNumber',
      ])
      .where('m.entity', 'in', ['person', 'unit'])
      .where('m.sync_status', 'in', ['attention', 'failed'])
      .where('m.attention', 'not in', ['', '[]']);
    if (corporationId) q = q.where('c.id', '=', corporationId);
    const rows = await q.execute();
    const numbers = await this.unitNumbers(rows.flatMap((r) => (r.personId ? [r.personId] : [])));
    const list: AttentionRow[] = rows.map((r) => ({
      entity: r.entity as AttentionRow['entity'],
      id: r.id,
      status: r.status as AttentionRow['status'],
      attention: r.attention,
      code: r.code,
      firstName: r.firstName,
      lastName: r.lastName,
      role: r.role,
      units: r.unitNumber ?? (r.personId && numbers.get(r.personId)?.length ? numbers.get(r.personId)!.join(', ') : null),
    }));
    // Ends on the record (two residents of a unit may share a name): the rows' order from the database differs by backend.
    return list.sort(
      (a, b) =>
        byBytes(a.code, b.code) || byBytes(a.units, b.units) || byBytes(a.lastName, b.lastName) || byBytes(a.firstName, b.firstName) || byBytes(a.entity, b.entity) || byBytes(a.id, b.id),
    );
  }

  /** Building codes by id. */
  async corporationCodes(): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('corporations').select(['id', 'code']).execute();
    return new Map(rows.map((c) => [c.id, c.code]));
  }

  /** Buildings with their Condo Control workspace and owners group (null until mapped or set). */
  async buildingWorkspaces(): Promise<{ id: string; workspaceId: string | null; owners: string | null }[]> {
    return this.db.selectFrom('corporations').select(['id', 'workspace_id as workspaceId', 'owners_group as owners']).execute();
  }

  /** A person's units (JSON array, home unit first), or undefined when the person is not in the local copy. */
  async unitIdsOfPerson(personId: string): Promise<string[] | undefined> {
    const row = await this.db.selectFrom('people').select('unit_ids').where('id', '=', personId).executeTakeFirst();
    return row ? (JSON.parse(row.unit_ids) as string[]) : undefined;
  }
}
