import { EventEmitter } from 'node:events';
import { Logger, makeWorkerUtils, run, type JobHelpers, type Runner, type WorkerEvents, type WorkerUtils } from 'graphile-worker';
import type pg from 'pg';
import { AppError } from '@shared/errors';
import type { Job } from '@shared/types';
import type { DispatchTarget, JobDispatcher } from '../jobs/dispatcher';
import type { JobKinds } from '../jobs/registry';
import { clusterError } from './cluster-schema';
import { dispatchKey, queueName } from './queue-names';

/** The one graphile-worker task every engine job runs as. */
export const TASK = 'condo_sync_job';
/**
 * graphile flag of a dispatch whose job waits while syncing is paused (nobody
 * asked for it): a paused engine forbids it, so it never takes such a job
 * only to decline it, and an engine that is not paused gets it at once.
 */
export const PAUSABLE_FLAG = 'pausable';
/** Cancels of running jobs travel on this channel (payload: the job id); the engine running the job stops it. */
export const CANCEL_CHANNEL = 'condo_sync_cancel';

/** What a dispatch carries: the id of a row in our jobs table, nothing else (never residents' data). */
export interface DispatchPayload {
  jobId: string;
}

/** A dispatch as graphile-worker holds it. */
export interface SharedJobRow {
  /** graphile-worker's own id. */
  id: string;
  /** Our jobs table's id. */
  jobId: string;
  queueName: string | null;
  /** queued: waiting its turn; running: locked by a worker; failed: out of attempts (a bug or a long outage; the next dispatch revives it). */
  state: 'queued' | 'running' | 'failed';
  lockedBy: string | null;
}

export interface SharedQueueOptions {
  pool: pg.Pool;
  /** This engine's id (engines table), for the logs. */
  engineId: string;
  /** The registered kinds: only their lanes are read (which named queue a job goes to). */
  kinds: Pick<JobKinds, 'lane'>;
  /** Jobs this engine runs at once, across queues (default 4). The pool needs concurrency + 3 connections (graphile's LISTEN, the cancel LISTEN, queries). */
  concurrency?: number;
  /** Fallback poll, in ms (default 2000); new dispatches are picked up at once via LISTEN/NOTIFY. */
  pollIntervalMs?: number;
  /** This engine's worker ids changed (EngineLiveness records them at once, for a takeover). */
  onWorkers?: (workerIds: string[]) => void;
  /** Told about a failure that no caller waits for (a task that threw). Default: ignored. */
  onError?: (err: Error) => void;
}

/** Thrown by the task when this engine stopped mid-job, so graphile keeps the dispatch (stop() makes it due again). */
class Interrupted extends Error {}

/**
 * The dispatcher of engines on one PostgreSQL database, on graphile-worker
 * (docs/ARCHITECTURE.md says why graphile).
 *
 * Reshaped from a queue that carried each request and ran the handler
 * itself: that made graphile a second source of truth beside our `jobs`
 * table, so coalescing, confirm, retry, history and the console behaved
 * differently on the two databases. Now `repos.jobs` creates or joins the
 * job row (atomically, across engines) exactly as on SQLite, and this class
 * only carries the job's id to one engine's runner:
 *
 * - `dispatch(job)` adds a graphile job `{ jobId }` to the named queue of the
 *   job's lane and building (queue-names.ts), keyed by the job id: a job
 *   dispatched twice while it waits is one dispatch. graphile runs one job
 *   per named queue at a time across every engine: one resident (or
 *   commerce) job per building, different buildings side by side.
 * - The worker that takes it calls the runner's `run(jobId)`: the same code
 *   path as on SQLite (handler, checkpoint, heartbeats, job.updated).
 * - `cancel` NOTIFYs every engine; the one running the job stops it.
 * - `stop` interrupts this engine's jobs and makes their dispatches due at
 *   once, so another engine resumes each from its checkpoint in the jobs table.
 * - `takeOver(workerIds)` frees a dead engine's locks (forceUnlockWorkers;
 *   called by EngineLiveness) for the same resumption.
 *
 * Limitation: a job "for every building" of a per-building lane gets a queue
 * of its own (`<lane>:*`), so it does not hold the per-building queues as
 * the desktop's runner does.
 */
