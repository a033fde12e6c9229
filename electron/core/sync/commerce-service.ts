import type { CommerceStatus, Job } from '@shared/types';
import type { EventBus } from '../events';
import type { JobRequest } from '../jobs/queue';
import type { SyncCache } from './cache';
import type { CommerceDeps } from './commerce-job';
import { FeedWatcher, type WatcherDeps, type WatcherStatus } from './feed-watcher';

export interface CommerceServiceOptions {
  deps: CommerceDeps & { cache: SyncCache };
  events: EventBus;
  enqueue(req: JobRequest): Promise<Job>;
  waitSec?: number;
  backoff?: WatcherDeps['backoff'];
}

const WRITE_TROUBLE = 'Condo Control is not accepting invoices and payments right now. Condo Sync tries again by itself; nothing is lost.';

/**
 * Real-time commerce: one feed watcher per building linked to Condo Control,
 * the status every view shows ("live", or "paused" with the reason), and the
 * timer that retries lines whose write failed.
 */
export class CommerceService {
  private readonly watchers = new Map<string, FeedWatcher>();
  private readonly statuses = new Map<string, WatcherStatus>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last real-time job could not write everything (Condo Control trouble). */
  private writeTrouble: { since: string } | undefined;
  private stopped = false;
  /** Syncing is paused: no watcher reads the feed (hold/release, called by the pause control). */
  private held: { reason: string; since: string } | undefined;

  constructor(private readonly o: CommerceServiceOptions) {}

  /** Starts a watcher for each building linked to Condo Control that has none yet. */
  ensureWatchers(): void {
    if (this.stopped || this.held) return;
    const { deps } = this.o;
    for (const corp of deps.store.mappedCorporations()) {
      if (this.watchers.has(corp.id)) continue;
      const watcher = new FeedWatcher(
        {
          cm: deps.cm,
          store: deps.store,
          cache: deps.cache,
          clock: deps.clock,
          log: deps.log,
          enqueue: async (corporationId) => void (await this.o.enqueue({ kind: 'commerce', trigger: 'realtime', corporationId, dryRun: false })),
          importHistory: async (corporationId) => void (await this.o.enqueue({ kind: 'commerce-reconcile', trigger: 'realtime', corporationId, dryRun: false })),
          residentsChanged: (unitIds) => this.o.events.emit('units.changed', { unitIds }),
          status: (corporationId, status) => {
            this.statuses.set(corporationId, status);
            this.publish();
          },
          ...(this.o.waitSec !== undefined ? { waitSec: this.o.waitSec } : {}),
          ...(this.o.backoff ? { backoff: this.o.backoff } : {}),
        },
        corp.id,
      );
      this.watchers.set(corp.id, watcher);
      watcher.start();
    }
    this.publish();
  }

  /** Called for every finished job: tracks write trouble and schedules retries. */
  jobFinished(job: Job): void {
    if (job.kind !== 'commerce' || this.stopped) return;
    const trouble = job.status === 'failed' || job.counts.failed > 0;
    const before = this.writeTrouble;
    if (trouble && !before) this.writeTrouble = { since: this.o.deps.clock.now().toISOString() };
    if (!trouble && before) this.writeTrouble = undefined;
    if (trouble !== Boolean(before)) this.publish();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const next = this.o.deps.store.nextRetryAt();
    if (!next || this.stopped) return;
    const delay = Math.max(0, Date.parse(next) - this.o.deps.clock.now().getTime());
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      const now = this.o.deps.clock.now().toISOString();
      for (const corp of this.o.deps.store.mappedCorporations()) {
        if (!this.o.deps.store.due(corp.id, now).length) continue;
        this.o.enqueue({ kind: 'commerce', trigger: 'realtime', corporationId: corp.id, dryRun: false }).catch((err: unknown) =>
          // The lines stay due: the next retry or the watcher's next change queues them.
          this.o.deps.log.error('invoice retry could not be queued', { error: err instanceof Error ? err.message : String(err) }),
        );
      }
    }, Math.min(delay, 2 ** 31 - 1));
    this.retryTimer.unref?.();
  }

  /**
   * Syncing paused: the watchers stop and read nothing until `release()`.
   * Their cursors are saved, so the invoices and payments of the pause are
   * read when it ends; nothing is skipped.
   */
  async hold(reason: string): Promise<void> {
    if (this.stopped) return;
    this.held = { reason, since: this.o.deps.clock.now().toISOString() };
    const watchers = [...this.watchers.values()];
    this.watchers.clear();
    this.statuses.clear();
    this.publish();
    await Promise.all(watchers.map((w) => w.stop()));
  }

  /** Syncing resumed: the watchers start again from their saved cursors. */
  release(): void {
    if (!this.held) return;
    this.held = undefined;
    this.ensureWatchers();
  }

  status(): CommerceStatus {
    const { store } = this.o.deps;
    const codes = new Map(store.mappedCorporations().map((c) => [c.id, c.code]));
    const buildings = [...this.statuses].map(([corporationId, s]) => ({ corporationId, code: codes.get(corporationId) ?? corporationId, ...s }));
    const attention = store.attention(20).map((a) => ({
      entity: a.entity,
      id: a.id,
      unitId: a.unitId,
      ...(a.unitNumber ? { unitNumber: a.unitNumber } : {}),
      ...(a.corporationCode ? { corporationCode: a.corporationCode } : {}),
      ...(a.number ? { number: a.number } : {}),
      message: (JSON.parse(a.attention) as string[])[0] ?? '',
      at: a.at,
    }));
    const lastEventAt = buildings.reduce<string | undefined>((m, b) => (b.lastEventAt && (!m || b.lastEventAt > m) ? b.lastEventAt : m), undefined);
    const base = { buildings, attention, ...(lastEventAt ? { lastEventAt } : {}) };
    if (this.held) return { ...base, state: 'paused', reason: this.held.reason, since: this.held.since };
    if (!buildings.length) {
      return { ...base, state: 'off', reason: 'Real-time sync of invoices and payments starts once the first sync has linked the buildings to Condo Control.' };
    }
    const paused = buildings.find((b) => b.state === 'paused');
    if (paused) return { ...base, state: 'paused', ...(paused.reason ? { reason: paused.reason } : {}), since: paused.since };
    if (this.writeTrouble) return { ...base, state: 'paused', reason: WRITE_TROUBLE, since: this.writeTrouble.since };
    const starting = buildings.find((b) => b.state === 'starting');
    if (starting) return { ...base, state: 'starting', since: starting.since };
    const since = buildings.reduce((m, b) => (b.since > m ? b.since : m), buildings[0]!.since);
    return { ...base, state: 'live', since };
  }

  private publish(): void {
    if (!this.stopped) this.o.events.emit('commerce.status', this.status());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await Promise.all([...this.watchers.values()].map((w) => w.stop()));
    this.watchers.clear();
  }
}
