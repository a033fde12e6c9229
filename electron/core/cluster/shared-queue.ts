import { EventEmitter } from 'node:events';
import { Logger, makeWorkerUtils, run, type JobHelpers, type Runner, type WorkerEvents, type WorkerUtils } from 'graphile-worker';
import type pg from 'pg';
import { AppError } from '@shared/errors';
import type { Job, JobKind, JobTrigger } from '@shared/types';
import type { SyncControl } from '../jobs/control';
import { forPeople } from '../jobs/error-text';
import type { JobRequest } from '../jobs/queue';
import type { JobKinds } from '../jobs/registry';
import { clusterError } from './cluster-schema';
import { jobKey, queueName } from './queue-names';

/** The one graphile-worker task every engine job runs as; the kind is in the payload. */
export const TASK = 'condo_sync_job';
/** Cancels of running jobs travel on this channel: the engine running the job aborts it. */
export const CANCEL_CHANNEL = 'condo_sync_cancel';

/** What a queued job carries: the request only, never residents' data. */
export interface QueuedPayload {
  kind: JobKind;
  trigger: JobTrigger;
  corporationId?: string;
  dryRun: boolean;
}

/** A job as the shared queue holds it (graphile-worker's `jobs` view). */
export interface SharedJobRow {
  id: string;
  kind: JobKind;
  queueName: string | null;
  key: string | null;
  /** queued: waiting its turn; running: locked by a worker; failed: out of attempts, kept until retried. */
  state: 'queued' | 'running' | 'failed';
  lockedBy: string | null;
  /** The person's message of the last failure, if any. */
  lastError: string | null;
}

export interface SharedQueueOptions {
  pool: pg.Pool;
  /** This engine's id (engines table); worker ids are derived from it for the logs. */
  engineId: string;
  kinds: JobKinds;
  /** Jobs this engine runs at once, across queues (default 4). The pool needs concurrency + 3 connections (graphile's LISTEN, the cancel LISTEN, queries). */
  concurrency?: number;
  /** Fallback poll for jobs scheduled later, in ms (default 2000); new jobs are picked up at once via LISTEN/NOTIFY. */
  pollIntervalMs?: number;
  /** The job's durable checkpoint (the job store), read before it runs or resumes; default `{}`. */
  checkpoint?(jobId: string): Promise<Record<string, unknown>>;
  /** Told about each change of a running job (progress, outcomes' counts). Must not throw. */
  onUpdate?(job: Job): void;
}

/**
 * The shared queue for engines on one PostgreSQL database, on graphile-worker
 * (docs/ARCHITECTURE.md says why). What the engine's JobRunner uses when its
 * state is on PostgreSQL:
 *
 * - `enqueue` coalesces by job_key (kind, building, dry run): a request joins
 *   an equal job that is not yet running, from any engine; while one runs,
 *   one more may wait. Ten concurrent requests → at most two jobs.
 * - Each job goes to the named queue of its kind's lane (per building when
 *   the lane is `perCorporation`): graphile runs one job per named queue at a
 *   time across every engine, and different buildings side by side.
 * - The task runs the kind's registered handler (jobs/registry.ts) with the
 *   job's checkpoint; it stops at `cancel`, from whichever engine.
 * - A failure keeps the job, failed, with the person's message; `retry`
 *   queues it again. `takeOver` frees a dead engine's jobs (engines.ts).
 *
 * Limitation: a job "for every building" of a per-building lane gets a
 * queue of its own (`<lane>:*`), so it does not hold the per-building
 * queues as the desktop's runner does.
 */
export class SharedQueue {
  private runner?: Runner;
  private utils?: WorkerUtils;
  private listener?: pg.PoolClient;
  private readonly events: WorkerEvents = new EventEmitter() as WorkerEvents;
  private readonly workers = new Set<string>();
  private readonly running = new Map<string, AbortController>();
  private readonly cancelled = new Set<string>();
  private readonly interrupted = new Set<string>();
  private stopping = false;

  constructor(private readonly o: SharedQueueOptions) {}

  /**
   * Installs or upgrades graphile-worker's schema and starts this engine's workers.
   * @throws AppError unavailable when the database cannot be used.
   */
  async start(): Promise<void> {
    const logger = new Logger(() => () => {}); // graphile logs payloads and errors; ours must not
    this.events.on('worker:create', ({ worker }) => this.workers.add(worker.workerId));
    try {
      this.utils = await makeWorkerUtils({ pgPool: this.o.pool, logger });
      await this.utils.migrate();
      this.listener = await this.o.pool.connect();
      this.listener.on('notification', (m) => {
        if (m.channel === CANCEL_CHANNEL && m.payload) this.abortLocal(m.payload);
      });
      await this.listener.query(`LISTEN ${CANCEL_CHANNEL}`);
      this.runner = await run({
        pgPool: this.o.pool,
        logger,
        events: this.events,
        concurrency: this.o.concurrency ?? 4,
        pollInterval: this.o.pollIntervalMs ?? 2000,
        noHandleSignals: true,
        taskList: { [TASK]: (payload, helpers) => this.runTask(payload as QueuedPayload, helpers) },
      });
    } catch (err) {
      await this.stop();
      throw clusterError(err, 'starting the shared job queue');
    }
  }

