import type { JobCounts, OutcomeEffect, OutcomeType } from '@shared/types';
import { emptyCounts } from '@shared/job-summary';

/** One stored outcome row, as far as collapsing needs it. */
export interface OutcomeRow {
  id: number;
  entity: string;
  entityId: string;
  outcome: OutcomeType;
  effect: OutcomeEffect | null;
}

/**
 * Which outcome stands for a record seen by two attempts of one job (the
 * first interrupted or taken over): the one that says most about what the
 * job did to it. A record created by the first attempt and seen unchanged by
 * the second was created by the job; one that failed and was then written
 * counts as written.
 */
const RANK: Record<OutcomeType, number> = { created: 5, deactivated: 4, updated: 3, conflict: 2, failed: 1, unchanged: 0 };

/** True when `next` replaces `prev` as the record's one outcome in the job. */
export function supersedes(next: OutcomeType, prev: OutcomeType): boolean {
  return RANK[next] > RANK[prev];
}

/** The key of a record across attempts. */
export const recordKey = (entity: string, entityId: string): string => `${entity}\u0000${entityId}`;

/** Adds (by = 1) or takes back (by = -1) one record's outcome from counts. */
export function tally(counts: JobCounts, outcome: OutcomeType, effect: OutcomeEffect | null | undefined, by: 1 | -1): void {
  counts[outcome] += by;
  if (outcome === 'conflict' && effect) (counts.alsoWritten ??= { created: 0, updated: 0, deactivated: 0 })[effect] += by;
}

/**
 * One outcome per record: for each record the standing row (highest rank,
 * the earliest among equals) and the ids of the rows it replaces.
 * @param rows one job's rows, in the order they were written (id ascending).
 */
export function collapse(rows: readonly OutcomeRow[]): { kept: Map<string, OutcomeRow>; superseded: number[]; counts: JobCounts } {
  const kept = new Map<string, OutcomeRow>();
  const superseded: number[] = [];
  for (const r of rows) {
    const key = recordKey(r.entity, r.entityId);
    const prev = kept.get(key);
    if (!prev) kept.set(key, r);
    else if (supersedes(r.outcome, prev.outcome)) {
      superseded.push(prev.id);
      kept.set(key, r);
    } else superseded.push(r.id);
  }
  const counts = emptyCounts();
  for (const r of kept.values()) tally(counts, r.outcome, r.effect, 1);
  return { kept, superseded, counts };
}
