import { setMaxListeners } from 'node:events';
import { AppError } from '@shared/errors';
import { countsInWords } from '@shared/job-summary';
import type { Job, JobPhase } from '@shared/types';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { isAbortedError } from '../systems/errors';
import type { RecordOutcome, SyncControl } from './control';
import { forPeople, isDiskError } from './error-text';
import { emptyCounts, type JobRequest } from './job-store';
import type { JobQueue } from './queue';
import type { JobKinds } from './registry';

export interface RunnerOptions {
  store: JobQueue;
  events: EventBus;
  clock: Clock;
  log: Logger;
  /** The kinds this engine runs (jobs/registry.ts); others are refused with not_implemented. */
  kinds: JobKinds;
  heartbeatMs?: number;
  /** At most one `job.updated` per job per this many ms (10 a second). */
  throttleMs?: number;
  /** A queued job this answers true for waits (syncing paused); `release()` looks again. */
  holds?: (job: Job) => boolean;
}

interface Running {
  job: Job;
  controller: AbortController;
  pending: (RecordOutcome & { at: string })[];
  flushTimer?: ReturnType<typeof setTimeout>;
  heartbeat: ReturnType<typeof setInterval>;
  done: Promise<void>;
  startedMs: number;
  lastComparable?: Job;
  /** A total still being added up (addTotal), shown only once fixed or at the end. */
  openTotal: number;
  totalFixed: boolean;
  /** The database refused a write (a full disk): the run stops and fails with it. */
  storageError?: unknown;
}

/**
 * Runs queued jobs: coalesces equal requests, runs one job per lane and
 * building at a time (two jobs that would write the same building's
 * residents never run together; nor two real-time commerce jobs of one
 * building, while other buildings' invoices need not wait; nor two history
 * imports), publishes throttled progress, and cancels cooperatively. What a
 * kind does is its handler's (jobs/registry.ts).
 */
export class JobRunner {
  private readonly running = new Map<string, Running>();
  private stopped = false;
  /** Final states the database could not take (a full disk): shown as they are, saved once it can. */
  private readonly unsaved = new Map<string, { job: Job; events: (RecordOutcome & { at: string; jobId: string })[] }>();
  private readonly heartbeatMs: number;
  private readonly throttleMs: number;
  /** Held jobs a person asked for since (their request joined the waiting job): they run now. */
  private readonly released = new Set<string>();

  constructor(private readonly o: RunnerOptions) {
    this.heartbeatMs = o.heartbeatMs ?? 5_000;
    this.throttleMs = o.throttleMs ?? 100;
  }

  private now = () => this.o.clock.now().toISOString();

  /** Now, but never before the job started: a clock set back mid-run must not show a negative duration. */
  private endOf(job: Job): string {
    const now = this.now();
    return job.startedAt && job.startedAt > now ? job.startedAt : now;
  }

  /** Joins an equal waiting job, or queues a new one (one follow-up behind a running job). */
  enqueue(req: JobRequest): Job {
    if (!this.o.kinds.has(req.kind)) throw new AppError('not_implemented', `${req.kind} syncs are not available in this version yet.`);
    const found = this.o.store.findEqualWaiting(req);
    // Both reasons are kept: a nightly catch-up that joins the first sync says so.
    const existing = found && !found.triggers.includes(req.trigger) ? (this.o.store.addTrigger(found.id, req.trigger) ?? found) : found;
    if (existing && existing !== found) this.o.events.emit('job.updated', existing);
    if (existing) {
      // A click joining a nightly run that waits for a pause to end should not wait with it.
      if (this.held(existing) && !this.o.holds?.({ ...existing, trigger: req.trigger, triggers: [req.trigger] })) this.released.add(existing.id);
      // A new reason may let a waiting job run (the pause holds only jobs nobody asked for).
      if (existing !== found || this.released.has(existing.id)) queueMicrotask(() => this.kick());
      return existing;
    }
    const job = this.o.store.create(req, this.now());
    this.o.log.info('job queued', { jobId: job.id, kind: job.kind, trigger: job.trigger });
    this.o.events.emit('job.updated', job);
    queueMicrotask(() => this.kick());
    return job;
  }

