/**
 * The finished side of the job log: what happened to one record across
 * syncs, and the retention that keeps personal data no longer than Settings says.
 */
import type { OutcomeEffect, OutcomeType } from '@shared/types';
import { changed, inTransaction, type Executor } from '../kysely';

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