export class SharedQueue implements JobDispatcher {
  private runner?: Runner;
  private utils?: WorkerUtils;
  private listener?: pg.PoolClient;
  private target?: DispatchTarget;
  private readonly events: WorkerEvents = new EventEmitter() as WorkerEvents;
  private readonly workers = new Set<string>();
  /** Dispatches interrupted by stop(), made due again at its end. */
  private readonly interrupted = new Set<string>();
  private readonly logger = new Logger(() => () => {}); // graphile logs payloads and errors; ours must not
  /** Which set of workers is current: a fence retires them all, and a retired worker's task never completes its dispatch. */
  private generation = 0;
  private fenced = false;
  /** Worker ids of runners retired by a fence, whose locks rejoin() frees. */
  private retired: string[] = [];

  constructor(private readonly o: SharedQueueOptions) {}

  /**
   * Installs or upgrades graphile-worker's schema and starts this engine's workers.
   * @throws AppError unavailable when the database cannot be used.
   */
  async start(target: DispatchTarget): Promise<void> {
    this.target = target;
    this.events.on('worker:create', ({ worker }) => {
      this.workers.add(worker.workerId);
      this.o.onWorkers?.(this.workerIds());
    });
    try {
      // Both install or check graphile's schema (each runs its migrate; run() also registers the task):
      // one engine at a time, whoever calls start (serve, createCore, a test), so engines starting together never race.
      await oneAtATime(this.o.pool, async () => {
        this.utils = await makeWorkerUtils({ pgPool: this.o.pool, logger: this.logger });
        await this.startWorkers();
      });
    } catch (err) {
      await this.stop();
      throw clusterError(err, 'starting the shared job queue');
    }
  }

  /** The cancel listener and a new set of graphile workers. */
  private async startWorkers(): Promise<void> {
    const listener = await this.o.pool.connect();
    this.listener = listener;
    // A checked-out client's errors are not the pool's: without a listener a dropped connection ends the process.
    listener.on('error', (err) => this.o.onError?.(clusterError(err, 'listening for cancels')));
    listener.on('notification', (m) => {
      if (m.channel === CANCEL_CHANNEL && m.payload) this.target?.cancel(m.payload);
    });
    await listener.query(`LISTEN ${CANCEL_CHANNEL}`);
    const generation = this.generation;
    this.runner = await run({
      pgPool: this.o.pool,
      logger: this.logger,
      events: this.events,
      concurrency: this.o.concurrency ?? 4,
      pollInterval: this.o.pollIntervalMs ?? 2000,
      noHandleSignals: true,
      // Asked before every fetch: a pause, or its end, applies to the next one.
      forbiddenFlags: () => (this.target?.paused() ? [PAUSABLE_FLAG] : null),
      taskList: { [TASK]: (payload, helpers) => this.runTask(payload as DispatchPayload, helpers, generation) },
    });
  }

  /**
   * This engine lost the shared database: the runner stops its jobs without
   * recording an end (target.fence), and this engine's workers are retired
   * at once: they take no new dispatch, and the ones they hold are never
   * completed from here (a survivor frees and resumes them). The database
   * is not waited for (it may not answer). Idempotent.
   */
  fence(): void {
    if (this.fenced) return;
    this.fenced = true;
    this.generation++;
    this.target?.fence();
    this.retired.push(...this.workers);
    this.workers.clear();
    const runner = this.runner;
    this.runner = undefined;
    void runner?.stop().catch(() => undefined);
    const listener = this.listener;
    this.listener = undefined;
    listener?.release(true); // its connection may be stuck: dropped, not returned
  }

  /** True between fence() and a rejoin(). */
  isFenced(): boolean {
    return this.fenced;
  }

  /**
   * Takes jobs again after a fence, with new workers (the engine has
   * registered again), and frees the dispatches its retired workers still
   * held (if no survivor did already), so they resume from their checkpoints.
   * @throws AppError unavailable when the database cannot be used (still fenced; try again).
   */
  async rejoin(): Promise<void> {
    if (!this.fenced || !this.target) return;
    try {
      if (this.retired.length) await this.takeOver(this.retired);
      this.retired = [];
      this.target.unfence();
      await oneAtATime(this.o.pool, () => this.startWorkers());
      this.fenced = false;
    } catch (err) {
      this.target.fence();
      const runner = this.runner;
      this.runner = undefined;
      void runner?.stop().catch(() => undefined);
      this.listener?.release(true);
      this.listener = undefined;
      throw clusterError(err, 'taking jobs again after losing the shared database');
    }
  }

  /** graphile-worker's ids of this engine's workers (what a survivor passes to forceUnlockWorkers). */
  workerIds(): string[] {
    return [...this.workers];
  }

