import type { Job, JobCounts, JobKind, JobStatus, Page } from '@shared/types';
import type { OutcomeRow } from './one-effect';
import type { Enqueued, NewJob, NewJobEvent } from '../db/repositories/jobs';

/** A request for a job: kind, why, which building, preview or not, who asked. */
export type JobRequest = NewJob;

/**
 * What a save may also write: the heartbeat (ISO instant; absent clears it),
 * a new checkpoint (absent keeps it), the token of the attempt that claims
 * the job (`claim`); or require: `asRun`, the save lands only while the job
 * is still held by that attempt (a later one took it over: nothing written).
 */
export interface SaveExtra {
  heartbeatAt?: string;
  checkpoint?: Record<string, unknown>;
  claim?: string;
  asRun?: string;
}

/**
 * Where the runner keeps its jobs: the `jobs` table through `repos.jobs`
 * (db/repositories/jobs.ts), on SQLite or PostgreSQL. The table is the one
 * truth about every job (status, progress, counts, checkpoint, triggers),
 * whoever runs it. Every method may reject with the database's error (a full
 * disk: jobs/error-text.ts isDiskError).
 */
export interface JobQueue {
  /** Joins an equal waiting job or queues a new one, atomically (across engines on PostgreSQL). */
  enqueue(req: JobRequest, now: string): Promise<Enqueued>;
  get(id: string): Promise<Job | undefined>;
  /** `{}` when the job saved none. */
  checkpoint(id: string): Promise<Record<string, unknown>>;
  /** Queued and interrupted jobs, oldest first. */
  runnable(): Promise<Job[]>;
  running(): Promise<Job[]>;
  /** @returns false when nothing was written (the job is gone, or `asRun` no longer holds it). */
  save(job: Job, extra?: SaveExtra): Promise<boolean>;
  /** `save`, only while the job's status is one of `from`; false when it had moved on. */
  transition(job: Job, from: readonly JobStatus[], extra?: SaveExtra): Promise<boolean>;
  heartbeat(id: string, at: string): Promise<void>;
  /** Records a person's cancel of a running job, for whichever engine runs or resumes it; false when it is not running. */
  requestCancel(id: string, at: string): Promise<boolean>;
  /** True once requestCancel recorded a cancel for the job. */
  cancelRequested(id: string): Promise<boolean>;
  lastFinished(kind: JobKind): Promise<Job | undefined>;
  /** All or none. */
  addEvents(events: NewJobEvent[]): Promise<void>;
  /** One outcome row per record of the job (the others deleted); the standing rows and their counts. */
  collapseOutcomes(jobId: string): Promise<{ kept: Map<string, OutcomeRow>; counts: JobCounts }>;
  list(filter: { status?: JobStatus; kind?: JobKind; offset?: number; limit?: number }): Promise<Page<Job>>;
}
