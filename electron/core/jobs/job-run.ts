import { setMaxListeners } from 'node:events';
import type { Job, JobPhase } from '@shared/types';
import type { EventBus } from '../events';
import type { RecordOutcome, SyncControl } from './control';
import { recordKey, supersedes, tally, type OutcomeRow } from './one-effect';
import type { JobQueue } from './queue';

/** An outcome not saved yet, with when it happened (ISO instant). */
export type PendingOutcome = RecordOutcome & { at: string };

export interface JobRunDeps {
  store: JobQueue;
  events: EventBus;
  /** Now, as an ISO instant (the engine's clock). */
  now(): string;
  /** At most one `job.updated` per this many ms. */
  throttleMs: number;
  /** The heartbeat save, every this many ms. */
  heartbeatMs: number;
  /** This attempt's token (the claim wrote it): its saves land only while the job is still its own. */
  token: string;
  /** Engines sharing a database: every heartbeat also looks for a cancel recorded by another engine (the NOTIFY may be lost). */
  watchCancel?: boolean;
}

/**
 * One job running on this engine: its live state, the control its handler
 * reports through, and its writes. Progress is published from memory at
 * most every throttleMs and saved behind it, one write at a time (a write in
 * flight is followed by one more that takes the state as it is by then), so
 * saves coalesce, never slow the handler, and never land out of order.
 */
export class JobRun {
  /** Every request of the run listens on this one signal. */
  readonly controller = new AbortController();
  /** Outcomes not saved yet; the next write takes them. */
  readonly pending: PendingOutcome[] = [];
  /** Settles when the run has ended and its last state is saved (or kept unsaved). */
  readonly done: Promise<void>;
  /** The last comparable run (same kind), for the ETA until this one has a pace. */
  lastComparable?: Job;
  /** The database refused a write (a full disk): the run stops and fails with it. */
  storageError?: unknown;
  /**
   * The job is no longer this attempt's: its engine fenced itself off the
   * shared database, or a save found another attempt holding the job. The
   * run stops and records nothing more (the job's end is the other attempt's).
   */
  fenced = false;
  private settle!: () => void;
  private readonly startedMs = Date.now();
  /** A total still being added up (addTotal), shown only once fixed or at the end. */
  private openTotal = 0;
  private totalFixed = false;
  private flushTimer?: ReturnType<typeof setTimeout>;
  private heartbeat?: ReturnType<typeof setInterval>;
  private writing?: Promise<boolean>;
  /** Something changed since the write in flight took its state. */
  private dirty = false;
  private lastTold?: Job;
  /** The next save is a throttled progress update: tell it once saved. */
  private tellAfterSave = false;
  /** This attempt's own progress and counts; the same objects as the job's unless earlier attempts carried some. */
  private readonly own: Pick<Job, 'progress' | 'counts'>;
  /**
   * What earlier attempts of this job did (it was interrupted, or its engine
   * died and this one took it over): their progress, and each record's one
   * outcome (jobs/one-effect.ts). This attempt goes on from them: the job
   * shows their counts plus this attempt's new records, never fewer.
   */
  private base?: { progress: Job['progress']; kept: Map<string, OutcomeRow> };
  /** Records this attempt processed that an earlier attempt had already counted. */
  private seenBefore = 0;
  /**
   * A kind that keeps some outcomes quiet (no row) cannot be matched record
   * by record: it starts its pass again, and the job shows the carried state
   * until this attempt's progress reaches it, then this attempt's own.
   */
  private holding = false;

  /**
   * @param carried the progress and counts an earlier attempt of this job
   *   had shown (it was interrupted, or its engine died and this one took it
   *   over). The handler starts again from its checkpoint and counts from 0;
   *   consoles keep seeing the carried state, as one consistent snapshot,
   *   until this attempt's `done` reaches it, so the bar never goes back.
   */
  constructor(
    readonly job: Job,
    private readonly d: JobRunDeps,
    carried?: Pick<Job, 'progress' | 'counts'>,
  ) {
    setMaxListeners(0, this.controller.signal);
    this.done = new Promise<void>((resolve) => (this.settle = resolve));
    this.own = { progress: job.progress, counts: job.counts };
    if (carried && carried.progress.done > 0) {
      job.progress = { ...carried.progress };
      job.counts = structuredClone(carried.counts);
      this.base = { progress: { ...carried.progress }, kept: new Map() };
      // Until carry() has read the earlier attempts' rows.
      this.holding = true;
    }
  }

  /** Records of the job that failed: across attempts when this one goes on from earlier ones, else this attempt's own. */
  get failedRecords(): number {
    return this.base ? this.job.counts.failed : this.own.counts.failed;
  }

  /** True when an earlier attempt of the job had processed records this one goes on from (see carry). */
  get resumed(): boolean {
    return this.base !== undefined;
  }

