/**
 * The id map: one row per Condo Manager record (unit, person, invoice,
 * payment) with its Condo Control id, what was last written there, and its
 * sync status. This file holds the resident side; the ledger's rows are
 * written by the ledger repository.
 */
import { sql, type Selectable } from 'kysely';
import { inTransaction, jsonIsTrue, toCount, type Executor } from '../kysely';
import type { IdMapTable, SyncStatusValue } from '../schema';
import { chunks, lastById } from './local-copy';

const COLUMNS = ['entity', 'source_id', 'target_id', 'workspace_id', 'content_hash', 'last_synced_at', 'sync_status', 'synced_state', 'source_hash', 'attention'] as const;

/** A unit's or person's id_map row, as the resident sync reads it. */
export type MapRow = Pick<Selectable<IdMapTable>, (typeof COLUMNS)[number]> & { entity: 'unit' | 'person' };

/** One queued change to the id map, applied in order by `write`. */
export type MapWrite =
  | {
      kind: 'save';
      entity: 'unit' | 'person';
      sourceId: string;
      targetId: string | null;
      workspaceId: string;
      contentHash: string;
      at: string;
      status: 'in_sync' | 'attention';
      /** JSON array. */
      attention: string;
      /** JSON. */
      syncedState: string;
    }
  | { kind: 'fail'; entity: 'unit' | 'person'; sourceId: string; attention: string }
  | { kind: 'unlink'; entity: 'unit' | 'person'; sourceId: string };

/** A 'save' change: the result of one unit's or person's write to Condo Control. */
export type MapSave = Extract<MapWrite, { kind: 'save' }>;

export class IdMapRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Records the hash of each staged source record; a record whose hash
   * changed (or that is new) becomes pending.
   */
  async markSources(entity: 'unit' | 'person', rows: { id: string; hash: string }[]): Promise<void> {
    for (const part of chunks(lastById(rows, (r) => r.id))) {
      await this.db
        .insertInto('id_map')
        .values(part.map((r) => ({ entity, source_id: r.id, source_hash: r.hash, sync_status: 'pending' as const })))
        .onConflict((oc) =>
          oc.columns(['entity', 'source_id']).doUpdateSet((eb) => ({
            source_hash: eb.ref('excluded.source_hash'),
            sync_status: sql<SyncStatusValue>`CASE WHEN id_map.source_hash IS NOT DISTINCT FROM excluded.source_hash THEN id_map.sync_status ELSE 'pending' END`,
          })),
        )
        .execute();
    }
  }

  /** The map rows of one building's units or people. */
  async ofCorporation(entity: 'unit' | 'person', corporationId: string): Promise<MapRow[]> {
    return (await this.db
      .selectFrom('id_map as m')
      .select(COLUMNS.map((c) => `m.${c}` as const))
      .where('m.entity', '=', entity)
      .where('m.source_id', 'in', (eb) =>
        eb
          .selectFrom('people')
          .select('id')
          .where('corporation_id', '=', corporationId)
          .unionAll(eb.selectFrom('units').select('id').where('corporation_id', '=', corporationId)),
      )
      .execute()) as MapRow[];
  }

  async get(entity: 'unit' | 'person', sourceId: string): Promise<MapRow | undefined> {
    return (await this.db
      .selectFrom('id_map')
      .select([...COLUMNS])
      .where('entity', '=', entity)
      .where('source_id', '=', sourceId)
      .executeTakeFirst()) as MapRow | undefined;
  }

  /** Applies queued changes in one transaction, in order (consecutive ones of a kind as one statement). */
  async write(rows: MapWrite[]): Promise<void> {
    if (!rows.length) return;
    await inTransaction(this.db, async (trx) => {
      for (const run of runsOfKind(rows)) {
        if (run[0]!.kind === 'save') await saveRows(trx, run as MapSave[]);
        else if (run[0]!.kind === 'fail') await failRows(trx, run as Extract<MapWrite, { kind: 'fail' }>[]);
        else {
          for (const entity of ['unit', 'person'] as const) {
            const ids = run.filter((r) => r.entity === entity).map((r) => r.sourceId);
            for (const part of chunks(ids, 500)) {
              await trx.updateTable('id_map').set({ target_id: null }).where('entity', '=', entity).where('source_id', 'in', part).execute();
            }
          }
        }
      }
    });
  }

  /**
   * People of the building with an active Condo Control user whom the read
   * starting at `since` did not see: a reconcile's likely deactivations.
   */
  async vanishedCount(corporationId: string, since: string): Promise<number> {
    const row = await this.db
      .selectFrom('people as p')
      .innerJoin('id_map as m', (j) => j.on('m.entity', '=', 'person').onRef('m.source_id', '=', 'p.id'))
      .select((eb) => eb.fn.countAll().as('n'))
      .where('p.corporation_id', '=', corporationId)
      .where((eb) => eb.or([eb('p.seen_at', 'is', null), eb('p.seen_at', '<', since)]))
      .where('m.target_id', 'is not', null)
      .where((eb) => jsonIsTrue(this.db, eb.ref('m.synced_state'), 'active'))
      .executeTakeFirstOrThrow();
    return toCount(row.n);
  }
}

function runsOfKind(rows: MapWrite[]): MapWrite[][] {
  const runs: MapWrite[][] = [];
  for (const r of rows) {
    const last = runs[runs.length - 1];
    if (last && last[0]!.kind === r.kind) last.push(r);
    else runs.push([r]);
  }
  return runs;
}

const key = (r: { entity: string; sourceId: string }) => `${r.entity}\u0000${r.sourceId}`;

async function saveRows(db: Executor, rows: MapSave[]): Promise<void> {
  for (const part of chunks(lastById(rows, key))) {
    await db
      .insertInto('id_map')
      .values(
        part.map((r) => ({
          entity: r.entity,
          source_id: r.sourceId,
          target_id: r.targetId,
          workspace_id: r.workspaceId,
          content_hash: r.contentHash,
          last_synced_at: r.at,
          sync_status: r.status,
          attention: r.attention,
          synced_state: r.syncedState,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['entity', 'source_id']).doUpdateSet((eb) => ({
          target_id: eb.ref('excluded.target_id'),
          workspace_id: eb.ref('excluded.workspace_id'),
          content_hash: eb.ref('excluded.content_hash'),
          last_synced_at: eb.ref('excluded.last_synced_at'),
          sync_status: eb.ref('excluded.sync_status'),
          attention: eb.ref('excluded.attention'),
          synced_state: eb.ref('excluded.synced_state'),
        })),
      )
      .execute();
  }
}

async function failRows(db: Executor, rows: Extract<MapWrite, { kind: 'fail' }>[]): Promise<void> {
  for (const part of chunks(lastById(rows, key))) {
    await db
      .insertInto('id_map')
      .values(part.map((r) => ({ entity: r.entity, source_id: r.sourceId, sync_status: 'failed' as const, attention: r.attention })))
      .onConflict((oc) =>
        oc.columns(['entity', 'source_id']).doUpdateSet((eb) => ({ sync_status: sql.lit('failed' as const), attention: eb.ref('excluded.attention') })),
      )
      .execute();
  }
}

