import type { Job, JobKind } from '@shared/types';
import type { SyncControl, SyncResult } from './control';
import type { JobRequest } from './queue';

/** A job the runner hands to the handler of its kind. */
export type JobOf<K extends JobKind> = Job & { kind: K };

/**
 * What a finished job may do next (a follow-up): queue another job, or ask
 * whether a kind was ever queued. The runner and its queue stand behind it.
 */
export interface FollowUps {
  /** Joins an equal waiting job or queues a new one (JobRunner.enqueue). */
  enqueue(req: JobRequest): Promise<Job>;
  /** True when a job of this kind is in the history kept (any status). */
  everQueued(kind: JobKind): Promise<boolean>;
}

/**
 * One kind of work the queue runs, as a typed handler (one module per kind in
 * sync/: resident-job.ts, commerce-job.ts, commerce-reconcile-job.ts,
 * balance-check-job.ts). core.ts only registers them with their deps
 * (jobs/registry.ts); the runner never knows what a kind does.
 *
 * Coalescing is the queue's, the same for every kind: a request joins a
 * waiting job of the same kind, building and dry-run flag (JobQueue.
 * enqueue). What a kind decides is its lane, and what follows it.
 *
 * @typeParam K the kinds it runs (`residents` and `reconcile` share one handler)
 * @typeParam D what it needs, given once at registration
 */
export interface JobHandler<K extends JobKind, D> {
  readonly kinds: readonly K[];
  /**
   * Two jobs in one lane never run at once. With `perCorporation`, the lane
   * is split by building: jobs of two buildings run side by side, and a job
   * for every building holds the whole lane. (A shared PostgreSQL queue maps
   * a lane and building to a named queue.)
   */
  readonly lane: { name: string; perCorporation: boolean };
  /**
   * Does the work, reporting progress and per-record outcomes through `ctl`
   * and stopping at `ctl.signal`. `checkpoint` is what the job saved before
   * a restart or a confirmation (`{}` on a first run).
   *
   * @throws anything: the runner fails the job with a person's message (error-text.ts);
   *   an abort is a cancel, or an interruption when the app stops.
   */
  run(job: JobOf<K>, ctl: SyncControl, deps: D, checkpoint: Record<string, unknown>): Promise<SyncResult>;
  /**
   * Called once for every job of this kind that reaches an end state
   * (finished, failed or cancelled, also one cancelled while queued). Must
   * not throw (nor reject); errors are its own to log. An async follow-up
   * returns its promise: JobRunner.idle() waits for it, since it may queue a job.
   */
  after?(job: JobOf<K>, deps: D, next: FollowUps): void | Promise<void>;
}
