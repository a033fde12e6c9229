import type { FieldDifference, JobPhase, OutcomeType } from '@shared/types';
import type { CondoControlClient } from '../systems/condo-control-client';
import type { CondoManagerClient } from '../systems/condo-manager-client';

export interface Systems {
  cm: CondoManagerClient;
  cc: CondoControlClient;
}

export interface RecordOutcome {
  entity: 'person' | 'unit' | 'invoice' | 'payment';
  entityId: string;
  outcome: OutcomeType;
  message?: string;
  changes?: FieldDifference[];
  /** Counted, but not kept as a row of the job's history (an import of 200,000 unchanged lines). */
  quiet?: boolean;
}

/** How a running sync reports to its job (progress, outcomes) and learns it was cancelled. */
export interface SyncControl {
  signal: AbortSignal;
  phase(phase: JobPhase, total?: number): void;
  advance(by?: number): void;
  addTotal(by: number): void;
  outcome(record: RecordOutcome): void;
}

export interface SyncRequest {
  jobId: string;
  kind: 'residents' | 'reconcile';
  corporationId?: string;
  dryRun: boolean;
  /** A reconcile stopped by its guard goes on once a person confirms. */
  confirmed?: boolean;
}

export type SyncResult =
  | { status: 'succeeded' | 'partial' }
  | { status: 'awaiting_confirmation'; message: string };