  /**
   * Has one engine run this job. Keyed by the job id ('replace': a waiting
   * dispatch stays one and is made due now; one that failed is revived).
   * @throws AppError not_implemented for a kind with no handler here; unavailable (database).
   */
  async dispatch(job: Job): Promise<void> {
    const lane = this.o.kinds.lane(job.kind);
    if (!lane) throw new AppError('not_implemented', `Jobs of kind ${job.kind} cannot run: the connection they need is not configured.`);
    try {
      const payload: DispatchPayload = { jobId: job.id };
      // 'replace' sets the flags again: a person's request that joins a job nobody asked for clears its flag.
      const flags = this.target?.pausable(job) ? [PAUSABLE_FLAG] : [];
      await this.util().addJob(TASK, payload, { queueName: queueName(lane, job.scope?.corporationId), jobKey: dispatchKey(job.id), jobKeyMode: 'replace', maxAttempts: 5, flags });
    } catch (err) {
      throw clusterError(err, 'queueing a job');
    }
  }

  /**
   * Tells every engine to stop the job if it runs there. The dispatch itself
   * is left as it is: a waiting one finds the job over and does nothing,
   * and removing one whose engine just died would leave its job marked
   * running with nobody to take it over.
   */
  async cancel(jobId: string): Promise<void> {
    try {
      await this.o.pool.query('SELECT pg_notify($1, $2)', [CANCEL_CHANNEL, jobId]);
    } catch (err) {
      throw clusterError(err, 'cancelling a job');
    }
  }

  /**
   * Makes dispatches due now with their attempts back to zero, and wakes the
   * workers of every engine. (WorkerUtils.rescheduleJobs cannot do this in
   * 0.16: it passes `attempts: 0` on as "leave unchanged".)
   */
  private async requeue(ids: string[]): Promise<string[]> {
    const { rows } = await this.o.pool.query<{ id: string }>(
      `UPDATE graphile_worker._private_jobs SET run_at = now(), attempts = 0, last_error = NULL, updated_at = now()
        WHERE id = ANY($1::bigint[]) AND locked_at IS NULL RETURNING id`,
      [ids],
    );
    if (rows.length) await this.o.pool.query(`SELECT pg_notify('jobs:insert', $1)`, [JSON.stringify({ r: Math.random(), count: rows.length })]);
    return rows.map((r) => String(r.id));
  }

  /** Every dispatch graphile holds, oldest first (tests and diagnostics). */
  async list(): Promise<SharedJobRow[]> {
    // graphile's public `jobs` view leaves the payload out; it is read from the private table (schema 0.16).
    const { rows } = await this.o.pool
      .query<{ id: string; job_id: string; queue_name: string | null; locked_by: string | null; attempts: number; max_attempts: number }>(
        `SELECT j.id, j.payload->>'jobId' AS job_id, q.queue_name, j.locked_by, j.attempts, j.max_attempts
           FROM graphile_worker._private_jobs j
           JOIN graphile_worker._private_tasks t ON t.id = j.task_id
           LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id
          WHERE t.identifier = $1 ORDER BY j.id`,
        [TASK],
      )
      .catch((err: unknown) => {
        throw clusterError(err, 'listing jobs');
      });
    return rows.map((r) => ({
      id: String(r.id),
      jobId: r.job_id,
      queueName: r.queue_name,
      state: r.locked_by ? 'running' : r.attempts >= r.max_attempts ? 'failed' : 'queued',
      lockedBy: r.locked_by,
    }));
  }

  /**
   * Frees the dispatches and queues a dead engine's workers held
   * (forceUnlockWorkers) and makes them due at once, so a live engine
   * resumes each job from its checkpoint. Only for workers whose engine is
   * known dead.
   * @returns graphile's ids of the dispatches taken over.
   */
  async takeOver(workerIds: string[]): Promise<string[]> {
    if (workerIds.length === 0) return [];
    try {
      const { rows } = await this.o.pool.query<{ id: string }>('SELECT id FROM graphile_worker.jobs WHERE locked_by = ANY($1::text[])', [workerIds]);
      await this.util().forceUnlockWorkers(workerIds);
      const ids = rows.map((r) => String(r.id));
      // The dead run used an attempt; give it back.
      return ids.length ? await this.requeue(ids) : [];
    } catch (err) {
      throw clusterError(err, 'taking over a stopped engine’s jobs');
    }
  }

