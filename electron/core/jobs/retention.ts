import type { Executor } from '../db/kysely';
import { JobHistoryRepository } from '../db/repositories/job-history';

/**
 * Job history is kept `historyDays`; per-record events, which carry personal
 * data (names, emails in field diffs), only `recordEventsDays`.
 */
export function pruneHistory(db: Executor, now: Date, keep: { historyDays: number; recordEventsDays: number }): Promise<{ jobs: number; events: number }> {
  const cutoff = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  return new JobHistoryRepository(db).prune(cutoff(keep.recordEventsDays), cutoff(keep.historyDays));
}
