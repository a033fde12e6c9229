import { foldText } from '@shared/people-text';
import type { Db } from '../db/database';
import type { CmUnit, Corporation, Owner, Tenant } from '../systems/schemas';
import { contentHash } from './hash';

export interface Watermark {
  updatedAt: string;
  id: string;
}

export interface CachedPerson {
  id: string;
  corporationId: string;
  role: 'owner' | 'tenant';
  firstName: string;
  lastName: string;
  email: string | null;
  phones: { type: 'home' | 'mobile' | 'work'; number: string }[];
  language: 'en' | 'fr';
  status: 'Active' | 'Past';
  startDate: string | null;
  endDate?: string | null;
  moveInDate?: string | null;
  moveOutDate?: string | null;
  unitIds: string[];
}

export interface CachedUnit {
  id: string;
  corporationId: string;
  number: string;
  occupancy: 'OwnerOccupied' | 'Rental' | 'Vacant';
}

export interface MapRow {
  entity: 'unit' | 'person';
  source_id: string;
  target_id: string | null;
  workspace_id: string | null;
  content_hash: string | null;
  sync_status: 'in_sync' | 'pending' | 'attention' | 'failed';
  synced_state: string | null;
  source_hash: string | null;
  attention: string | null;
}

/** The fields of a person that Condo Control receives: a change in any marks them pending. */
export function personSourceHash(p: Owner | Tenant, role: 'owner' | 'tenant'): string {
  return contentHash([role, p.firstName, p.lastName, p.email, p.phones, p.language, p.status, p.unitIds]);
}

function unitSourceHash(u: CmUnit): string {
  return contentHash([u.number, u.occupancy]);
}

/** What a unit is found by in the Unit File's search: its number, folded. */
export function unitSearchKey(number: string): string {
  return foldText(number);
}

/** What a person is found by: "first last" and the email, folded, one per line. */
export function personSearchKey(p: { firstName: string; lastName: string; email: string | null }): string {
  return `${foldText(`${p.firstName} ${p.lastName}`)}\n${foldText(p.email)}`;
}

/**
 * Fills search keys a migration left empty (rows cached before keys existed).
 * Runs at start, in batches of one transaction; a no-op once filled.
 */
export function backfillSearchKeys(db: Db): number {
  const people = db.prepare('SELECT id, first_name AS firstName, last_name AS lastName, email FROM people WHERE search_key IS NULL').all() as {
    id: string;
    firstName: string;
    lastName: string;
    email: string | null;
  }[];
  const units = db.prepare('SELECT id, number FROM units WHERE search_key IS NULL').all() as { id: string; number: string }[];
  const setPerson = db.prepare('UPDATE people SET search_key = ? WHERE id = ?');
  const setUnit = db.prepare('UPDATE units SET search_key = ? WHERE id = ?');
  db.transaction(() => {
    for (const p of people) setPerson.run(personSearchKey(p), p.id);
    for (const u of units) setUnit.run(unitSearchKey(u.number), u.id);
  })();
  return people.length + units.length;
}