  get(id: string): Job {
    const live = this.running.get(id)?.job ?? this.unsaved.get(id)?.job;
    const job = live ? { ...live } : this.o.store.get(id);
    if (!job) throw new AppError('not_found', 'That sync job does not exist (it may be older than the history kept).', { id });
    return job;
  }

  cancel(id: string): Job {
    const run = this.running.get(id);
    if (run) {
      run.controller.abort(new Error('cancelled'));
      return { ...run.job };
    }
    const job = this.get(id);
    if (!['queued', 'interrupted', 'awaiting_confirmation'].includes(job.status)) return job;
    const cancelled: Job = { ...job, status: 'cancelled', phase: 'done', finishedAt: this.now() };
    this.o.store.save(cancelled);
    this.o.events.emit('job.updated', cancelled);
    return cancelled;
  }

  confirm(id: string): Job {
    const job = this.get(id);
    if (job.status !== 'awaiting_confirmation') throw new AppError('conflict', 'Only a job waiting for confirmation can be confirmed.');
    const queued: Job = { ...job, status: 'queued', phase: 'waiting' };
    this.o.store.save(queued, { checkpoint: { ...this.o.store.checkpoint(id), confirmed: true } });
    this.o.events.emit('job.updated', queued);
    queueMicrotask(() => this.kick());
    return queued;
  }

  /** After a crash, jobs that were running are marked interrupted and run again from their checkpoint. */
  start(): void {
    for (const job of this.o.store.running()) {
      const interrupted: Job = { ...job, status: 'interrupted', phase: 'waiting' };
      this.o.store.save(interrupted);
      this.o.log.warn('job interrupted by a stop or crash; it will resume', { jobId: job.id });
      this.o.events.emit('job.updated', interrupted);
    }
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort(new Error('shutdown'));
    await Promise.all(runs.map((r) => r.done));
  }

  /** Held jobs may run now (syncing resumed). */
  release(): void {
    queueMicrotask(() => this.kick());
  }

  private held(job: Job): boolean {
    return !this.released.has(job.id) && (this.o.holds?.(job) ?? false);
  }

  /** Resolves when no job is running or waiting to run (tests, CLI --wait); held jobs are not waited for. */
  async idle(): Promise<void> {
    // A finished job's follow-up (JobHandler.after) may still be queueing the next one.
    await this.o.kinds.settled();
    while (this.running.size || this.o.store.runnable().some((j) => this.o.kinds.has(j.kind) && !this.held(j))) {
      await Promise.race([...[...this.running.values()].map((r) => r.done), new Promise<void>((r) => setTimeout(r, 20))]);
      await this.o.kinds.settled();
    }
  }