  /**
   * Earlier attempts' records, one outcome each (their rows, collapsed),
   * read before the handler starts. Rows saved after the last progress save
   * (a kill between the two writes) count too: the rows are the truth. A kind
   * that keeps some outcomes quiet (no row) has fewer rows than it counted:
   * its carried counts stand.
   */
  carry(prior: { kept: Map<string, OutcomeRow>; counts: Job['counts'] }): void {
    if (!this.base) return;
    if (prior.kept.size < this.base.progress.done) {
      this.base = undefined;
      return;
    }
    this.holding = false;
    this.base.kept = prior.kept;
    this.base.progress.done = prior.kept.size;
    this.job.counts = structuredClone(prior.counts);
    this.mirror();
  }

  /** Once this attempt has processed as much as the carried state showed, the job shows this attempt's own (a kind with quiet outcomes). */
  private reflect(force = false): void {
    if (!this.holding || this.base || (!force && this.own.progress.done < this.job.progress.done)) return;
    this.holding = false;
    this.job.progress = this.own.progress;
    this.job.counts = this.own.counts;
  }

  /**
   * The job's progress across attempts: the earlier attempts' records plus
   * this one's new ones; its total the larger of the earlier total and what
   * this attempt plans beyond them. Neither ever goes down.
   */
  private mirror(): void {
    const base = this.base;
    if (!base) return;
    const done = base.progress.done + this.own.progress.done - this.seenBefore;
    const planned = this.totalFixed ? base.progress.done + this.own.progress.total - this.seenBefore : 0;
    const p = this.job.progress;
    p.done = Math.max(p.done, done);
    p.total = Math.max(p.total, base.progress.total, planned, p.done);
  }

  /** The run is under way (its claim is saved): heartbeats start, the ETA's comparison is read. */
  begin(): void {
    this.heartbeat = setInterval(() => {
      void this.persist();
      if (this.d.watchCancel) this.watchCancel();
    }, this.d.heartbeatMs);
    this.heartbeat.unref?.();
    this.d.store.lastFinished(this.job.kind).then(
      (last) => (this.lastComparable = last),
      () => undefined, // the ETA waits for the run's own pace
    );
  }

  /** A cancel another engine recorded (its NOTIFY may have been lost) stops the run as a cancel here would. */
  private watchCancel(): void {
    this.d.store.cancelRequested(this.job.id).then(
      (asked) => {
        if (asked && !this.fenced) this.controller.abort(new Error('cancelled'));
      },
      () => undefined, // the next heartbeat looks again
    );
  }

  /**
   * Stops the run without recording anything more: its timers stop, later
   * saves are dropped, and the handler is aborted (its requests to the
   * systems refuse to go out). Idempotent.
   */
  fence(reason: Error): void {
    if (this.fenced) return;
    this.fenced = true;
    clearInterval(this.heartbeat);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.pending.length = 0;
    this.controller.abort(reason);
  }

  /** Timers stop and `done` settles. */
  end(): void {
    clearInterval(this.heartbeat);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.settle();
  }

  /**
   * Progress that never moves backwards, by construction: `done` only grows;
   * the total stays 0 (unknown, an indeterminate bar) until the handler fixes
   * it once; after that it only grows when `done` would pass it, which keeps
   * the bar full rather than pulling it back.
   */
  control(): SyncControl {
    const job = this.own;
    const setTotal = (total: number) => {
      if (this.totalFixed) return;
      this.totalFixed = true;
      job.progress.total = Math.max(total, job.progress.done);
      this.reflect();
      this.mirror();
      this.schedule();
    };
    return {
      signal: this.controller.signal,
      phase: (phase: JobPhase, total?: number) => {
        this.job.phase = phase;
        if (total !== undefined) setTotal(total);
        this.schedule();
      },
      advance: (by = 1) => {
        if (by <= 0) return;
        job.progress.done += by;
        if (this.totalFixed && job.progress.done > job.progress.total) job.progress.total = job.progress.done;
        this.reflect();
        this.mirror();
        this.schedule();
      },
      addTotal: (by: number) => {
        if (!this.totalFixed && by > 0) this.openTotal += by;
      },
      setTotal,
      outcome: (o) => {
        tally(job.counts, o.outcome, o.effect, 1);
        if (this.base && !this.counted(o)) return this.schedule();
        if (!o.quiet) {
          const { quiet: _quiet, ...kept } = o;
          this.pending.push({ ...kept, at: this.d.now() });
        }
        this.schedule();
      },
    };
  }

  /**
   * A resumed job's outcome against what earlier attempts recorded: a record
   * they had not seen is new (counted, kept as a row); one they had counts
   * once, as the outcome that says most (one-effect.ts).
   * @returns whether the outcome is kept as a row.
   */
  private counted(o: RecordOutcome): boolean {
    const base = this.base!;
    const key = recordKey(o.entity, o.entityId);
    const prev = base.kept.get(key);
    if (!prev) {
      if (this.job.counts !== this.own.counts) tally(this.job.counts, o.outcome, o.effect, 1);
      return true;
    }
    // Counted already: progress does not count it again (the handler's advance follows).
    this.seenBefore++;
    if (!supersedes(o.outcome, prev.outcome)) return false;
    tally(this.job.counts, prev.outcome, prev.effect, -1);
    tally(this.job.counts, o.outcome, o.effect, 1);
    base.kept.set(key, { ...prev, outcome: o.outcome, effect: o.effect ?? null });
    return true;
  }

