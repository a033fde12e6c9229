/**
 * The live side of the job log: the queue (jobs waiting, running, awaiting
 * confirmation), their progress and checkpoints, and the per-record outcomes
 * they write. Async over Kysely, the same answers on SQLite and PostgreSQL;
 * the finished side (history, pruning) is job-history.ts.
 *
 * The runner's queue (jobs/queue.ts JobQueue). `enqueue` is atomic: find an
 * equal waiting job and join it, or insert, in one transaction; `transition`
 * changes a job's state only from the states given, so a start, a cancel and
 * a confirm never overwrite one another, whichever engine does them.
 */
import { randomUUID } from 'node:crypto';
import type { Job, JobCounts, JobKind, JobPhase, JobStatus, JobTrigger, OutcomeEffect, OutcomeType, Page } from '@shared/types';
import { sql, type Selectable } from 'kysely';
import type { JobsTable } from '../schema';
import { emptyCounts } from '@shared/job-summary';
import { collapse, type OutcomeRow } from '../../jobs/one-effect';
import { changed, inTransaction, isPostgres, toCount, type Executor } from '../kysely';

/** A request for a job (the runner's JobRequest): kind, why, which building, preview or not, who. */
export interface NewJob {
  kind: JobKind;
  trigger: JobTrigger;
  corporationId?: string;
  dryRun: boolean;
  /** The key name of the person who asked (kept only when the request creates the job). */
  startedBy?: string;
}

/** One per-record outcome of a job; `changes` is a field diff, stored as JSON. */
export interface NewJobEvent {
  jobId: string;
  entity: string;
  entityId: string;
  outcome: OutcomeType;
  effect?: OutcomeEffect;
  message?: string;
  changes?: unknown;
  at: string;
}

/** What `enqueue` did: joined an equal waiting job (and whether it gained the request's reason), or created one. */
export interface Enqueued {
  job: Job;
  joined: boolean;
  triggerAdded: boolean;
}

/** Waiting to run: a new request with the same kind, building and dry-run flag joins one of these. */
const WAITING: JobStatus[] = ['queued', 'interrupted'];

type JobRow = Selectable<JobsTable>;

const EVENT_CHUNK = 500;

/** The advisory lock id that serialises queue inserts on PostgreSQL ('jobq'). */
const QUEUE_LOCK = 0x6a6f6271;

/**
 * Holds the queue for the rest of the transaction. SQLite's one connection
 * already serialises transactions; PostgreSQL's READ COMMITTED would let two
 * equal requests both see no waiting job (and both take the same seq).
 */
async function lockQueue(trx: Executor): Promise<void> {
  if (isPostgres(trx)) await sql`SELECT pg_advisory_xact_lock(${QUEUE_LOCK})`.execute(trx);
}

function toJob(r: JobRow): Job {
  return {
    id: r.id,
    kind: r.kind as JobKind,
    trigger: r.trigger as JobTrigger,
    triggers: r.triggers ? (JSON.parse(r.triggers) as JobTrigger[]) : [r.trigger as JobTrigger],
    ...(r.started_by ? { startedBy: r.started_by } : {}),
    ...(r.scope_corporation_id ? { scope: { corporationId: r.scope_corporation_id } } : {}),
    dryRun: Number(r.dry_run) === 1,
    status: r.status as JobStatus,
    phase: r.phase as JobPhase,
    progress: { done: Number(r.progress_done), total: Number(r.progress_total) },
    counts: { ...emptyCounts(), ...JSON.parse(r.counts) },
    createdAt: r.created_at,
    ...(r.started_at ? { startedAt: r.started_at } : {}),
    ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
    ...(r.error ? { error: JSON.parse(r.error) } : {}),
  };
}

/** What a save may also write or require (jobs/queue.ts SaveExtra). */
interface SaveExtra {
  heartbeatAt?: string;
  checkpoint?: Record<string, unknown>;
  claim?: string;
  asRun?: string;
}

