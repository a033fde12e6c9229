import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/errors';
import { emptyCounts } from '@shared/job-summary';
import type { Job, JobStatus } from '@shared/types';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { isAbortedError } from '../systems/errors';
import { forPeople, isDiskError } from './error-text';
import { JobRun, type PendingOutcome } from './job-run';
import { notifyEnd } from './notices';
import type { DispatchTarget, JobDispatcher } from './dispatcher';
import type { JobQueue, JobRequest } from './queue';
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
  /** Whether syncing is paused on this engine; `release()` looks again after a change. */
  paused?: () => boolean;
  /** A job this answers true for (nobody asked for it) waits while `paused()`. */
  pausable?: (job: Pick<Job, 'trigger' | 'triggers'>) => boolean;
  /**
   * Who starts queued jobs (jobs/dispatcher.ts). Absent: this runner, one
   * job per lane and building (the desktop on SQLite). Given (engines on one
   * PostgreSQL): the runner hands each runnable job to it, and runs what it
   * is handed through `dispatchTarget`; the table stays the truth either way.
   */
  dispatcher?: JobDispatcher;
}

/** Waiting to run: what a start claims. */
const WAITING: readonly JobStatus[] = ['queued', 'interrupted'];
/** What a person's cancel ends without a run to stop. */
const CANCELLABLE: readonly JobStatus[] = ['queued', 'interrupted', 'awaiting_confirmation'];

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Runs queued jobs: coalesces equal requests, runs one job per lane and
 * building at a time (two jobs that would write the same building's
 * residents never run together; nor two real-time commerce jobs of one
 * building, while other buildings' invoices need not wait; nor two history
 * imports), publishes throttled progress, and cancels cooperatively. What a
 * kind does is its handler's (jobs/registry.ts). The `jobs` table (JobQueue)
 * is the truth; a running job's own state and writes are its JobRun's
 * (job-run.ts).
 */
export class JobRunner {
  private readonly running = new Map<string, JobRun>();
  private stopped = false;
  /** Final states the database could not take (a full disk): shown as they are, saved once it can. */
  private readonly unsaved = new Map<string, { job: Job; events: (PendingOutcome & { jobId: string })[] }>();
  private readonly heartbeatMs: number;
  private readonly throttleMs: number;
  /** Held jobs a person asked for since (their request joined the waiting job): they run now. */
  private readonly released = new Set<string>();
  /** The pass that starts runnable jobs (local dispatch); one at a time, so a job is never launched twice. */
  private kicking: Promise<void> | undefined;
  private kickAgain = false;
  /** Who waits for a pass that starts after they asked (a request waits for its job's look, not for later work). */
  private passWaiters: (() => void)[] = [];
  /** This engine lost the shared database (fence()): it starts nothing until unfence(). */
  private fenced = false;
  /** Jobs stopped by a fence whose dispatch has not come back yet: handed back as 'fenced', never as ended. */
  private readonly fencedJobs = new Set<string>();

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

  /**
   * Joins an equal waiting job, or queues a new one (one follow-up behind a running job).
   * @throws AppError not_implemented for a kind this engine cannot run; the database's error.
   */
  async enqueue(req: JobRequest): Promise<Job> {
    if (!this.o.kinds.has(req.kind)) throw new AppError('not_implemented', `${req.kind} syncs are not available in this version yet.`);
    const { job, joined, triggerAdded } = await this.o.store.enqueue(req, this.now());
    if (!joined) {
      this.o.log.info('job queued', { jobId: job.id, kind: job.kind, trigger: job.trigger });
      this.o.events.emit('job.updated', job);
      await this.wake(job);
      return job;
    }
    // Both reasons are kept: a nightly catch-up that joins the first sync says so.
    if (triggerAdded) this.o.events.emit('job.updated', job);
    // A click joining a nightly run that waits for a pause to end should not wait with it.
    if (this.held(job) && !this.o.pausable?.({ trigger: req.trigger, triggers: [req.trigger] })) this.released.add(job.id);
    // A new reason may let a waiting job run (the pause holds only jobs nobody asked for).
    if (triggerAdded || this.released.has(job.id)) await this.wake(job);
    return job;
  }

