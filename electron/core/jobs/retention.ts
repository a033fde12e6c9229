import type { Db } from '../db/database';

/**
 * Job history is kept `historyDays`; per-record events, which carry personal
 * data (names, emails in field diffs), only `recordEventsDays`.
 */
export function pruneHistory(db: Db, now: Date, keep: { historyDays: number; recordEventsDays: number }): { jobs: number; events: number } {
  const cutoff = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const events = db.prepare('DELETE FROM job_events WHERE at < ?').run(cutoff(keep.recordEventsDays)).changes;
  const jobs = db
    .prepare(`DELETE FROM jobs WHERE coalesce(finished_at, created_at) < ? AND status NOT IN ('queued', 'running', 'interrupted', 'awaiting_confirmation')`)
    .run(cutoff(keep.historyDays)).changes;
  return { jobs, events };
}