  /**
   * A resumed job that went to its end: its counts are its rows, one per
   * record (the rows an attempt replaced are deleted); `done` is their
   * number. Kinds with quiet outcomes (fewer rows than counts) keep the
   * counts kept as they ran.
   */
  settleCounts(final: { kept: Map<string, OutcomeRow>; counts: Job['counts'] }): void {
    const p = this.job.progress;
    if (final.kept.size < p.done) return;
    this.job.counts = structuredClone(final.counts);
    p.done = final.kept.size;
    p.total = Math.max(p.total, p.done);
  }

  /**
   * The bar at the end: a run that went to its end processed its total (full);
   * a cancelled or failed one keeps the total it stopped short of.
   */
  closeProgress(): void {
    const job = this.own;
    const status = this.job.status;
    if (status === 'succeeded' || status === 'partial') job.progress.total = job.progress.done;
    else if (!this.totalFixed) job.progress.total = Math.max(this.openTotal, job.progress.done);
    // A resumed job keeps the total it showed (its records may have turned
    // out fewer than an earlier attempt planned; the total never goes down).
    this.mirror();
    // A pass started again that went to its end shows its own numbers (it
    // covered the job); one that stopped short keeps what was shown.
    this.reflect(status === 'succeeded' || status === 'partial');
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  /**
   * Seconds left: from this run's own pace once it has some, else from the
   * last comparable run (same kind), so the first minutes already say something.
   */
  private eta(): number | undefined {
    const { done, total } = this.own.progress;
    if (done >= total) return undefined;
    const elapsed = (Date.now() - this.startedMs) / 1000;
    if (done >= 20 && elapsed > 1) return Math.round((elapsed / done) * (total - done));
    const last = this.lastComparable;
    if (!last?.startedAt || !last.finishedAt || !last.progress.total) return undefined;
    const perItem = (Date.parse(last.finishedAt) - Date.parse(last.startedAt)) / 1000 / last.progress.total;
    return Math.round(perItem * Math.max(total - done, 0));
  }

  /**
   * Progress is saved and then told, at most every throttleMs (and always at
   * the end): consoles are told only what the table holds, so an engine
   * that takes the job over after a kill -9 carries on from at least the
   * count every console saw.
   */
  private schedule(): void {
    if (this.flushTimer || this.fenced) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.tellAfterSave = true;
      void this.persist();
    }, this.d.throttleMs);
  }

  /** Tells the console the job as it is now (a copy), with its ETA. */
  publish(): void {
    this.tell(this.snapshot());
  }

  private tell(job: Job): void {
    const eta = this.eta();
    this.lastTold = { ...job, ...(eta !== undefined ? { etaSeconds: eta } : {}) };
    this.d.events.emit('job.updated', { ...this.lastTold });
  }

  /** The job as consoles were last told it (saved first), for jobs.get and jobs.list: never ahead of the table. */
  shown(): Job {
    const told = this.lastTold ?? this.snapshot();
    return { ...told, progress: { ...told.progress }, counts: structuredClone(told.counts) };
  }

  /** The job as it is now, copied deep enough that later progress does not change it. */
  private snapshot(): Job {
    return { ...this.job, progress: { ...this.job.progress }, counts: structuredClone(this.job.counts) };
  }

  /**
   * Asks for the job's state and new outcomes to be saved (with a heartbeat).
   * @returns false when the database refused the write (a full disk): the
   *   outcomes wait for the next save, and a run not yet ended is stopped with that reason.
   */
  persist(): Promise<boolean> {
    if (this.fenced) return Promise.resolve(false);
    this.dirty = true;
    this.writing ??= this.drain();
    return this.writing;
  }

  private async drain(): Promise<boolean> {
    await null; // `writing` is set before the first write starts
    let saved = true;
    while (this.dirty && saved && !this.fenced) {
      this.dirty = false;
      const tell = this.tellAfterSave;
      this.tellAfterSave = false;
      const events = this.pending.splice(0);
      let eventsSaved = false;
      const job = this.snapshot();
      try {
        if (events.length) await this.d.store.addEvents(events.map((e) => ({ ...e, jobId: this.job.id })));
        eventsSaved = true;
        if ((await this.d.store.save(job, { heartbeatAt: this.d.now(), asRun: this.d.token })) === false) {
          // Another attempt holds the job (this engine was declared dead and its job taken over): stop, write nothing more.
          this.fence(new Error('taken over by another engine'));
          break;
        }
        // The end is the runner's to tell, once, after its own save.
        if (tell && job.status === 'running') this.tell(job);
      } catch (err) {
        saved = false;
        if (!eventsSaved) this.pending.unshift(...events);
        if (this.storageError === undefined && !this.job.finishedAt) {
          this.storageError = err;
          this.controller.abort(err);
        }
      }
    }
    // Cleared with no await after the last look, so a later save starts a new write.
    this.writing = undefined;
    return saved;
  }
}