  /**
   * A running job as this engine last told it (its progress saved first, so
   * an engine taking it over shows no less), else one whose end is not saved yet, else undefined.
   */
  live(id: string): Job | undefined {
    const run = this.running.get(id);
    if (run) return run.shown();
    const unsaved = this.unsaved.get(id)?.job;
    return unsaved && { ...unsaved };
  }

  /** True while this engine runs a job. */
  busy(): boolean {
    return this.running.size > 0;
  }

  /** @throws AppError not_found when the job is not in the history kept. */
  async get(id: string): Promise<Job> {
    const job = this.live(id) ?? (await this.o.store.get(id));
    if (!job) throw new AppError('not_found', 'That sync job does not exist (it may be older than the history kept).', { id });
    return job;
  }

  /** Stops a running job (here, or on the engine running it) or ends a waiting one; a finished job is returned as it is. */
  async cancel(id: string): Promise<Job> {
    const job = await this.get(id);
    // Looked at after the read: a start that claimed the job meanwhile is in the map by now.
    if (this.stopHere(id)) return { ...this.running.get(id)!.job };
    // Running on another engine: recorded in the job's row first, for
    // whichever engine runs it now or resumes it after its engine died (the
    // dispatcher's message is the fast path, and reaches only a live engine).
    if (job.status === 'running' && this.o.dispatcher) {
      if (await this.o.store.requestCancel(id, this.now())) this.o.log.info('cancel recorded for the engine running the job', { jobId: id });
      await this.o.dispatcher.cancel(id);
    }
    if (!CANCELLABLE.includes(job.status)) return job;
    const cancelled: Job = { ...job, status: 'cancelled', phase: 'done', finishedAt: this.now() };
    // It may have started meanwhile: then that run is what to stop.
    if (!(await this.o.store.transition(cancelled, CANCELLABLE))) return this.cancel(id);
    this.o.events.emit('job.updated', cancelled);
    // Its dispatch is dropped; were it handed over anyway, runJob finds nothing to run.
    await this.o.dispatcher?.cancel(id).catch((err: unknown) => this.o.log.warn('a cancelled job’s dispatch was not dropped', { jobId: id, error: errorText(err) }));
    return cancelled;
  }

  /** Aborts the job if it runs on this engine; true when it did. */
  private stopHere(id: string): boolean {
    const run = this.running.get(id);
    run?.controller.abort(new Error('cancelled'));
    return run !== undefined;
  }

  /**
   * This engine lost the shared database (or was declared dead by another):
   * every job running here stops at once, its requests to the systems
   * refused from now on, and nothing more is recorded for it (its end, its
   * progress): another engine takes it over and owns it now. Nothing starts
   * here until unfence(). Idempotent.
   * @returns the ids of the jobs stopped.
   */
  fence(): string[] {
    this.fenced = true;
    const stopped: string[] = [];
    for (const [id, run] of this.running) {
      run.fence(new Error('fenced'));
      this.running.delete(id);
      this.fencedJobs.add(id);
      stopped.push(id);
    }
    if (stopped.length) this.o.log.warn('jobs stopped here: this engine lost the shared database and another engine takes them over', { jobs: stopped.length });
    return stopped;
  }

  /** This engine rejoined the shared database as a new member: it runs jobs handed to it again. */
  unfence(): void {
    this.fenced = false;
    // Their dispatches belong to the queue's earlier workers, which never complete them.
    this.fencedJobs.clear();
  }

  /** @throws AppError conflict when the job is not waiting for confirmation. */
  async confirm(id: string): Promise<Job> {
    const job = await this.get(id);
    const notWaiting = () => new AppError('conflict', 'Only a job waiting for confirmation can be confirmed.');
    if (job.status !== 'awaiting_confirmation') throw notWaiting();
    const queued: Job = { ...job, status: 'queued', phase: 'waiting' };
    const checkpoint = { ...(await this.o.store.checkpoint(id)), confirmed: true };
    if (!(await this.o.store.transition(queued, ['awaiting_confirmation'], { checkpoint }))) throw notWaiting();
    this.o.events.emit('job.updated', queued);
    await this.wake(queued);
    return queued;
  }

