import type { Job } from '@shared/types';

/**
 * What an engine's runner offers the dispatcher: run one job of the jobs
 * table, by id, on this engine.
 */
export interface DispatchTarget {
  /**
   * Runs the job to its end here (handler, checkpoint, progress saves, the
   * job.updated events), or does nothing when the job no longer waits (it
   * ended, or was cancelled while it waited). `interrupted`: this engine is
   * stopping and the job must run again, from its checkpoint, elsewhere.
   * `declined`: it waits, but not here (syncing is paused on this engine and
   * nobody asked for it): another engine, or this one later, takes it.
   */
  run(jobId: string): Promise<'ended' | 'interrupted' | 'declined' | 'fenced'>;
  /** A person cancelled the job, perhaps on another engine: stop it if it runs here. */
  cancel(jobId: string): void;
  /**
   * This engine lost the shared database: stop every job running here at
   * once without recording their end (another engine takes them over), and
   * start none until unfence(). Their `run` answers `fenced`: the dispatch is
   * neither completed nor handed back by this engine.
   */
  fence(): void;
  /** This engine rejoined the shared database: run what is handed over again. */
  unfence(): void;
  /** Syncing is paused on this engine: the dispatcher does not hand it jobs `pausable` marks. */
  paused(): boolean;
  /**
   * The job waits while syncing is paused: nobody asked for it (all its
   * triggers are background ones) and no person's request released it here.
   */
  pausable(job: Job): boolean;
}

/**
 * Who decides where and when a waiting job runs. Without one (SQLite: one
 * engine) the runner starts jobs itself, one per lane and building. With one
 * (PostgreSQL: several engines on one database, cluster/shared-queue.ts) the
 * jobs table stays the truth about every job (status, progress, coalescing,
 * confirmation) and the dispatcher only decides which engine's runner runs a
 * waiting job, one per lane and building across all engines.
 */
export interface JobDispatcher {
  /** Starts taking jobs for `target`. @throws AppError unavailable */
  start(target: DispatchTarget): Promise<void>;
  /** The job waits to run (new, confirmed, released from a pause, or found waiting at start): have one engine run it, once. @throws AppError unavailable */
  dispatch(job: Job): Promise<void>;
  /** Asks whichever engine runs the job to stop it, and drops its dispatch if it has not started. @throws AppError unavailable */
  cancel(jobId: string): Promise<void>;
  /** Stops taking jobs; the ones running here are handed back to run elsewhere. Idempotent. */
  stop(): Promise<void>;
}