/** The columns a save writes: the checkpoint only when one is given, the heartbeat set or cleared, the run token when claimed. */
function stateOf(job: Job, extra: SaveExtra) {
  return {
    status: job.status,
    phase: job.phase,
    progress_done: job.progress.done,
    progress_total: job.progress.total,
    counts: JSON.stringify(job.counts),
    error: job.error ? JSON.stringify(job.error) : null,
    started_at: job.startedAt ?? null,
    finished_at: job.finishedAt ?? null,
    heartbeat_at: extra.heartbeatAt ?? null,
    ...(extra.checkpoint ? { checkpoint: JSON.stringify(extra.checkpoint) } : {}),
    ...(extra.claim ? { run_token: extra.claim } : {}),
  };
}

export class JobRepository {
  constructor(private readonly db: Executor) {}

  /** Queues a new job (status 'queued', phase 'waiting'); `now` is an ISO instant. */
  async create(req: NewJob, now: string): Promise<Job> {
    return inTransaction(this.db, async (trx) => {
      await lockQueue(trx);
      const id = randomUUID();
      const { next } = await trx
        .selectFrom('jobs')
        .select((eb) => eb(eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)), '+', 1).as('next'))
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('jobs')
        .values({
          id,
          kind: req.kind,
          trigger: req.trigger,
          triggers: JSON.stringify([req.trigger]),
          started_by: req.startedBy ?? null,
          scope_corporation_id: req.corporationId ?? null,
          dry_run: req.dryRun ? 1 : 0,
          status: 'queued',
          phase: 'waiting',
          counts: '{}',
          created_at: now,
          seq: Number(next),
        })
        .execute();
      return (await new JobRepository(trx).get(id))!;
    });
  }

  /**
   * Joins an equal waiting job (same kind, building, dry-run flag; the
   * oldest), recording the request's reason beside its own, or queues a new
   * one: in one transaction, so two equal requests never queue two jobs.
   */
  async enqueue(req: NewJob, now: string): Promise<Enqueued> {
    return inTransaction(this.db, async (trx) => {
      await lockQueue(trx);
      const repo = new JobRepository(trx);
      const found = await repo.findEqualWaiting(req);
      if (!found) return { job: await repo.create(req, now), joined: false, triggerAdded: false };
      if (found.triggers.includes(req.trigger)) return { job: found, joined: true, triggerAdded: false };
      const triggers = [...found.triggers, req.trigger];
      await trx.updateTable('jobs').set({ triggers: JSON.stringify(triggers) }).where('id', '=', found.id).execute();
      return { job: { ...found, triggers }, joined: true, triggerAdded: true };
    });
  }

  /** The oldest equal job still waiting, which a new request joins instead of queueing another. */
  async findEqualWaiting(req: NewJob): Promise<Job | undefined> {
    const row = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', 'in', WAITING)
      .where('kind', '=', req.kind)
      .where('dry_run', '=', req.dryRun ? 1 : 0)
      .where((eb) => (req.corporationId ? eb('scope_corporation_id', '=', req.corporationId) : eb('scope_corporation_id', 'is', null)))
      .orderBy('created_at')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    return row && toJob(row);
  }

  async get(id: string): Promise<Job | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toJob(row);
  }

  /** The job's saved checkpoint (JSON object), `{}` when it has none or does not exist. */
  async checkpoint(id: string): Promise<Record<string, unknown>> {
    const row = await this.db.selectFrom('jobs').select('checkpoint').where('id', '=', id).executeTakeFirst();
    return row?.checkpoint ? JSON.parse(row.checkpoint) : {};
  }

  /** Jobs waiting to run, oldest first (insertion order among equal instants). */
  async runnable(): Promise<Job[]> {
    const rows = await this.db.selectFrom('jobs').selectAll().where('status', 'in', WAITING).orderBy('created_at').orderBy('seq').execute();
    return rows.map(toJob);
  }

  async running(): Promise<Job[]> {
    const rows = await this.db.selectFrom('jobs').selectAll().where('status', '=', 'running').orderBy('seq').execute();
    return rows.map(toJob);
  }

  /**
   * Saves a job's state. The checkpoint is replaced only when one is given
   * (progress saves leave it); the heartbeat is set to `heartbeatAt` or cleared.
   */
  async save(job: Job, extra: SaveExtra = {}): Promise<boolean> {
    let update = this.db.updateTable('jobs').set(stateOf(job, extra)).where('id', '=', job.id);
    // A run's own save: only while no later attempt has claimed the job.
    if (extra.asRun) update = update.where('run_token', '=', extra.asRun);
    return changed(await update.executeTakeFirst()) > 0;
  }

  /**
   * Saves a job's state (as `save`) only if its status is still one of
   * `from`: a start claims a waiting job, a cancel or confirm takes one that
   * has not started meanwhile. One statement, so it is atomic on both backends.
   * @returns false when the job had moved on (or does not exist); nothing was written.
   */
  async transition(job: Job, from: readonly JobStatus[], extra: SaveExtra = {}): Promise<boolean> {
    const result = await this.db.updateTable('jobs').set(stateOf(job, extra)).where('id', '=', job.id).where('status', 'in', [...from]).executeTakeFirst();
    return changed(result) > 0;
  }

  /**
   * Records that a person asked to cancel a running job (`at`: ISO instant),
   * for whichever engine runs or resumes it. The first request's time is kept.
   * @returns false when the job is not running (nothing recorded).
   */
  async requestCancel(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set((eb) => ({ cancel_requested_at: eb.fn.coalesce('cancel_requested_at', eb.val(at)) }))
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return changed(result) > 0;
  }

  /** True when a person asked to cancel the job while it ran (requestCancel). */
  async cancelRequested(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('jobs').select('cancel_requested_at').where('id', '=', id).executeTakeFirst();
    return Boolean(row?.cancel_requested_at);
  }

  async heartbeat(id: string, at: string): Promise<void> {
    await this.db.updateTable('jobs').set({ heartbeat_at: at }).where('id', '=', id).execute();
  }

  /** The latest real (not dry-run) job of a kind that went to its end: the ETA's comparison. */
  async lastFinished(kind: JobKind): Promise<Job | undefined> {
    const row = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', kind)
      .where('status', 'in', ['succeeded', 'partial'])
      .where('dry_run', '=', 0)
      .orderBy('finished_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toJob(row);
  }

  /** Writes outcomes in one transaction: all or none. */
  async addEvents(events: NewJobEvent[]): Promise<void> {
    if (!events.length) return;
    await inTransaction(this.db, async (trx) => {
      // Chunks keep each statement under SQLite's bound-parameter limit (8 a row).
      for (let i = 0; i < events.length; i += EVENT_CHUNK) {
        await trx
          .insertInto('job_events')
          .values(
            events.slice(i, i + EVENT_CHUNK).map((e) => ({
            job_id: e.jobId,
            entity: e.entity,
            entity_id: e.entityId,
            outcome: e.outcome,
            effect: e.effect ?? null,
            message: e.message ?? null,
            changes: e.changes ? JSON.stringify(e.changes) : null,
            at: e.at,
            })),
          )
          .execute();
      }
    });
  }

  /**
   * Leaves one outcome row per record of a job (jobs/one-effect.ts: the
   * first attempt's `created` stands over the next one's `unchanged`),
   * deleting the rows it replaces in one transaction, and returns the
   * records' standing outcomes and their counts. Used when a resumed job
   * starts and ends: its attempts may have seen the same record twice.
   */
  async collapseOutcomes(jobId: string): Promise<{ kept: Map<string, OutcomeRow>; counts: JobCounts }> {
    return inTransaction(this.db, async (trx) => {
      const rows = await trx
        .selectFrom('job_events')
        .select(['id', 'entity', 'entity_id as entityId', 'outcome', 'effect'])
        .where('job_id', '=', jobId)
        .orderBy('id')
        .execute();
      const { kept, superseded, counts } = collapse(rows.map((r) => ({ ...r, id: Number(r.id) }) as OutcomeRow));
      for (let i = 0; i < superseded.length; i += EVENT_CHUNK) {
        await trx.deleteFrom('job_events').where('id', 'in', superseded.slice(i, i + EVENT_CHUNK)).execute();
      }
      return { kept, counts };
    });
  }

  /** Jobs newest first (insertion order among equal instants), filtered; default page 50 from the start. */
  async list(filter: { status?: JobStatus; kind?: JobKind; offset?: number; limit?: number }): Promise<Page<Job>> {
    let q = this.db.selectFrom('jobs');
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    const total = toCount((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0)
      .execute();
    return { items: rows.map(toJob), total };
  }
}