  /**
   * After a crash, jobs that were running are marked interrupted and run
   * again from their checkpoint. With a dispatcher, other engines may be
   * running those: taking over a dead engine's jobs is the cluster's
   * (EngineLiveness), and this starts the dispatcher and hands it the jobs
   * waiting. @throws AppError unavailable when the dispatcher cannot start.
   */
  async start(): Promise<void> {
    this.stopped = false;
    if (this.o.dispatcher) {
      await this.o.dispatcher.start(this.dispatchTarget);
      return this.release();
    }
    for (const job of await this.o.store.running()) {
      const interrupted: Job = { ...job, status: 'interrupted', phase: 'waiting' };
      if (!(await this.o.store.transition(interrupted, ['running']))) continue;
      this.o.log.warn('job interrupted by a stop or crash; it will resume', { jobId: job.id });
      this.o.events.emit('job.updated', interrupted);
    }
    void this.kick();
  }

  /**
   * Stops the running jobs; each is saved interrupted and resumes on the
   * next start (or, with a dispatcher, on another engine: it is stopped
   * after them, and hands their dispatches back).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.kicking;
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort(new Error('shutdown'));
    await Promise.all(runs.map((r) => r.done));
    await this.o.dispatcher?.stop();
  }

  /** Held jobs may run now (syncing resumed). */
  async release(): Promise<void> {
    if (!this.o.dispatcher) return this.kick();
    try {
      for (const job of await this.o.store.runnable()) if (this.startable(job)) await this.wake(job);
    } catch (err) {
      this.o.log.error('waiting jobs could not be handed over', { error: errorText(err) });
    }
  }

  private held(job: Job): boolean {
    return (this.o.paused?.() ?? false) && this.pausable(job);
  }

  /** The job would wait while paused: nobody asked for it, and no request released it here. */
  private pausable(job: Job): boolean {
    return !this.released.has(job.id) && (this.o.pausable?.(job) ?? false);
  }

  private startable(job: Job): boolean {
    return !this.running.has(job.id) && this.o.kinds.has(job.kind) && !this.held(job);
  }

  /** Resolves when no job is running or waiting to run (tests, CLI --wait); held jobs are not waited for. */
  async idle(): Promise<void> {
    for (;;) {
      // A finished job's follow-up (JobHandler.after) may still be queueing the next one.
      await this.o.kinds.settled();
      const busy: Promise<unknown>[] = [...this.running.values()].map((r) => r.done);
      if (this.kicking) busy.push(this.kicking);
      // Looked at again after the read: a job started meanwhile left the runnable list.
      if (!busy.length && !(await this.o.store.runnable()).some((j) => this.startable(j)) && !this.running.size && !this.kicking) return;
      await Promise.race([...busy, new Promise<void>((r) => setTimeout(r, 20))]);
    }
  }

  /**
   * A job may run now: this runner looks for work (and resolves once the job
   * has started or is left waiting for its lane, so a request right after
   * queues behind it rather than joining it), or the dispatcher is handed it.
   */
  private async wake(job: Job): Promise<void> {
    if (!this.o.dispatcher) return this.kick();
    if (!this.startable(job)) return;
    // It stays queued in the table; the next start or resume hands it over again.
    await this.o.dispatcher.dispatch(job).catch((err: unknown) => this.o.log.error('job could not be handed over; it stays queued', { jobId: job.id, error: errorText(err) }));
  }

  /** What the dispatcher drives (jobs/dispatcher.ts): run a job handed to this engine; stop one running here. */
  readonly dispatchTarget: DispatchTarget = {
    run: async (jobId) => {
      // Stopped by a fence, or handed over while fenced: the dispatch goes back to the queue, not completed.
      if (this.fenced) return 'fenced';
      const ended = this.stopped ? undefined : await this.runJob(jobId);
      if (this.fencedJobs.delete(jobId)) return 'fenced';
      if (ended) return ended.status === 'interrupted' ? 'interrupted' : 'ended';
      // Handed over while this engine stops: back to the queue for another engine, not dropped.
      if (this.stopped) return 'interrupted';
      // Held by this engine's pause: left for an engine that is not paused, not dropped.
      const job = await this.o.store.get(jobId);
      return job && WAITING.includes(job.status) && this.o.kinds.has(job.kind) && this.held(job) ? 'declined' : 'ended';
    },
    cancel: (jobId) => void this.stopHere(jobId),
    fence: () => void this.fence(),
    unfence: () => this.unfence(),
    paused: () => this.o.paused?.() ?? false,
    pausable: (job) => this.pausable(job),
  };

