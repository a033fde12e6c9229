import { foldText } from '@shared/people-text';
import type { Executor } from '../db/kysely';
import { IdMapRepository, type MapRow, type MapSave, type MapWrite } from '../db/repositories/id-map';
import { LocalCopyRepository, type MappedCorporation } from '../db/repositories/local-copy';
import { WatermarkRepository, type Watermark } from '../db/repositories/watermarks';
import type { CmUnit, Corporation, Owner, Tenant } from '../systems/schemas';
import { contentHash } from './hash';

export type { MapRow, Watermark };

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
 * Runs at start, in one transaction; a no-op once filled. Returns how many rows it keyed.
 */
export async function backfillSearchKeys(db: Executor): Promise<number> {
  const missing = await new LocalCopyRepository(db).missingSearchKeys();
  const n = missing.people.length + missing.units.length;
  if (!n) return 0;
  await db.transaction().execute((trx) =>
    new LocalCopyRepository(trx).setSearchKeys({
      people: missing.people.map((p) => ({ id: p.id, key: personSearchKey(p) })),
      units: missing.units.map((u) => ({ id: u.id, key: unitSearchKey(u.number) })),
    }),
  );
  return n;
}

/** A read position to move in the same transaction as the page it covers. */
export interface StagedWatermark {
  scope: string;
  watermark: Watermark | undefined;
}

/**
 * The local copy of Condo Manager and the id map, as the sync uses them
 * (hashes, search keys, batching); the SQL lives in the repositories.
 */
export class SyncCache {
  private readonly copy: LocalCopyRepository;
  private readonly ids: IdMapRepository;
  private readonly marks: WatermarkRepository;

  constructor(private readonly db: Executor) {
    this.copy = new LocalCopyRepository(db);
    this.ids = new IdMapRepository(db);
    this.marks = new WatermarkRepository(db);
  }

  async upsertCorporations(corps: Corporation[], now: string): Promise<void> {
    await this.atomically((trx) => new LocalCopyRepository(trx).upsertCorporations(corps, now));
  }

  async setWorkspace(corpId: string, workspaceId: string): Promise<void> {
    await this.copy.setWorkspace(corpId, workspaceId);
  }

  corporations(): Promise<MappedCorporation[]> {
    return this.copy.corporations();
  }

  watermark(scope: string): Promise<Watermark | undefined> {
    return this.marks.get(scope);
  }

  /** Stages a page of units (and moves its read position) in one transaction. */
  async stageUnits(corp: string, units: CmUnit[], seenAt: string, mark?: StagedWatermark): Promise<void> {
    await this.atomically(async (trx) => {
      await new LocalCopyRepository(trx).upsertUnits(
        units.map((u) => ({
          id: u.id,
          corporation_id: corp,
          number: u.number,
          legal_description: u.legalDescription ?? '',
          kind: u.kind,
          occupancy: u.occupancy,
          account_id: u.accountId,
          updated_at: u.updatedAt,
          seen_at: seenAt,
          search_key: unitSearchKey(u.number),
        })),
      );
      await new IdMapRepository(trx).markSources('unit', units.map((u) => ({ id: u.id, hash: unitSourceHash(u) })));
      if (mark?.watermark) await new WatermarkRepository(trx).set(mark.scope, mark.watermark);
    });
  }

  /** Stages a page of owners or tenants, with the units each holds (and moves its read position), in one transaction. */
  async stagePeople(corp: string, role: 'owner' | 'tenant', people: (Owner | Tenant)[], seenAt: string, mark?: StagedWatermark): Promise<void> {
    await this.atomically(async (trx) => {
      await new LocalCopyRepository(trx).upsertPeople(
        people.map((p) => {
          const t = p as Partial<Tenant>;
          return {
            id: p.id,
            corporation_id: corp,
            role,
            title: p.title,
            first_name: p.firstName,
            last_name: p.lastName,
            email: p.email,
            phones: JSON.stringify(p.phones),
            language: p.language,
            status: p.status,
            start_date: p.startDate,
            end_date: p.endDate,
            move_in_date: t.moveInDate ?? null,
            move_out_date: t.moveOutDate ?? null,
            updated_at: p.updatedAt,
            unit_ids: JSON.stringify(p.unitIds),
            seen_at: seenAt,
            search_key: personSearchKey(p),
          };
        }),
      );
      await new IdMapRepository(trx).markSources('person', people.map((p) => ({ id: p.id, hash: personSourceHash(p, role) })));
      if (mark?.watermark) await new WatermarkRepository(trx).set(mark.scope, mark.watermark);
    });
  }