/** The local copy of Condo Manager and the id map: every SQL the sync runs. */
export class SyncCache {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      corp: db.prepare(`INSERT INTO corporations (id, code, legal_name, timezone, updated_at) VALUES (@id, @code, @legalName, @timezone, @now)
        ON CONFLICT(id) DO UPDATE SET code = excluded.code, legal_name = excluded.legal_name, timezone = excluded.timezone, updated_at = excluded.updated_at`),
      setWorkspace: db.prepare('UPDATE corporations SET workspace_id = ? WHERE id = ?'),
      corps: db.prepare('SELECT id, code, timezone, workspace_id AS workspaceId, owners_group AS ownersGroup, tenants_group AS tenantsGroup FROM corporations ORDER BY code'),
      unit: db.prepare(`INSERT INTO units (id, corporation_id, number, legal_description, kind, occupancy, account_id, updated_at, seen_at, search_key)
        VALUES (@id, @corp, @number, @legalDescription, @kind, @occupancy, @accountId, @updatedAt, @seenAt, @searchKey)
        ON CONFLICT(id) DO UPDATE SET number = excluded.number, search_key = excluded.search_key, legal_description = excluded.legal_description, kind = excluded.kind,
          occupancy = excluded.occupancy, account_id = excluded.account_id, updated_at = excluded.updated_at, seen_at = excluded.seen_at`),
      person: db.prepare(`INSERT INTO people (id, corporation_id, role, title, first_name, last_name, email, phones, language, status, start_date, end_date,
          move_in_date, move_out_date, updated_at, unit_ids, seen_at, search_key)
        VALUES (@id, @corp, @role, @title, @firstName, @lastName, @email, @phones, @language, @status, @startDate, @endDate, @moveInDate, @moveOutDate,
          @updatedAt, @unitIds, @seenAt, @searchKey)
        ON CONFLICT(id) DO UPDATE SET role = excluded.role, search_key = excluded.search_key, title = excluded.title, first_name = excluded.first_name, last_name = excluded.last_name,
          email = excluded.email, phones = excluded.phones, language = excluded.language, status = excluded.status, start_date = excluded.start_date,
          end_date = excluded.end_date, move_in_date = excluded.move_in_date, move_out_date = excluded.move_out_date, updated_at = excluded.updated_at,
          unit_ids = excluded.unit_ids, seen_at = excluded.seen_at`),
      clearRoles: db.prepare('DELETE FROM unit_roles WHERE person_id = ?'),
      role: db.prepare('INSERT OR IGNORE INTO unit_roles (unit_id, person_id, role) VALUES (?, ?, ?)'),
      map: db.prepare('SELECT * FROM id_map WHERE entity = ? AND source_id = ?'),
      markSource: db.prepare(`INSERT INTO id_map (entity, source_id, source_hash, sync_status) VALUES (@entity, @id, @hash, 'pending')
        ON CONFLICT(entity, source_id) DO UPDATE SET source_hash = excluded.source_hash,
          sync_status = CASE WHEN id_map.source_hash IS excluded.source_hash THEN id_map.sync_status ELSE 'pending' END`),
      wm: db.prepare('SELECT updated_at AS updatedAt, last_id AS id FROM watermarks WHERE scope = ?'),
      setWm: db.prepare(`INSERT INTO watermarks (scope, updated_at, last_id) VALUES (?, ?, ?)
        ON CONFLICT(scope) DO UPDATE SET updated_at = excluded.updated_at, last_id = excluded.last_id`),
      peopleOf: db.prepare(`SELECT id, corporation_id AS corporationId, role, first_name AS firstName, last_name AS lastName, email, phones, language,
          status, start_date AS startDate, end_date AS endDate, move_in_date AS moveInDate, move_out_date AS moveOutDate, unit_ids AS unitIds FROM people WHERE corporation_id = ? ORDER BY id`),
      unitsOf: db.prepare('SELECT id, corporation_id AS corporationId, number, occupancy FROM units WHERE corporation_id = ? ORDER BY id'),
      mapsOf: db.prepare(`SELECT m.* FROM id_map m WHERE m.entity = ? AND m.source_id IN (
          SELECT id FROM people WHERE corporation_id = @corp UNION ALL SELECT id FROM units WHERE corporation_id = @corp)`),
      saveMap: db.prepare(`INSERT INTO id_map (entity, source_id, target_id, workspace_id, content_hash, last_synced_at, sync_status, attention, synced_state)
        VALUES (@entity, @sourceId, @targetId, @workspaceId, @contentHash, @at, @status, @attention, @syncedState)
        ON CONFLICT(entity, source_id) DO UPDATE SET target_id = excluded.target_id, workspace_id = excluded.workspace_id,
          content_hash = excluded.content_hash, last_synced_at = excluded.last_synced_at, sync_status = excluded.sync_status,
          attention = excluded.attention, synced_state = excluded.synced_state`),
      seen: db.prepare('SELECT id FROM people WHERE corporation_id = ? AND seen_at >= ?'),
      vanished: db.prepare(`SELECT count(*) FROM people p JOIN id_map m ON m.entity = 'person' AND m.source_id = p.id
        WHERE p.corporation_id = ? AND (p.seen_at IS NULL OR p.seen_at < ?) AND m.target_id IS NOT NULL
          AND json_extract(m.synced_state, '$.active') = 1`).pluck(),
      forget: db.prepare('DELETE FROM people WHERE corporation_id = ? AND (seen_at IS NULL OR seen_at < ?)'),
      unlink: db.prepare("UPDATE id_map SET target_id = NULL WHERE entity = ? AND source_id = ?"),
      failMap: db.prepare(`INSERT INTO id_map (entity, source_id, sync_status, attention) VALUES (?, ?, 'failed', ?)
        ON CONFLICT(entity, source_id) DO UPDATE SET sync_status = 'failed', attention = excluded.attention`),
    };
  }

  transaction<T>(fn: () => T): T {
    this.flush();
    return this.db.transaction(fn)();
  }

  upsertCorporation(c: Corporation, now: string): void {
    this.s.corp.run({ ...c, now });
  }

  setWorkspace(corpId: string, workspaceId: string): void {
    this.s.setWorkspace.run(workspaceId, corpId);
  }

  corporations(): { id: string; code: string; timezone: string; workspaceId: string | null; ownersGroup: string | null; tenantsGroup: string | null }[] {
    return this.s.corps.all() as never;
  }

  watermark(scope: string): Watermark | undefined {
    const row = this.s.wm.get(scope) as Watermark | undefined;
    return row?.updatedAt ? row : undefined;
  }

  setWatermark(scope: string, wm: Watermark): void {
    this.s.setWm.run(scope, wm.updatedAt, wm.id);
  }

  stageUnit(corp: string, u: CmUnit, seenAt: string): void {
    this.s.unit.run({ ...u, corp, legalDescription: u.legalDescription ?? '', accountId: u.accountId, seenAt, searchKey: unitSearchKey(u.number) });
    this.s.markSource.run({ entity: 'unit', id: u.id, hash: unitSourceHash(u) });
  }

  stagePerson(corp: string, role: 'owner' | 'tenant', p: Owner | Tenant, seenAt: string): void {
    const t = p as Partial<Tenant>;
    this.s.person.run({
      id: p.id,
      corp,
      role,
      title: p.title,
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      phones: JSON.stringify(p.phones),
      language: p.language,
      status: p.status,
      startDate: p.startDate,
      endDate: p.endDate,
      moveInDate: t.moveInDate ?? null,
      moveOutDate: t.moveOutDate ?? null,
      updatedAt: p.updatedAt,
      unitIds: JSON.stringify(p.unitIds),
      seenAt,
      searchKey: personSearchKey(p),
    });
    this.s.clearRoles.run(p.id);
    for (const unitId of p.unitIds) this.s.role.run(unitId, p.id, role);
    this.s.markSource.run({ entity: 'person', id: p.id, hash: personSourceHash(p, role) });
  }

  people(corp: string): CachedPerson[] {
    return (this.s.peopleOf.all(corp) as (Omit<CachedPerson, 'phones' | 'unitIds'> & { phones: string; unitIds: string })[]).map((r) => ({
      ...r,
      phones: JSON.parse(r.phones),
      unitIds: JSON.parse(r.unitIds),
    }));
  }

  units(corp: string): CachedUnit[] {
    return this.s.unitsOf.all(corp) as CachedUnit[];
  }

  maps(entity: 'unit' | 'person', corp: string): Map<string, MapRow> {
    this.flush();
    const rows = this.s.mapsOf.all(entity, { corp }) as MapRow[];
    return new Map(rows.map((r) => [r.source_id, r]));
  }

  map(entity: 'unit' | 'person', sourceId: string): MapRow | undefined {
    this.flush();
    return this.s.map.get(entity, sourceId) as MapRow | undefined;
  }

  private pendingMaps: Record<string, unknown>[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Map rows are written in batches (one commit per 50 ms or 500 rows), not
   * one commit per record. Losing the last batch to a crash is safe: the
   * next run finds those users by their externalId and links them again.
   */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.pendingMaps.length || !this.db.open) return;
    const rows = this.pendingMaps.splice(0);
    try {
      this.db.transaction(() =>
        rows.forEach((r) =>
          r.kind === 'fail' ? this.s.failMap.run(r.entity, r.sourceId, r.attention) : r.kind === 'unlink' ? this.s.unlink.run(r.entity, r.sourceId) : this.s.saveMap.run(r),
        ),
      )();
    } catch (err) {
      // A full disk: keep the rows for the next flush, which the run makes before it ends.
      this.pendingMaps.unshift(...rows);
      throw err;
    }
  }

  private queueMap(row: Record<string, unknown>): void {
    this.pendingMaps.push(row);
    if (this.pendingMaps.length >= 500) this.flush();
    // A timer's throw would end the process; the run's own flush reports it instead.
    else this.flushTimer ??= setTimeout(() => {
      try {
        this.flush();
      } catch {
        // kept in pendingMaps; see flush()
      }
    }, 50);
  }

  saveMap(row: {
    entity: 'unit' | 'person';
    sourceId: string;
    targetId: string | null;
    workspaceId: string;
    contentHash: string;
    at: string;
    status: 'in_sync' | 'attention';
    attention: string[];
    syncedState: unknown;
  }): void {
    this.queueMap({ ...row, attention: JSON.stringify(row.attention), syncedState: JSON.stringify(row.syncedState) });
  }

  /** People the read that started at `since` saw. */
  seenIds(corp: string, since: string): string[] {
    return (this.s.seen.all(corp, since) as { id: string }[]).map((r) => r.id);
  }

  /** People the sync gave an active user whom the read that started at `since` did not see: a reconcile's likely deactivations. */
  vanishedCount(corp: string, since: string): number {
    return this.s.vanished.get(corp, since) as number;
  }

  /** Drops people a full read no longer returns from the local copy (their history stays in job events). */
  forgetUnseen(corp: string, since: string): void {
    this.s.forget.run(corp, since);
  }

  /** An ended record whose Condo Control user now follows a new record (a resident who moved). */
  unlinkTarget(entity: 'unit' | 'person', sourceId: string): void {
    this.queueMap({ kind: 'unlink', entity, sourceId });
  }

  markFailed(entity: 'unit' | 'person', sourceId: string, message: string): void {
    this.queueMap({ kind: 'fail', entity, sourceId, attention: JSON.stringify([message]) });
  }
}