  /**
   * Runs one job handed over by the dispatcher, to its end. Runs it while it
   * waits (queued or interrupted), or when the table says running but it
   * does not run here: a dead engine's run, freed by the cluster's takeover,
   * which the dispatcher hands to one engine only; it resumes from its
   * checkpoint. Lanes are the dispatcher's (one per named queue).
   * @returns the job as it ended, or undefined when there was nothing to run
   *   (cancelled or finished meanwhile, held by a pause, running here already).
   * @throws the database's error when the job could not be started (the dispatcher tries again).
   */
  async runJob(jobId: string): Promise<Job | undefined> {
    if (this.stopped || this.fenced) return undefined;
    await this.saveUnsaved();
    const job = await this.o.store.get(jobId);
    if (!job || !this.startable(job) || this.fenced) return undefined;
    // A person cancelled it while its engine was dying: it ends here, not resumed.
    if ([...WAITING, 'running'].includes(job.status) && (await this.o.store.cancelRequested(jobId))) return this.endCancelled(job);
    const run = await this.launch(job, [...WAITING, 'running']);
    if (!run) return undefined;
    await run.done;
    return { ...run.job };
  }

  /**
   * Ends a job whose cancel was recorded while it ran elsewhere (its engine
   * died, or was fenced off, before it could stop it), with the events a
   * cancel gives. @returns the job as it ended, or undefined when it had moved on.
   */
  private async endCancelled(job: Job): Promise<Job | undefined> {
    const cancelled: Job = { ...job, status: 'cancelled', phase: 'done', finishedAt: this.endOf(job) };
    if (!(await this.o.store.transition(cancelled, [...WAITING, 'running']))) return undefined;
    this.o.log.info('job cancelled while its engine was gone; not resumed', { jobId: job.id });
    this.o.events.emit('job.updated', cancelled);
    return cancelled;
  }

  /**
   * Starts what may start: single-flight, so a pass never sees a job another
   * pass is launching. Resolves once a pass that began after the call has
   * looked at every waiting job (it waits for starts, never for runs nor for
   * passes asked for later: a busy queue must not hold a request's answer).
   */
  private kick(): Promise<void> {
    if (this.stopped || this.o.dispatcher) return Promise.resolve();
    const looked = new Promise<void>((resolve) => this.passWaiters.push(resolve));
    if (this.kicking) this.kickAgain = true;
    else this.kicking = this.kickPasses();
    return looked;
  }

  private async kickPasses(): Promise<void> {
    await null; // `kicking` is set before the first pass looks
    do {
      this.kickAgain = false;
      const waiters = this.passWaiters.splice(0);
      try {
        await this.saveUnsaved();
        for (const job of await this.o.store.runnable()) {
          if (this.stopped) break;
          if (!this.startable(job)) continue;
          // One job per lane (and building) at a time: each kind says which (JobHandler.lane).
          if ([...this.running.values()].some((r) => this.o.kinds.conflicts(r.job, job))) continue;
          await this.launch(job, WAITING);
        }
      } catch (err) {
        // A full disk: queued jobs stay queued, and the next enqueue or finish tries again.
        this.o.log.error('jobs could not be started', { error: errorText(err) });
      }
      for (const looked of waiters) looked();
    } while (this.kickAgain && !this.stopped);
    // Stopped with passes still asked for: nothing more starts, nobody waits.
    for (const looked of this.passWaiters.splice(0)) looked();
    // Cleared with no await after the last look, so a kick now starts a new pass.
    this.kicking = undefined;
  }

  private async saveUnsaved(): Promise<void> {
    for (const [id, { job, events }] of this.unsaved) {
      if (events.length) await this.o.store.addEvents(events);
      events.length = 0;
      await this.o.store.save(job);
      this.unsaved.delete(id);
    }
  }

