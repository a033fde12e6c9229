import type { CondoControlClient } from '../systems/condo-control-client';
import type { CondoManagerClient } from '../systems/condo-manager-client';

export interface Systems {
  cm: CondoManagerClient;
  cc: CondoControlClient;
}

// How a job reports to the runner lives in jobs/ (jobs/ never imports sync/).
export type { RecordOutcome, SyncControl, SyncResult } from '../jobs/control';

export interface SyncRequest {
  jobId: string;
  kind: 'residents' | 'reconcile';
  corporationId?: string;
  dryRun: boolean;
  /** A reconcile stopped by its guard goes on once a person confirms. */
  confirmed?: boolean;
}
