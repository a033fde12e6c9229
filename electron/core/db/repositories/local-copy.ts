/**
 * The local copy of Condo Manager: buildings, units, people and which unit
 * each person holds. Written a page at a time (multi-row upserts), read a
 * building at a time by the sync.
 */
import { bytewise, type Executor } from '../kysely';
import type { DB } from '../schema';
import type { Insertable } from 'kysely';

/** Rows per INSERT: under SQLite's and PostgreSQL's bound-parameter limits with room to spare. */
const CHUNK = 200;

export type UnitInsert = Insertable<DB['units']>;
export type PersonInsert = Insertable<DB['people']>;

export interface CorporationInsert {
  id: string;
  code: string;
  legalName: string;
  timezone: string;
}

export interface MappedCorporation {
  id: string;
  code: string;
  timezone: string;
  workspaceId: string | null;
  ownersGroup: string | null;
  tenantsGroup: string | null;
}

export interface PersonCopyRow {
  id: string;
  corporationId: string;
  role: 'owner' | 'tenant';
  firstName: string;
  lastName: string;
  email: string | null;
  /** JSON array. */
  phones: string;
  language: string;
  status: 'Active' | 'Past';
  startDate: string | null;
  endDate: string | null;
  moveInDate: string | null;
  moveOutDate: string | null;
  /** JSON array, home unit first. */
  unitIds: string;
}

/** The last occurrence of each key, in first-seen order: what row-by-row upserts would have left. */
export function lastById<T>(rows: T[], key: (row: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    byKey.delete(k);
    byKey.set(k, r);
  }
  return [...byKey.values()];
}