  /**
   * Claims a waiting job in the table and runs it. The lane is reserved in
   * memory before the claim's write, so a cancel meanwhile reaches the run.
   * @returns the run, or undefined when the job had moved on (cancelled, taken).
   * @throws the database's error when the claim could not be written.
   */
  private async launch(queued: Job, from: readonly JobStatus[]): Promise<JobRun | undefined> {
    const job: Job = { ...queued, status: 'running', phase: 'reading', startedAt: queued.startedAt ?? this.now(), progress: { done: 0, total: 0 }, counts: emptyCounts() };
    delete job.error;
    // A job resumed after a stop, or taken over from an engine that died, has shown progress: it stays on screen until this attempt passes it.
    const resumed = queued.status === 'interrupted' || queued.status === 'running';
    // The attempt's token: once another attempt claims the job, this one's saves no longer land.
    const token = randomUUID();
    const deps = { store: this.o.store, events: this.o.events, now: this.now, throttleMs: this.throttleMs, heartbeatMs: this.heartbeatMs, token, watchCancel: this.o.dispatcher !== undefined };
    const run = new JobRun(job, deps, resumed ? queued : undefined);
    this.running.set(job.id, run);
    let claimed = false;
    try {
      claimed = await this.o.store.transition(job, from, { heartbeatAt: this.now(), claim: token });
    } finally {
      if (!claimed) {
        this.running.delete(job.id);
        run.end();
      }
    }
    if (!claimed) return undefined;
    // Fenced while the claim was written: the claim stands for whoever takes the job over.
    if (run.fenced) {
      run.end();
      return run;
    }
    run.begin();
    // A deep copy: the run's progress object goes on changing after it is told.
    run.publish();
    void this.execute(run).finally(() => {
      if (this.running.get(job.id) === run) this.running.delete(job.id);
      this.released.delete(job.id);
      run.end();
      void this.kick();
    });
    return run;
  }

  private async execute(run: JobRun): Promise<void> {
    const job = run.job;
    try {
      const checkpoint = await this.o.store.checkpoint(job.id);
      // A cancel recorded by another engine while this one was claiming it (its message came too early to reach this run).
      if (this.o.dispatcher && (await this.o.store.cancelRequested(job.id))) run.controller.abort(new Error('cancelled'));
      // Cancelled while it was being claimed: the handler never starts.
      run.controller.signal.throwIfAborted();
      // A resumed job goes on from the records its earlier attempts recorded, one outcome each.
      if (run.resumed) run.carry(await this.o.store.collapseOutcomes(job.id));
      const result = await this.o.kinds.run({ ...job }, run.control(), checkpoint);
      if (run.controller.signal.aborted) throw run.controller.signal.reason;
      if (run.resumed && result.status !== 'awaiting_confirmation') {
        // Its counts are its rows across attempts: the last ones saved first.
        if (!(await run.persist())) throw run.storageError;
        if (run.fenced) throw new Error('taken over by another engine');
        run.settleCounts(await this.o.store.collapseOutcomes(job.id));
      }
      if (result.status === 'awaiting_confirmation') {
        job.status = 'awaiting_confirmation';
        job.error = { code: 'confirmation_needed', message: result.message };
      } else {
        job.status = result.status === 'succeeded' && run.failedRecords === 0 ? 'succeeded' : 'partial';
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
        this.o.log.error('job failed', { jobId: job.id, code: job.error.code, error: errorText(err) });
      }
    }
    if (run.fenced) {
      // Another engine owns the job now: its end is that engine's to record and tell.
      this.fencedJobs.add(job.id);
      this.o.log.warn('job stopped here; it continues on another engine', { jobId: job.id });
      return;
    }
    job.phase = job.status === 'interrupted' || job.status === 'awaiting_confirmation' ? job.phase : 'done';
    run.closeProgress();
    // The end is saved before it is told: whoever hears it (follow-ups, pruning) reads the table.
    if (!(await run.persist())) {
      this.unsaved.set(job.id, { job: { ...job }, events: run.pending.splice(0).map((e) => ({ ...e, jobId: job.id })) });
    }
    run.publish();
    this.o.log.info('job finished', { jobId: job.id, status: job.status, counts: job.counts });
    if (job.status !== 'interrupted' && !job.dryRun) notifyEnd(this.o.events, job);
  }
}
