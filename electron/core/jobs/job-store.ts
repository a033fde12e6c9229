import { randomUUID } from 'node:crypto';
import type { Job, JobCounts, JobKind, JobPhase, JobStatus, JobTrigger, OutcomeEffect, OutcomeType, Page } from '@shared/types';
import type { Db } from '../db/database';
import type { JobQueue } from './queue';

export interface JobRequest {
  kind: JobKind;
  trigger: JobTrigger;
  corporationId?: string;
  dryRun: boolean;
  /** The key name of the person who asked (kept only when the request creates the job). */
  startedBy?: string;
}

interface JobRow {
  id: string;
  kind: JobKind;
  trigger: JobTrigger;
  triggers: string | null;
  started_by: string | null;
  scope_corporation_id: string | null;
  dry_run: number;
  status: JobStatus;
  phase: JobPhase;
  progress_done: number;
  progress_total: number;
  counts: string;
  checkpoint: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
}

export const emptyCounts = (): JobCounts => ({ created: 0, updated: 0, unchanged: 0, deactivated: 0, conflict: 0, failed: 0 });

export const ACTIVE: JobStatus[] = ['queued', 'running', 'interrupted', 'awaiting_confirmation'];

function toJob(r: JobRow): Job {
  return {
    id: r.id,
    kind: r.kind,
    trigger: r.trigger,
    triggers: r.triggers ? (JSON.parse(r.triggers) as JobTrigger[]) : [r.trigger],
    ...(r.started_by ? { startedBy: r.started_by } : {}),
    ...(r.scope_corporation_id ? { scope: { corporationId: r.scope_corporation_id } } : {}),
    dryRun: r.dry_run === 1,
    status: r.status,
    phase: r.phase,
    progress: { done: r.progress_done, total: r.progress_total },
    counts: { ...emptyCounts(), ...JSON.parse(r.counts) },
    createdAt: r.created_at,
    ...(r.started_at ? { startedAt: r.started_at } : {}),
    ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
    ...(r.error ? { error: JSON.parse(r.error) } : {}),
  };
}

