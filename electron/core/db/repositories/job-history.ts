/**
 * The finished side of the job log: what happened to one record across
 * syncs, and the retention that keeps personal data no longer than Settings says.
 */
import type { JobOutcome, OutcomeEffect, OutcomeType, Page } from '@shared/types';
import { INFO_ONLY_LIKE } from '@shared/standing-attention';
import { sql, type ExpressionBuilder } from 'kysely';
import { changed, inTransaction, toCount, type Executor } from '../kysely';

export interface HistoryEntry {
  at: string;
  jobId: string;
  outcome: OutcomeType;
  /** For a 'conflict': the write it also made. */
  effect: OutcomeEffect | null;
  message: string | null;
  /** JSON field diff. */
  changes: string | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the job_events alias `e` in both backends' schemas
type EventsEb = ExpressionBuilder<any, any>;

/**
 * An unchanged record whose note still asks something of a person
 * (shared/standing-attention.ts): any message other than one info-only sentence.
 * LIKE's escape is given explicitly: PostgreSQL and SQLite differ on the default.
 */
function standing(eb: EventsEb) {
  return eb.and([
    eb('e.outcome', '=', 'unchanged'),
    eb('e.message', 'is not', null),
    eb('e.message', '!=', ''),
    ...INFO_ONLY_LIKE.map((p) => eb.not(sql<boolean>`${eb.ref('e.message')} LIKE ${p} ESCAPE '\\'`)),
  ]);
}

/** Statuses of a job that may still run: never pruned. */
const LIVE = ['queued', 'running', 'interrupted', 'awaiting_confirmation'];

export class JobHistoryRepository {
  constructor(private readonly db: Executor) {}

  /** Outcomes about one record (not from dry runs), newest first. */
  async of(entity: string, entityId: string, limit = 20): Promise<HistoryEntry[]> {
    return this.db
      .selectFrom('job_events as e')
      .innerJoin('jobs as j', 'j.id', 'e.job_id')
      .select(['e.at', 'e.job_id as jobId', 'e.outcome', 'e.effect', 'e.message', 'e.changes'])
      .where('e.entity', '=', entity)
      .where('e.entity_id', '=', entityId)
      .where('j.dry_run', '=', 0)
      .orderBy('e.id', 'desc')
      .limit(limit)
      .execute() as Promise<HistoryEntry[]>;
  }

  /**
   * One job's per-record outcomes in the order they happened, with the
   * record's name as the local copy knows it (a person's "first last", a
   * unit's "Unit <number>"). Default page: 200 from the start.
   */
  async outcomes(jobId: string, filter: { outcome?: OutcomeType; offset?: number; limit?: number }): Promise<Page<JobOutcome>> {
    let q = this.db.selectFrom('job_events as e').where('e.job_id', '=', jobId);
    // "Needs attention" lists standing items too, and "Unchanged" leaves them out: every record in one list, counted once.
    if (filter.outcome === 'conflict') q = q.where((eb) => eb.or([eb('e.outcome', '=', 'conflict'), standing(eb)]));
    else if (filter.outcome === 'unchanged') q = q.where((eb) => eb.and([eb('e.outcome', '=', 'unchanged'), eb.not(standing(eb))]));
    else if (filter.outcome) q = q.where('e.outcome', '=', filter.outcome);
    const total = toCount((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .select((eb) => [
        'e.id',
        'e.entity',
        'e.entity_id as entityId',
        'e.outcome',
        'e.effect',
        'e.message',
        'e.changes',
        'e.at',
        eb
          .case()
          .when('e.entity', '=', 'person')
          .then(eb.selectFrom('people as p').whereRef('p.id', '=', 'e.entity_id').select(sql<string>`trim(p.first_name || ' ' || p.last_name)`.as('name')))
          .when('e.entity', '=', 'unit')
          .then(eb.selectFrom('units as u').whereRef('u.id', '=', 'e.entity_id').select(sql<string>`'Unit ' || u.number`.as('name')))
          .end()
          .as('label'),
      ])
      .orderBy('e.id')
      .limit(filter.limit ?? 200)
      .offset(filter.offset ?? 0)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        entity: r.entity as JobOutcome['entity'],
        entityId: r.entityId,
        ...(r.label ? { label: r.label } : {}),
        outcome: r.outcome as OutcomeType,
        ...(r.effect ? { effect: r.effect as OutcomeEffect } : {}),
        ...(r.message ? { message: r.message } : {}),
        ...(r.changes ? { changes: JSON.parse(r.changes) } : {}),
        at: r.at,
      })),
      total,
    };
  }

  /** For each of these jobs with any, how many of its unchanged records are standing attention items; one query. */
  async standingAttentionOf(jobIds: string[]): Promise<Map<string, number>> {
    if (!jobIds.length) return new Map();
    const rows = await this.db
      .selectFrom('job_events as e')
      .where('e.job_id', 'in', jobIds)
      .where((eb) => standing(eb))
      .groupBy('e.job_id')
      .select((eb) => ['e.job_id as jobId', eb.fn.countAll().as('n')])
      .execute();
    return new Map(rows.map((r) => [String(r.jobId), toCount(r.n)]));
  }

  /** How many of a job's unchanged records are standing attention items (counted under "Needs attention" on its page). */
  async standingAttention(jobId: string): Promise<number> {
    const row = await this.db
      .selectFrom('job_events as e')
      .where('e.job_id', '=', jobId)
      .where((eb) => standing(eb))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return toCount(row.n);
  }

  /**
   * Deletes per-record events older than `eventsBefore` and finished jobs
   * (with their events) older than `jobsBefore`, in one transaction.
   * Both are ISO instants. Returns how many of each went.
   */
  async prune(eventsBefore: string, jobsBefore: string): Promise<{ jobs: number; events: number }> {
    return inTransaction(this.db, async (trx) => {
      const events = changed(await trx.deleteFrom('job_events').where('at', '<', eventsBefore).executeTakeFirst());
      const jobs = changed(
        await trx
          .deleteFrom('jobs')
          .where((eb) => eb(eb.fn.coalesce('finished_at', 'created_at'), '<', jobsBefore))
          .where('status', 'not in', LIVE)
          .executeTakeFirst(),
      );
      return { jobs, events };
    });
  }
}