export function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export class LocalCopyRepository {
  constructor(private readonly db: Executor) {}

  async upsertCorporations(corps: CorporationInsert[], now: string): Promise<void> {
    for (const part of chunks(lastById(corps, (c) => c.id))) {
      await this.db
        .insertInto('corporations')
        .values(part.map((c) => ({ id: c.id, code: c.code, legal_name: c.legalName, timezone: c.timezone, updated_at: now })))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            code: eb.ref('excluded.code'),
            legal_name: eb.ref('excluded.legal_name'),
            timezone: eb.ref('excluded.timezone'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  async setWorkspace(corporationId: string, workspaceId: string): Promise<void> {
    await this.db.updateTable('corporations').set({ workspace_id: workspaceId }).where('id', '=', corporationId).execute();
  }

  /** Every building, by code (bytes order, as SQLite sorts; two with one code by id). */
  async corporations(): Promise<MappedCorporation[]> {
    return this.db
      .selectFrom('corporations')
      .select(['id', 'code', 'timezone', 'workspace_id as workspaceId', 'owners_group as ownersGroup', 'tenants_group as tenantsGroup'])
      .orderBy((eb) => bytewise(this.db, eb.ref('code')))
      .orderBy((eb) => bytewise(this.db, eb.ref('id')))
      .execute();
  }

  async upsertUnits(rows: UnitInsert[]): Promise<void> {
    for (const part of chunks(lastById(rows, (u) => u.id))) {
      await this.db
        .insertInto('units')
        .values(part)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            number: eb.ref('excluded.number'),
            search_key: eb.ref('excluded.search_key'),
            legal_description: eb.ref('excluded.legal_description'),
            kind: eb.ref('excluded.kind'),
            occupancy: eb.ref('excluded.occupancy'),
            account_id: eb.ref('excluded.account_id'),
            updated_at: eb.ref('excluded.updated_at'),
            seen_at: eb.ref('excluded.seen_at'),
          })),
        )
        .execute();
    }
  }

  /** Upserts people and replaces the units each one holds (their roles). */
  async upsertPeople(rows: PersonInsert[]): Promise<void> {
    const people = lastById(rows, (p) => p.id);
    for (const part of chunks(people)) {
      await this.db
        .insertInto('people')
        .values(part)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            role: eb.ref('excluded.role'),
            search_key: eb.ref('excluded.search_key'),
            title: eb.ref('excluded.title'),
            first_name: eb.ref('excluded.first_name'),
            last_name: eb.ref('excluded.last_name'),
            email: eb.ref('excluded.email'),
            phones: eb.ref('excluded.phones'),
            language: eb.ref('excluded.language'),
            status: eb.ref('excluded.status'),
            start_date: eb.ref('excluded.start_date'),
            end_date: eb.ref('excluded.end_date'),
            move_in_date: eb.ref('excluded.move_in_date'),
            move_out_date: eb.ref('excluded.move_out_date'),
            updated_at: eb.ref('excluded.updated_at'),
            unit_ids: eb.ref('excluded.unit_ids'),
            seen_at: eb.ref('excluded.seen_at'),
          })),
        )
        .execute();
      await this.db
        .deleteFrom('unit_roles')
        .where(
          'person_id',
          'in',
          part.map((p) => p.id),
        )
        .execute();
      const roles = part.flatMap((p) => (JSON.parse(p.unit_ids ?? '[]') as string[]).map((unitId) => ({ unit_id: unitId, person_id: p.id, role: p.role })));
      for (const r of chunks(lastById(roles, (x) => `${x.unit_id}\u0000${x.person_id}`), CHUNK * 2)) {
        await this.db.insertInto('unit_roles').values(r).onConflict((oc) => oc.columns(['unit_id', 'person_id']).doNothing()).execute();
      }
    }
  }

  async people(corporationId: string): Promise<PersonCopyRow[]> {
    return this.db
      .selectFrom('people')
      .select([
        'id',
        'corporation_id as corporationId',
        'role',
        'first_name as firstName',
        'last_name as lastName',
        'email',
        'phones',
        'language',
        'status',
        'start_date as startDate',
        'end_date as endDate',
        'move_in_date as moveInDate',
        'move_out_date as moveOutDate',
        'unit_ids as unitIds',
      ])
      .where('corporation_id', '=', corporationId)
      .orderBy((eb) => bytewise(this.db, eb.ref('id')))
      .execute();
  }

  async units(corporationId: string): Promise<{ id: string; corporationId: string; number: string; occupancy: string }[]> {
    return this.db
      .selectFrom('units')
      .select(['id', 'corporation_id as corporationId', 'number', 'occupancy'])
      .where('corporation_id', '=', corporationId)
      .orderBy((eb) => bytewise(this.db, eb.ref('id')))
      .execute();
  }

  /** Ids of the building's people that a read starting at `since` saw. */
  async seenIds(corporationId: string, since: string): Promise<string[]> {
    const rows = await this.db.selectFrom('people').select('id').where('corporation_id', '=', corporationId).where('seen_at', '>=', since).execute();
    return rows.map((r) => r.id);
  }

  /** Drops the building's people that the read starting at `since` did not see (their roles go with them). */
  async forgetUnseen(corporationId: string, since: string): Promise<void> {
    await this.db
      .deleteFrom('people')
      .where('corporation_id', '=', corporationId)
      .where((eb) => eb.or([eb('seen_at', 'is', null), eb('seen_at', '<', since)]))
      .execute();
  }

  /** People and units cached before search keys existed (migration 005). */
  async missingSearchKeys(): Promise<{
    people: { id: string; firstName: string; lastName: string; email: string | null }[];
    units: { id: string; number: string }[];
  }> {
    const people = await this.db.selectFrom('people').select(['id', 'first_name as firstName', 'last_name as lastName', 'email']).where('search_key', 'is', null).execute();
    const units = await this.db.selectFrom('units').select(['id', 'number']).where('search_key', 'is', null).execute();
    return { people, units };
  }

  async setSearchKeys(keys: { people: { id: string; key: string }[]; units: { id: string; key: string }[] }): Promise<void> {
    for (const p of keys.people) await this.db.updateTable('people').set({ search_key: p.key }).where('id', '=', p.id).execute();
    for (const u of keys.units) await this.db.updateTable('units').set({ search_key: u.key }).where('id', '=', u.id).execute();
  }
}