  /** graphile-worker's ids of this engine's workers (what a survivor passes to forceUnlockWorkers). */
  workerIds(): string[] {
    return [...this.workers];
  }

  /**
   * Queues a job, or joins an equal one that has not started.
   * @returns the job id, and `joined` when an existing job took the request.
   * @throws AppError not_implemented for a kind this engine has no handler for; unavailable (database).
   */
  async enqueue(req: JobRequest): Promise<{ id: string; joined: boolean }> {
    if (!this.o.kinds.has(req.kind)) throw new AppError('not_implemented', `Jobs of kind ${req.kind} cannot run: the connection they need is not configured.`);
    const lane = this.o.kinds.lane(req.kind)!;
    const payload: QueuedPayload = { kind: req.kind, trigger: req.trigger, dryRun: req.dryRun, ...(req.corporationId ? { corporationId: req.corporationId } : {}) };
    try {
      const key = jobKey(req);
      for (let attempt = 0; ; attempt++) {
        const job = await this.util().addJob(TASK, payload, { queueName: queueName(lane, req.corporationId), jobKey: key, jobKeyMode: 'replace', maxAttempts: 1 });
        if (job?.id != null) return { id: String(job.id), joined: job.revision > 0 };
        // Racing another request or a worker taking the job, graphile can
        // return no row: join the equal job if it is still waiting; if it has
        // just started, try again, which queues one to follow it.
        const { rows } = await this.o.pool.query<{ id: string }>('SELECT id FROM graphile_worker._private_jobs WHERE key = $1 AND locked_at IS NULL', [key]);
        if (rows[0]) return { id: String(rows[0].id), joined: true };
        if (attempt >= 2) throw new AppError('conflict', 'The job could not be queued: the shared queue kept changing. Try again.');
      }
    } catch (err) {
      throw clusterError(err, 'queueing a job');
    }
  }

  /**
   * Cancels a job: one still waiting is removed; one running is told to stop
   * on whichever engine runs it (its handler stops at ctl.signal).
   * @returns what happened; `not_found` for an unknown or finished job.
   */
  async cancel(id: string): Promise<'removed' | 'stopping' | 'not_found'> {
    try {
      const removed = await this.util().completeJobs([id]);
      if (removed.length > 0) return 'removed';
      const { rows } = await this.o.pool.query<{ locked: boolean }>('SELECT locked_at IS NOT NULL AS locked FROM graphile_worker.jobs WHERE id = $1', [id]);
      if (!rows[0]?.locked) return 'not_found';
      await this.o.pool.query('SELECT pg_notify($1, $2)', [CANCEL_CHANNEL, id]);
      return 'stopping';
    } catch (err) {
      throw clusterError(err, 'cancelling a job');
    }
  }

  /**
   * Queues a failed job again, now, from its checkpoint.
   * @throws AppError not_found when the job is not failed (running, waiting or gone).
   */
  async retry(id: string): Promise<void> {
    let again: string[];
    try {
      again = await this.requeue([id], 'attempts >= max_attempts');
    } catch (err) {
      throw clusterError(err, 'retrying a job');
    }
    if (again.length === 0) throw new AppError('not_found', 'That job is not waiting for a retry: it is running, queued, or no longer kept.');
  }

  /**
   * Makes jobs due now with their attempts back to zero, and wakes the
   * workers of every engine. (WorkerUtils.rescheduleJobs cannot do this in
   * 0.16: it passes `attempts: 0` on as "leave unchanged".)
   */
  private async requeue(ids: string[], condition = 'true'): Promise<string[]> {
    const { rows } = await this.o.pool.query<{ id: string }>(
      `UPDATE graphile_worker._private_jobs SET run_at = now(), attempts = 0, last_error = NULL, updated_at = now()
        WHERE id = ANY($1::bigint[]) AND locked_at IS NULL AND ${condition} RETURNING id`,
      [ids],
    );
    if (rows.length) await this.o.pool.query(`SELECT pg_notify('jobs:insert', $1)`, [JSON.stringify({ r: Math.random(), count: rows.length })]);
    return rows.map((r) => String(r.id));
  }

