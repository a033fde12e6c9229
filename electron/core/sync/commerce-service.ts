import type { CommerceStatus, Job } from '@shared/types';
import type { EventBus } from '../events';
import type { JobRequest } from '../jobs/queue';
import type { SyncCache } from './cache';
import type { CommerceDeps } from './commerce-job';
import { FeedWatcher, type WatcherDeps, type WatcherStatus } from './feed-watcher';

export interface CommerceServiceOptions {
  deps: CommerceDeps & { cache: SyncCache };
  events: EventBus;
  /** Queues (or joins) a job; its answer is not used, and a failure is logged. */
  enqueue(req: JobRequest): unknown;
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

  /** Status events go out one after another, so the last one sent is the newest. */
  private publishing: Promise<void> = Promise.resolve();

  constructor(private readonly o: CommerceServiceOptions) {}

  /** Queues a job without waiting; a queue that fails is logged, never thrown at a watcher. */
  private queue(req: JobRequest): void {
    void Promise.resolve()
      .then(() => this.o.enqueue(req))
      .catch((err: unknown) => this.o.deps.log.warn('commerce job not queued', { kind: req.kind, error: String(err) }));
  }

  /** Starts a watcher for each building linked to Condo Control that has none yet. */
  async ensureWatchers(): Promise<void> {
    if (this.stopped || this.held) return;
    const { deps } = this.o;
    const corps = await deps.ledger.mappedCorporations();
    // Stopped or paused while the buildings were read.
    if (this.stopped || this.held) return;
    for (const corp of corps) {
      if (this.watchers.has(corp.id)) continue;
      const watcher = new FeedWatcher(
        {
          cm: deps.cm,
          ledger: deps.ledger,
          cache: deps.cache,
          clock: deps.clock,
          log: deps.log,
          enqueue: (corporationId) => this.queue({ kind: 'commerce', trigger: 'realtime', corporationId, dryRun: false }),
          importHistory: (corporationId) => this.queue({ kind: 'commerce-reconcile', trigger: 'realtime', corporationId, dryRun: false }),
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
    void this.scheduleRetry().catch((err: unknown) => this.o.deps.log.warn('commerce retry not scheduled', { error: String(err) }));
  }

  private async scheduleRetry(): Promise<void> {
    const { ledger, clock } = this.o.deps;
    const next = await ledger.nextRetryAt();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (!next || this.stopped) return;
    const delay = Math.max(0, Date.parse(next) - clock.now().getTime());
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void (async () => {
        const now = clock.now().toISOString();
        for (const corp of await ledger.mappedCorporations()) {
          if ((await ledger.due(corp.id, now)).length) this.queue({ kind: 'commerce', trigger: 'realtime', corporationId: corp.id, dryRun: false });
        }
      })().catch((err: unknown) => this.o.deps.log.warn('commerce retry not queued', { error: String(err) }));
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
    void this.ensureWatchers().catch((err: unknown) => this.o.deps.log.warn('commerce watchers not started', { error: String(err) }));
  }

  /** What every view shows: live, starting, paused (with why) or off, each building's watcher and the lines held for a person. */
  async status(): Promise<CommerceStatus> {
    const { ledger } = this.o.deps;
    const held = this.held;
    const writeTrouble = this.writeTrouble;
    const statuses = [...this.statuses];
    const [mapped, attentionLines] = await Promise.all([ledger.mappedCorporations(), ledger.attention(20)]);
    const codes = new Map(mapped.map((c) => [c.id, c.code]));
    const buildings = statuses.map(([corporationId, s]) => ({ corporationId, code: codes.get(corporationId) ?? corporationId, ...s }));
    const attention = attentionLines.map((a) => ({
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
    if (held) return { ...base, state: 'paused', reason: held.reason, since: held.since };
    if (!buildings.length) {
      return { ...base, state: 'off', reason: 'Real-time sync of invoices and payments starts once the first sync has linked the buildings to Condo Control.' };
    }
    const paused = buildings.find((b) => b.state === 'paused');
    if (paused) return { ...base, state: 'paused', ...(paused.reason ? { reason: paused.reason } : {}), since: paused.since };
    if (writeTrouble) return { ...base, state: 'paused', reason: WRITE_TROUBLE, since: writeTrouble.since };
    const starting = buildings.find((b) => b.state === 'starting');
    if (starting) return { ...base, state: 'starting', since: starting.since };
    const since = buildings.reduce((m, b) => (b.since > m ? b.since : m), buildings[0]!.since);
    return { ...base, state: 'live', since };
  }

  /** Sends the status as it is once the ones before it are out (reads are async; order is kept). */
  private publish(): void {
    if (this.stopped) return;
    this.publishing = this.publishing
      .then(() => this.status())
      .then(
        (status) => void (this.stopped || this.o.events.emit('commerce.status', status)),
        (err: unknown) => this.o.deps.log.warn('commerce status not read', { error: String(err) }),
      );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await Promise.all([...this.watchers.values()].map((w) => w.stop()));
    this.watchers.clear();
    // No status read may still be running when the database closes.
    await this.publishing;
  }
}
