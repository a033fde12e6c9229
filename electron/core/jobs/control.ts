import type { FieldDifference, JobPhase, OutcomeEffect, OutcomeType } from '@shared/types';

export interface RecordOutcome {
  entity: 'person' | 'unit' | 'invoice' | 'payment';
  entityId: string;
  outcome: OutcomeType;
  /** For a `conflict`: the write the record also made (or, in a dry run, will make). */
  effect?: OutcomeEffect;
  message?: string;
  changes?: FieldDifference[];
  /** Counted, but not kept as a row of the job's history (an import of 200,000 unchanged lines). */
  quiet?: boolean;
}

/**
 * How a running sync reports to its job (progress, outcomes) and learns it
 * was cancelled. Progress only moves forward: until the total is known the
 * job shows a count with no total (an indeterminate bar); `setTotal` fixes it
 * once, and `done` never exceeds it.
 */
export interface SyncControl {
  signal: AbortSignal;
  /** A total given here is `setTotal(total)`. */
  phase(phase: JobPhase, total?: number): void;
  advance(by?: number): void;
  /** Adds to a total that is still open (not shown until fixed, or until the job ends). */
  addTotal(by: number): void;
  /** The number of records this run processes, once known; later calls change nothing. */
  setTotal(total: number): void;
  outcome(record: RecordOutcome): void;
}

export type SyncResult =
  | { status: 'succeeded' | 'partial' }
  | { status: 'awaiting_confirmation'; message: string };