  /** Every job the shared queue holds, oldest first. */
  async list(): Promise<SharedJobRow[]> {
    // graphile's public `jobs` view leaves the payload out; the kind is read from its private table (schema 0.16).
    const { rows } = await this.o.pool
      .query<{ id: string; kind: JobKind; queue_name: string | null; key: string | null; locked_by: string | null; attempts: number; max_attempts: number; last_error: string | null }>(
        `SELECT j.id, j.payload->>'kind' AS kind, q.queue_name, j.key, j.locked_by, j.attempts, j.max_attempts, j.last_error
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
      kind: r.kind,
      queueName: r.queue_name,
      key: r.key,
      state: r.locked_by ? 'running' : r.attempts >= r.max_attempts ? 'failed' : 'queued',
      lockedBy: r.locked_by,
      lastError: r.last_error,
    }));
  }

  /**
   * Frees the jobs and queues a dead engine's workers held (forceUnlockWorkers)
   * and queues those jobs again at once, so a live engine resumes each from
   * its checkpoint. Only for workers whose engine is known dead.
   * @returns the ids of the jobs taken over.
   */
  async takeOver(workerIds: string[]): Promise<string[]> {
    if (workerIds.length === 0) return [];
    try {
      const { rows } = await this.o.pool.query<{ id: string }>('SELECT id FROM graphile_worker.jobs WHERE locked_by = ANY($1::text[])', [workerIds]);
      await this.util().forceUnlockWorkers(workerIds);
      const ids = rows.map((r) => String(r.id));
      // The dead run used its one attempt; give it back, or graphile would count the job failed.
      return ids.length ? await this.requeue(ids) : [];
    } catch (err) {
      throw clusterError(err, 'taking over a stopped engine’s jobs');
    }
  }

  /**
   * Stops taking jobs. Running ones are stopped and queued again at once, so
   * another engine (or this one, restarted) resumes each from its
   * checkpoint. Idempotent.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const c of this.running.values()) c.abort(new AppError('unavailable', 'This engine is stopping.'));
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop().catch(() => {});
    // graphile counted each interrupted run as its one failed attempt; undo that.
    if (this.interrupted.size) await this.requeue([...this.interrupted]).catch(() => {});
    this.interrupted.clear();
    const listener = this.listener;
    this.listener = undefined;
    listener?.release();
    const utils = this.utils;
    this.utils = undefined;
    await Promise.resolve(utils?.release()).catch(() => {});
  }

  private util(): WorkerUtils {
    if (!this.utils) throw new AppError('unavailable', 'The shared job queue is not started.');
    return this.utils;
  }

  private abortLocal(id: string): void {
    const c = this.running.get(id);
    if (!c) return;
    this.cancelled.add(id);
    c.abort(new AppError('conflict', 'The job was cancelled.'));
  }

  private async runTask(payload: QueuedPayload, helpers: JobHelpers): Promise<void> {
    const id = String(helpers.job.id);
    const controller = new AbortController();
    helpers.abortSignal?.addEventListener('abort', () => controller.abort(helpers.abortSignal!.reason), { once: true });
    this.running.set(id, controller);
    const job = toJob(id, payload, helpers.job.created_at);
    try {
      const checkpoint = (await this.o.checkpoint?.(id)) ?? {};
      await this.o.kinds.run(job, control(job, controller.signal, (j) => this.o.onUpdate?.(j)), checkpoint);
    } catch (err) {
      // A cancel ends the job (graphile deletes it); anything else fails it with a person's message only.
      if (this.cancelled.has(id)) return;
      if (this.stopping) this.interrupted.add(id);
      throw new Error(forPeople(err));
    } finally {
      this.running.delete(id);
      this.cancelled.delete(id);
    }
  }
}

function toJob(id: string, p: QueuedPayload, createdAt: Date | string): Job {
  return {
    id,
    kind: p.kind,
    trigger: p.trigger,
    triggers: [p.trigger],
    ...(p.corporationId ? { scope: { corporationId: p.corporationId } } : {}),
    dryRun: p.dryRun,
    status: 'running',
    phase: 'waiting',
    progress: { done: 0, total: 0 },
    counts: { created: 0, updated: 0, unchanged: 0, deactivated: 0, conflict: 0, failed: 0 },
    createdAt: new Date(createdAt).toISOString(),
    startedAt: new Date().toISOString(),
  };
}

/** A SyncControl over the in-memory job: progress only moves forward, the total is fixed once. */
function control(job: Job, signal: AbortSignal, changed: (job: Job) => void): SyncControl {
  let fixed = false;
  const emit = () => changed({ ...job, progress: { ...job.progress }, counts: { ...job.counts } });
  const setTotal = (total: number) => {
    if (fixed) return;
    fixed = true;
    job.progress.total = Math.max(total, job.progress.done);
    emit();
  };
  return {
    signal,
    phase(phase, total) {
      job.phase = phase;
      if (total !== undefined) setTotal(total);
      else emit();
    },
    advance(by = 1) {
      job.progress.done = fixed ? Math.min(job.progress.total, job.progress.done + by) : job.progress.done + by;
      emit();
    },
    // An open total is not shown until it is fixed; the job store (once on PostgreSQL) keeps it.
    addTotal() {},
    setTotal,
    outcome(record) {
      job.counts[record.outcome] += 1;
      if (record.outcome === 'conflict' && record.effect) (job.counts.alsoWritten ??= { created: 0, updated: 0, deactivated: 0 })[record.effect] += 1;
      emit();
    },
  };
}