  private kick(): void {
    if (this.stopped) return;
    try {
      this.saveUnsaved();
      for (const job of this.o.store.runnable()) {
        if (this.running.has(job.id) || !this.o.kinds.has(job.kind) || this.held(job)) continue;
        // One job per lane (and building) at a time: each kind says which (JobHandler.lane).
        if ([...this.running.values()].some((r) => this.o.kinds.conflicts(r.job, job))) continue;
        this.launch(job);
      }
    } catch (err) {
      // A full disk: queued jobs stay queued, and the next enqueue or finish tries again.
      this.o.log.error('jobs could not be started', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  private saveUnsaved(): void {
    for (const [id, { job, events }] of this.unsaved) {
      if (events.length) this.o.store.addEvents(events);
      events.length = 0;
      this.o.store.save(job);
      this.unsaved.delete(id);
    }
  }

  private launch(queued: Job): void {
    const job: Job = { ...queued, status: 'running', phase: 'reading', startedAt: queued.startedAt ?? this.now(), progress: { done: 0, total: 0 }, counts: emptyCounts() };
    delete job.error;
    const controller = new AbortController();
    // Every request of the run listens on this one signal.
    setMaxListeners(0, controller.signal);
    const run: Running = {
      job,
      controller,
      pending: [],
      heartbeat: setInterval(() => {
        try {
          this.o.store.heartbeat(job.id, this.now());
        } catch {
          // Best effort; a full disk is reported by the next progress save.
        }
      }, this.heartbeatMs),
      done: Promise.resolve(),
      startedMs: Date.now(),
      lastComparable: this.o.store.lastFinished(job.kind),
      openTotal: 0,
      totalFixed: false,
    };
    run.heartbeat.unref?.();
    this.running.set(job.id, run);
    this.o.store.save(job, { heartbeatAt: this.now() });
    this.o.events.emit('job.updated', { ...job });
    run.done = this.execute(run).finally(() => {
      clearInterval(run.heartbeat);
      this.running.delete(job.id);
      this.released.delete(job.id);
      this.kick();
    });
  }

  /**
   * Progress that never moves backwards, by construction: `done` only grows;
   * the total stays 0 (unknown, an indeterminate bar) until the handler fixes
   * it once; after that it only grows when `done` would pass it, which keeps
   * the bar full rather than pulling it back.
   */
  private control(run: Run): SyncControl {
    const job = run.job;
    const setTotal = (total: number) => {
      if (run.totalFixed) return;
      run.totalFixed = true;
      job.progress.total = Math.max(total, job.progress.done);
      this.schedule(run);
    };
    return {
      signal: run.controller.signal,
      phase: (phase: JobPhase, total?: number) => {
        job.phase = phase;
        if (total !== undefined) setTotal(total);
        this.schedule(run);
      },
      advance: (by = 1) => {
        if (by <= 0) return;
        job.progress.done += by;
        if (run.totalFixed && job.progress.done > job.progress.total) job.progress.total = job.progress.done;
        this.schedule(run);
      },
      addTotal: (by: number) => {
        if (!run.totalFixed && by > 0) run.openTotal += by;
      },
      setTotal,
      outcome: (o) => {
        job.counts[o.outcome]++;
        if (o.outcome === 'conflict' && o.effect) (job.counts.alsoWritten ??= { created: 0, updated: 0, deactivated: 0 })[o.effect]++;
        if (!o.quiet) {
          const { quiet: _quiet, ...kept } = o;
          run.pending.push({ ...kept, at: this.now() });
        }
        this.schedule(run);
      },
    };
  }

  /**
   * Seconds left: from this run's own pace once it has some, else from the
   * last comparable run (same kind), so the first minutes already say something.
   */
  private eta(run: Running): number | undefined {
    const { done, total } = run.job.progress;
    if (done >= total) return undefined;
    const elapsed = (Date.now() - run.startedMs) / 1000;
    if (done >= 20 && elapsed > 1) return Math.round((elapsed / done) * (total - done));
    const last = run.lastComparable;
    if (!last?.startedAt || !last.finishedAt || !last.progress.total) return undefined;
    const perItem = (Date.parse(last.finishedAt) - Date.parse(last.startedAt)) / 1000 / last.progress.total;
    return Math.round(perItem * Math.max(total - done, 0));
  }

  /** Progress is saved and published at most every throttleMs, and always at the end. */
  private schedule(run: Running): void {
    if (run.flushTimer) return;
    run.flushTimer = setTimeout(() => this.flush(run), this.throttleMs);
  }

  /**
   * Saves and publishes progress; false when the database refused the write
   * (a full disk). Then the outcomes wait for the next save, the run is
   * stopped with that reason, and the console still hears the truth.
   */
  private flush(run: Running): boolean {
    if (run.flushTimer) clearTimeout(run.flushTimer);
    run.flushTimer = undefined;
    let saved = true;
    try {
      if (run.pending.length) this.o.store.addEvents(run.pending.map((e) => ({ ...e, jobId: run.job.id })));
      run.pending.length = 0;
      this.o.store.save(run.job, { heartbeatAt: this.now() });
    } catch (err) {
      saved = false;
      if (run.storageError === undefined && !run.job.finishedAt) {
        run.storageError = err;
        run.controller.abort(err);
      }
    }
    const eta = this.eta(run);
    this.o.events.emit('job.updated', { ...run.job, ...(eta !== undefined ? { etaSeconds: eta } : {}) });
    return saved;
  }

  private async execute(run: Running): Promise<void> {
    const job = run.job;
    try {
      const result = await this.o.kinds.run({ ...job }, this.control(run), this.o.store.checkpoint(job.id));
      if (run.controller.signal.aborted) throw run.controller.signal.reason;
      if (result.status === 'awaiting_confirmation') {
        job.status = 'awaiting_confirmation';
        job.error = { code: 'confirmation_needed', message: result.message };
      } else {
        job.status = result.status === 'succeeded' && job.counts.failed === 0 ? 'succeeded' : 'partial';
        job.finishedAt = this.endOf(job);
      }
    } catch (caught) {
      const err = run.storageError ?? caught;
      if (run.storageError === undefined && (run.controller.signal.aborted || isAbortedError(err))) {
        // A stop of the app leaves the job to resume; a person's cancel ends it.
        job.status = this.stopped ? 'interrupted' : 'cancelled';
        if (!this.stopped) job.finishedAt = this.endOf(job);
      } else {
        const partial = (err as { partial?: boolean }).partial;
        job.status = partial ? 'partial' : 'failed';
        job.finishedAt = this.endOf(job);
        job.error = { code: err instanceof AppError ? err.code : isDiskError(err) ? 'unavailable' : 'internal', message: forPeople(err) };
        this.o.log.error('job failed', { jobId: job.id, code: job.error.code, error: err instanceof Error ? err.message : String(err) });
      }
    }
    job.phase = job.status === 'interrupted' || job.status === 'awaiting_confirmation' ? job.phase : 'done';
    // A run that went to its end processed its total: the bar ends full. A
    // cancelled or failed one keeps the total it stopped short of.
    if (job.status === 'succeeded' || job.status === 'partial') job.progress.total = job.progress.done;
    else if (!run.totalFixed) job.progress.total = Math.max(run.openTotal, job.progress.done);
    if (!this.flush(run)) {
      this.unsaved.set(job.id, { job: { ...job }, events: run.pending.splice(0).map((e) => ({ ...e, jobId: job.id })) });
    }
    this.o.log.info('job finished', { jobId: job.id, status: job.status, counts: job.counts });
    if (job.status !== 'interrupted' && !job.dryRun) this.notify(job);
  }

  private notify(job: Job): void {
    const c = job.counts;
    // Real-time invoice jobs run many times an hour: only trouble is worth a notice.
    if (job.trigger === 'realtime' && job.status === 'succeeded' && !c.conflict && !c.failed) return;
    const parts = countsInWords(c);
    const what = { reconcile: 'Full reconcile', 'commerce-reconcile': 'Invoice history import', 'balance-check': 'Balance check', commerce: 'Invoice and payment sync', residents: 'Sync' }[job.kind];
    if (job.status === 'succeeded' || job.status === 'partial') {
      this.o.events.emit('notice', {
        jobId: job.id,
        // Failed beats attention: records that did not reach Condo Control are an error, notes a warning.
        level: c.failed ? 'error' : c.conflict ? 'warning' : 'success',
        title: `${what} finished${parts.length ? `: ${parts.join(', ')}` : ': everything was already in sync'}`,
        ...(c.failed ? { body: 'Records that failed are retried on the next sync. Nothing was lost.' } : {}),
      });
    } else if (job.status === 'failed') {
      this.o.events.emit('notice', { jobId: job.id, level: 'error', title: `${what} failed`, body: `${job.error?.message ?? ''} Nothing was lost; it will run again.`.trim() });
    } else if (job.status === 'awaiting_confirmation') {
      this.o.events.emit('notice', { jobId: job.id, level: 'warning', title: 'Full reconcile is waiting for you', body: job.error?.message });
    }
  }
}

type Run = Running;