/** The jobs and their per-record outcomes in SQLite: the queue survives restarts. */
export class JobStore implements JobQueue {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      // seq: the insertion order both backends sort by (migration 008; db/repositories/jobs.ts).
      insert: db.prepare(`INSERT INTO jobs (id, kind, trigger, triggers, started_by, scope_corporation_id, dry_run, status, phase, counts, created_at, seq)
        VALUES (@id, @kind, @trigger, json_array(@trigger), @startedBy, @corp, @dryRun, 'queued', 'waiting', '{}', @now, (SELECT coalesce(max(seq), 0) + 1 FROM jobs))`),
      addTrigger: db.prepare(`UPDATE jobs SET triggers = json_insert(coalesce(triggers, json_array(trigger)), '$[#]', @trigger)
        WHERE id = @id AND NOT EXISTS (SELECT 1 FROM json_each(coalesce(triggers, json_array(trigger))) WHERE value = @trigger)`),
      get: db.prepare('SELECT * FROM jobs WHERE id = ?'),
      equalQueued: db.prepare(`SELECT * FROM jobs WHERE status IN ('queued', 'interrupted') AND kind = ? AND dry_run = ?
        AND scope_corporation_id IS ? ORDER BY created_at LIMIT 1`),
      runnable: db.prepare(`SELECT * FROM jobs WHERE status IN ('queued', 'interrupted') ORDER BY created_at, rowid`),
      running: db.prepare(`SELECT * FROM jobs WHERE status = 'running'`),
      update: db.prepare(`UPDATE jobs SET status = @status, phase = @phase, progress_done = @done, progress_total = @total, counts = @counts,
        error = @error, started_at = @startedAt, finished_at = @finishedAt, heartbeat_at = @heartbeatAt, checkpoint = coalesce(@checkpoint, checkpoint) WHERE id = @id`),
      heartbeat: db.prepare('UPDATE jobs SET heartbeat_at = ? WHERE id = ?'),
      event: db.prepare(`INSERT INTO job_events (job_id, entity, entity_id, outcome, effect, message, changes, at)
        VALUES (@jobId, @entity, @entityId, @outcome, @effect, @message, @changes, @at)`),
      lastFinished: db.prepare(`SELECT * FROM jobs WHERE kind = ? AND status IN ('succeeded', 'partial') AND dry_run = 0 ORDER BY finished_at DESC LIMIT 1`),
    };
  }

  create(req: JobRequest, now: string): Job {
    const id = randomUUID();
    this.s.insert.run({ id, kind: req.kind, trigger: req.trigger, startedBy: req.startedBy ?? null, corp: req.corporationId ?? null, dryRun: req.dryRun ? 1 : 0, now });
    return this.get(id)!;
  }

  /** A request joined this waiting job: it keeps the request's reason beside its own. */
  addTrigger(id: string, trigger: JobTrigger): Job | undefined {
    this.s.addTrigger.run({ id, trigger });
    return this.get(id);
  }

  /** An equal job still waiting, which a new request joins instead of queueing another. */
  findEqualWaiting(req: JobRequest): Job | undefined {
    const row = this.s.equalQueued.get(req.kind, req.dryRun ? 1 : 0, req.corporationId ?? null) as JobRow | undefined;
    return row && toJob(row);
  }

  get(id: string): Job | undefined {
    const row = this.s.get.get(id) as JobRow | undefined;
    return row && toJob(row);
  }

  checkpoint(id: string): Record<string, unknown> {
    const row = this.s.get.get(id) as JobRow | undefined;
    return row?.checkpoint ? JSON.parse(row.checkpoint) : {};
  }

  runnable(): Job[] {
    return (this.s.runnable.all() as JobRow[]).map(toJob);
  }

  running(): Job[] {
    return (this.s.running.all() as JobRow[]).map(toJob);
  }

  save(job: Job, extra: { heartbeatAt?: string; checkpoint?: Record<string, unknown> } = {}): void {
    this.s.update.run({
      id: job.id,
      status: job.status,
      phase: job.phase,
      done: job.progress.done,
      total: job.progress.total,
      counts: JSON.stringify(job.counts),
      error: job.error ? JSON.stringify(job.error) : null,
      startedAt: job.startedAt ?? null,
      finishedAt: job.finishedAt ?? null,
      heartbeatAt: extra.heartbeatAt ?? null,
      // Progress saves leave the checkpoint as it is; only a new one replaces it.
      checkpoint: extra.checkpoint ? JSON.stringify(extra.checkpoint) : null,
    });
  }

  heartbeat(id: string, at: string): void {
    this.s.heartbeat.run(at, id);
  }

  lastFinished(kind: JobKind): Job | undefined {
    const row = this.s.lastFinished.get(kind) as JobRow | undefined;
    return row && toJob(row);
  }

  addEvents(events: { jobId: string; entity: string; entityId: string; outcome: OutcomeType; effect?: OutcomeEffect; message?: string; changes?: unknown; at: string }[]): void {
    if (!events.length) return;
    this.db.transaction(() => {
      for (const e of events) {
        this.s.event.run({ ...e, effect: e.effect ?? null, message: e.message ?? null, changes: e.changes ? JSON.stringify(e.changes) : null });
      }
    })();
  }

  list(filter: { status?: JobStatus; kind?: JobKind; offset?: number; limit?: number }): Page<Job> {
    const where: string[] = [];
    if (filter.status) where.push('status = @status');
    if (filter.kind) where.push('kind = @kind');
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const params = { status: filter.status, kind: filter.kind };
    const total = (this.db.prepare(`SELECT count(*) AS n FROM jobs ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM jobs ${clause} ORDER BY created_at DESC, rowid DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: filter.limit ?? 50, offset: filter.offset ?? 0 }) as JobRow[];
    return { items: rows.map(toJob), total };
  }

}
