import type { Job, JobKind } from '@shared/types';
import type { EventBus } from '../events';
import type { SyncControl, SyncResult } from './control';
import type { FollowUps, JobHandler, JobOf } from './job-kind';

interface Bound {
  lane: JobHandler<JobKind, unknown>['lane'];
  run(job: Job, ctl: SyncControl, checkpoint: Record<string, unknown>): Promise<SyncResult>;
  after?(job: Job, next: FollowUps): void | Promise<void>;
}

/**
 * The job kinds this engine can run, each bound to its deps. A kind not
 * registered (no connection configured) is refused by the runner with
 * `not_implemented`; registering a kind twice throws, so two modules can
 * never both claim one.
 */
export class JobKinds {
  private readonly bound = new Map<JobKind, Bound>();
  /** Follow-ups still running (an async `after` queueing the next job). */
  private readonly pending = new Set<Promise<void>>();

  register<K extends JobKind, D>(handler: JobHandler<K, D>, deps: D): this {
    for (const kind of handler.kinds) {
      if (this.bound.has(kind)) throw new Error(`Job kind ${kind} is registered twice.`);
      this.bound.set(kind, {
        lane: handler.lane,
        run: (job, ctl, checkpoint) => handler.run(job as JobOf<K>, ctl, deps, checkpoint),
        ...(handler.after ? { after: (job: Job, next: FollowUps) => handler.after!(job as JobOf<K>, deps, next) } : {}),
      });
    }
    return this;
  }

  has(kind: JobKind): boolean {
    return this.bound.has(kind);
  }

  /** The lane of a registered kind (undefined when not registered). */
  lane(kind: JobKind): JobHandler<JobKind, unknown>['lane'] | undefined {
    return this.bound.get(kind)?.lane;
  }

  /** @throws Error when the kind is not registered (the runner checks `has` first). */
  run(job: Job, ctl: SyncControl, checkpoint: Record<string, unknown>): Promise<SyncResult> {
    const entry = this.bound.get(job.kind);
    if (!entry) throw new Error(`No handler for job kind ${job.kind}.`);
    return entry.run(job, ctl, checkpoint);
  }

  /** True when the two jobs must not run at once: same lane, and the same building or one of them for every building. */
  conflicts(a: Job, b: Job): boolean {
    const la = this.bound.get(a.kind)?.lane;
    const lb = this.bound.get(b.kind)?.lane;
    if (!la || !lb || la.name !== lb.name) return false;
    if (!la.perCorporation) return true;
    const ca = a.scope?.corporationId;
    const cb = b.scope?.corporationId;
    return !ca || !cb || ca === cb;
  }

  /**
   * Runs each kind's follow-up when one of its jobs ends: on the
   * `job.updated` that carries its end (`finishedAt`), whoever ended it (the
   * runner, or a cancel while it waited). Returns the unsubscribe.
   */
  followUps(events: EventBus, next: FollowUps): () => void {
    return events.subscribe((name, payload, meta) => {
      // A job another engine ended is followed up there, not here too.
      if (name !== 'job.updated' || meta.relayed) return;
      const job = payload as Job;
      if (!job.finishedAt) return;
      const done = this.bound.get(job.kind)?.after?.(job, next);
      if (!(done instanceof Promise)) return;
      // `after` logs its own errors; this only tracks that it ended.
      const tracked: Promise<void> = done.catch(() => undefined).finally(() => this.pending.delete(tracked));
      this.pending.add(tracked);
    });
  }

  /** Resolves once every follow-up started so far has ended (JobRunner.idle waits for them: one may queue a job). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
