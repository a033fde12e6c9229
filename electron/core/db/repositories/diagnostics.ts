/**
 * What a support bundle reads from engine state: the newest jobs (counts and
 * codes only), the applied migrations, and the residents' names and emails
 * that the bundle's scrubber removes. Each read answers empty rather than
 * failing: a bundle is most wanted when the database is in trouble.
 */
import type { Selectable } from 'kysely';
import { bytewise, type Executor } from '../kysely';
import type { JobsTable } from '../schema';

const JOB_COLUMNS = ['id', 'kind', 'trigger', 'dry_run', 'status', 'phase', 'progress_done', 'progress_total', 'counts', 'error', 'created_at', 'started_at', 'finished_at'] as const;

/** A job as a bundle shows it: no checkpoint, no triggers, no starter. */
export type RecentJobRow = Pick<Selectable<JobsTable>, (typeof JOB_COLUMNS)[number]>;

export class DiagnosticsRepository {
  constructor(private readonly db: Executor) {}

  /** The newest `limit` jobs, newest first. */
  async recentJobs(limit: number): Promise<RecentJobRow[]> {
    try {
      return await this.db
        .selectFrom('jobs')
        .select(JOB_COLUMNS)
        // Created in the same millisecond: the id breaks the tie the same way on both backends.
        .orderBy('created_at', 'desc')
        .orderBy((eb) => bytewise(this.db, eb.ref('id')), 'desc')
        .limit(limit)
        .execute();
    } catch {
      return [];
    }
  }

  async migrations(): Promise<unknown[]> {
    try {
      return await this.db.selectFrom('schema_migrations').selectAll().orderBy('version').execute();
    } catch {
      return [];
    }
  }

  /** Residents' first and last names and emails, as cached. */
  async people(): Promise<{ f: string; l: string; e: string | null }[]> {
    try {
      return await this.db.selectFrom('people').select(['first_name as f', 'last_name as l', 'email as e']).execute();
    } catch {
      return [];
    }
  }
}
