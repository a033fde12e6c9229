/**
 * A standing attention item: a record the sync left unchanged whose note
 * still asks something of a person (the same note as an earlier run, so the
 * engine does not count it again as new; see electron/core/sync/apply.ts).
 * It is still a record needing attention, so a sync's page counts and lists
 * it under "To review", not as a plain "Unchanged".
 *
 * An unchanged record may also carry a sentence that asks nothing (it moved
 * with its resident, a past resident never synced): those stay Unchanged.
 */
import { coreMessages, readMessages, type CoreMessageCode } from './core-messages';
import type { JobCounts, JobOutcome } from './types';

/** The sentences an unchanged record may carry that ask nothing of anyone. */
export const INFO_ONLY: readonly CoreMessageCode[] = ['movedOn', 'movedOnNewRecord', 'pastNeverSynced', 'movedWith'];

/** Each info-only sentence as a SQL LIKE pattern (its parameters as %), for a query that tells them apart. */
export const INFO_ONLY_LIKE: readonly string[] = INFO_ONLY.map((code) => coreMessages[code].replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\{\w+\}/g, '%'));

/** Whether an outcome is a standing attention item (see above). */
export function isStandingAttention(o: Pick<JobOutcome, 'outcome' | 'message'>): boolean {
  if (o.outcome !== 'unchanged' || !o.message?.trim()) return false;
  const read = readMessages(o.message);
  // A sentence the console cannot read is shown as it is: a person should look at it.
  if (!read) return true;
  return read.some((m) => !INFO_ONLY.includes(m.code));
}

/**
 * A job's counts as its page and the Sync Queue show them: standing items
 * move from Unchanged to Needs attention, so each record is counted once,
 * where it is listed. The engine's own counts (and the status word) stay as they are.
 */
export function countsOnScreen(counts: JobCounts, standing = 0): JobCounts {
  const n = Math.min(Math.max(0, standing), counts.unchanged);
  return { ...counts, conflict: counts.conflict + n, unchanged: counts.unchanged - n };
}