  /**
   * Frees dispatches locked longer than `olderThanMs` by workers no engine
   * lists (`known`: every worker id in the engines table): an engine that
   * died between taking a job and first saying which workers it runs, or
   * whose row is gone. Several survivors may do this at once: unlocking a
   * worker twice, or one that has since let go, changes nothing.
   * @returns graphile's ids of the dispatches taken over.
   */
  async takeOverOrphans(known: string[], olderThanMs: number): Promise<string[]> {
    try {
      const { rows } = await this.o.pool.query<{ locked_by: string }>(
        `SELECT DISTINCT locked_by FROM graphile_worker._private_jobs
          WHERE locked_by IS NOT NULL AND NOT (locked_by = ANY($1::text[]))
            AND locked_at < now() - make_interval(secs => $2::double precision / 1000)`,
        [known, olderThanMs],
      );
      return await this.takeOver(rows.map((r) => r.locked_by));
    } catch (err) {
      throw clusterError(err, 'taking over a stopped engine’s jobs');
    }
  }

  /**
   * Stops taking jobs. The runner has interrupted the running ones (it stops
   * first); their dispatches are made due at once, so another engine (or
   * this one, restarted) resumes each from its checkpoint. Idempotent.
   */
  async stop(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop().catch(() => {});
    if (this.interrupted.size) await this.requeue([...this.interrupted]).catch(() => {});
    this.interrupted.clear();
    const listener = this.listener;
    this.listener = undefined;
    if (listener) {
      await listener.query(`UNLISTEN ${CANCEL_CHANNEL}`).catch(() => {});
      listener.release();
    }
    const utils = this.utils;
    this.utils = undefined;
    await Promise.resolve(utils?.release()).catch(() => {});
  }

  private util(): WorkerUtils {
    if (!this.utils) throw new AppError('unavailable', 'The shared job queue is not started.');
    return this.utils;
  }

  private async runTask(payload: DispatchPayload, helpers: JobHelpers, generation: number): Promise<void> {
    const target = this.target;
    // A retired worker (fenced since it took the dispatch) neither runs nor completes it: graphile's
    // failJob only touches a dispatch this worker still holds, where completing would delete a survivor's.
    if (generation !== this.generation) throw new Interrupted('This engine lost the shared database; the job continues elsewhere.');
    if (!target || typeof payload?.jobId !== 'string') return; // not ours to run: drop it
    let outcome: 'ended' | 'interrupted' | 'declined' | 'fenced';
    try {
      outcome = await target.run(payload.jobId);
    } catch (err) {
      if (generation !== this.generation) throw new Interrupted('This engine lost the shared database; the job continues elsewhere.');
      // The runner records a job's own failure in the jobs table; this is the
      // runner unable to start it (the database). graphile tries again later.
      this.o.onError?.(err as Error);
      throw new Error('The job could not be started on this engine.');
    }
    if (outcome === 'fenced' || generation !== this.generation) throw new Interrupted('This engine lost the shared database; the job continues elsewhere.');
    if (outcome === 'interrupted') {
      this.interrupted.add(String(helpers.job.id));
      throw new Interrupted('This engine stopped; the job resumes elsewhere.');
    }
    if (outcome === 'declined') {
      // Rare: the pause began, or the job's flag was set by an engine that had not heard of a
      // release, between the fetch and the run (a paused engine forbids flagged dispatches).
      // Kept, due again after graphile's back-off for whichever engine asks first. A decline is not a
      // failure, so it must not use the dispatch up (an exhausted dispatch would wait for the next
      // Start New Sync or resume): the attempts are held at DECLINE_ATTEMPTS, so the dispatch comes
      // back every e^DECLINE_ATTEMPTS ≈ 7 s.
      await this.o.pool
        .query(`UPDATE graphile_worker._private_jobs SET attempts = LEAST(attempts, $2) WHERE id = $1`, [helpers.job.id, DECLINE_ATTEMPTS])
        .catch(() => {}); // at worst graphile's own back-off and attempts apply, as before
      throw new Interrupted('Syncing is paused on this engine; another engine may take the job.');
    }
  }
}

/** Attempts a declined dispatch is held at: graphile's back-off is e^attempts s, so a declined job is offered again every ~7 s. */
const DECLINE_ATTEMPTS = 2;

/** Serialises engines that start together while graphile-worker sets its schema up. */
const MIGRATE_LOCK = 7_263_524_583;

/**
 * graphile-worker's schema set-up, one engine at a time (a session advisory
 * lock on one of the pool's connections, held while `fn` runs): two engines
 * starting on an empty database both run graphile's `create schema if not
 * exists` outside any transaction, and one fails (23505, unique violation in
 * pg_namespace). tests/cluster/engines-start-together.test.ts starts three at once.
 */
async function oneAtATime<T>(pool: pg.Pool, fn: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
