import type { Job, JobKind, JobStatus, OutcomeType, Page } from '@shared/types';
import type { JobRequest } from './job-store';

/**
 * What the runner needs from a queue. Today SQLite (JobStore) backs it; an
 * office where several consoles share one portfolio can back it with a
 * shared PostgreSQL queue (pg-boss or similar) so each building is synced by
 * one console at a time, without touching the runner or the API.
 */
export interface JobQueue {
  create(req: JobRequest, now: string): Job;
  findEqualWaiting(req: JobRequest): Job | undefined;
  /** Records another reason on a waiting job that a request joined. */
  addTrigger(id: string, trigger: Job['trigger']): Job | undefined;
  get(id: string): Job | undefined;
  checkpoint(id: string): Record<string, unknown>;
  runnable(): Job[];
  running(): Job[];
  save(job: Job, extra?: { heartbeatAt?: string; checkpoint?: Record<string, unknown> }): void;
  heartbeat(id: string, at: string): void;
  lastFinished(kind: JobKind): Job | undefined;
  addEvents(events: { jobId: string; entity: string; entityId: string; outcome: OutcomeType; message?: string; changes?: unknown; at: string }[]): void;
  list(filter: { status?: JobStatus; kind?: JobKind; offset?: number; limit?: number }): Page<Job>;
}