  async people(corp: string): Promise<CachedPerson[]> {
    return (await this.copy.people(corp)).map((r) => ({
      ...r,
      language: r.language as CachedPerson['language'],
      phones: JSON.parse(r.phones),
      unitIds: JSON.parse(r.unitIds),
    }));
  }

  async units(corp: string): Promise<CachedUnit[]> {
    return (await this.copy.units(corp)) as CachedUnit[];
  }

  async maps(entity: 'unit' | 'person', corp: string): Promise<Map<string, MapRow>> {
    await this.flush();
    const rows = await this.ids.ofCorporation(entity, corp);
    return new Map(rows.map((r) => [r.source_id, r]));
  }

  async map(entity: 'unit' | 'person', sourceId: string): Promise<MapRow | undefined> {
    await this.flush();
    return this.ids.get(entity, sourceId);
  }

  private pendingMaps: MapWrite[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Runs `fn` in one transaction that first writes the queued map rows, so a
   * page staged after a write sees that write (and marks a changed record
   * pending after it, not before). Rows taken from the queue go back on failure.
   */
  private async atomically<T>(fn: (trx: Executor) => Promise<T>): Promise<T> {
    let taken: MapWrite[] = [];
    try {
      return await this.db.transaction().execute(async (trx) => {
        taken = this.pendingMaps.splice(0);
        await new IdMapRepository(trx).write(taken);
        return fn(trx);
      });
    } catch (err) {
      // A full disk: keep the rows for the next flush, which the run makes before it ends.
      this.pendingMaps.unshift(...taken);
      throw err;
    }
  }

  /**
   * Map rows are written in batches (one commit per 50 ms or 500 rows), not
   * one commit per record. Losing the last batch to a crash is safe: the
   * next run finds those users by their externalId and links them again.
   */
  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.pendingMaps.length) return;
    await this.atomically(async () => undefined);
  }

  private queueMap(row: MapWrite): void {
    this.pendingMaps.push(row);
    // A background flush's failure keeps the rows queued; the run's own flush reports it.
    if (this.pendingMaps.length >= 500) void this.flush().catch(() => undefined);
    else this.flushTimer ??= setTimeout(() => void this.flush().catch(() => undefined), 50);
  }

  /** Queues a write's result; `attention` and `syncedState` are stored as JSON. */
  saveMap(row: Omit<MapSave, 'kind' | 'attention' | 'syncedState'> & { attention: string[]; syncedState: unknown }): void {
    this.queueMap({ kind: 'save', ...row, attention: JSON.stringify(row.attention), syncedState: JSON.stringify(row.syncedState) });
  }

  /** People the read that started at `since` saw. */
  seenIds(corp: string, since: string): Promise<string[]> {
    return this.copy.seenIds(corp, since);
  }

  /** People the sync gave an active user whom the read that started at `since` did not see: a reconcile's likely deactivations. */
  vanishedCount(corp: string, since: string): Promise<number> {
    return this.ids.vanishedCount(corp, since);
  }

  /** Drops people a full read no longer returns from the local copy (their history stays in job events). */
  async forgetUnseen(corp: string, since: string): Promise<void> {
    await this.copy.forgetUnseen(corp, since);
  }

  /** An ended record whose Condo Control user now follows a new record (a resident who moved). */
  unlinkTarget(entity: 'unit' | 'person', sourceId: string): void {
    this.queueMap({ kind: 'unlink', entity, sourceId });
  }

  markFailed(entity: 'unit' | 'person', sourceId: string, message: string): void {
    this.queueMap({ kind: 'fail', entity, sourceId, attention: JSON.stringify([message]) });
  }
}
