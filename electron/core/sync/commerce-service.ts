import type { CommerceStatus, Job } from '@shared/types';
import type { EventBus } from '../events';
import type { JobRequest } from '../jobs/queue';
import type { SyncCache } from './cache';
import type { CommerceDeps } from './commerce-job';
import { FeedWatcher, type WatcherDeps, type WatcherStatus } from './feed-watcher';

/** What a lease keeper tells its user (cluster/lease.ts's LeaseKeeper options). */
export interface LeaseHandlers {
  /** This engine now holds the lease: start the work it guards. */
  onAcquired(name: string): void;
  /** This engine no longer holds it (released, taken, or not renewed in time): stop that work now. */
  onLost(name: string): void;
}

/** The part of cluster/lease.ts's LeaseKeeper the service uses. */
export interface WatcherLeases {
  /** Tries for the lease now and keeps trying until released. */
  want(name: string): Promise<boolean>;
  /** Gives the lease up (onLost, if held) and stops wanting it. */
  release(name: string): Promise<void>;
}

/** The lease that lets one engine follow a building's change feed. */
export const watcherLease = (corporationId: string) => `commerce-watcher:${corporationId}`;
const LEASE_PREFIX = watcherLease('');

export interface CommerceServiceOptions {
  deps: CommerceDeps & { cache: SyncCache };
  events: EventBus;
  /** Queues (or joins) a job; its answer is not used, and a failure is logged. */
  enqueue(req: JobRequest): unknown;
  waitSec?: number;
  backoff?: WatcherDeps['backoff'];
  /**
   * Engines sharing one PostgreSQL database: the engine's lease keeper, made
   * with this service's handlers (EngineCluster.leases). A building is then
   * followed only by the engine holding `commerce-watcher:<corporationId>`;
   * when that engine dies its lease expires and another engine's watcher
   * takes over from the saved cursor. Absent (SQLite, one engine): every
   * building linked to Condo Control is followed here.
   */
  leases?: (handlers: LeaseHandlers) => WatcherLeases;
}

/** A watcher status another engine wrote, or undefined when there is none (or it cannot be read). */
function parseStatus(text: string | undefined): WatcherStatus | undefined {
  if (!text) return undefined;
  try {
    const s = JSON.parse(text) as Partial<WatcherStatus>;
    return (s.state === 'live' || s.state === 'paused' || s.state === 'starting') && typeof s.since === 'string' ? (s as WatcherStatus) : undefined;
  } catch {
    return undefined;
  }
}

const WRITE_TROUBLE = 'Condo Control is not accepting invoices and payments right now. Condo Sync tries again by itself; nothing is lost.';

/**
 * Real-time commerce: one feed watcher per building linked to Condo Control
 * (across engines, with leases), the status every view shows ("live", or
 * "paused" with the reason), and the timer that retries lines whose write
 * failed.
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
  private readonly leases: WatcherLeases | undefined;
  /** Buildings whose lease this engine asks for (with leases), and since when. */
  private readonly wanted = new Map<string, string>();
  /** Watcher statuses written for the other engines' consoles, one after another (with leases). */
  private sharing: Promise<void> = Promise.resolve();
  /** Watchers stopping (lease lost, pause, stop): awaited before the database closes. */
  private readonly stopping = new Set<Promise<void>>();

  constructor(private readonly o: CommerceServiceOptions) {
    this.leases = o.leases?.({
      onAcquired: (name) => {
        const corp = this.corpOf(name);
        if (corp && this.wanted.has(corp) && !this.stopped && !this.held) this.startWatcher(corp);
      },
      onLost: (name) => {
        const corp = this.corpOf(name);
        if (corp) this.stopWatcher(corp);
      },
    });
  }

  private corpOf(name: string): string | undefined {
    return name.startsWith(LEASE_PREFIX) ? name.slice(LEASE_PREFIX.length) : undefined;
  }

  /** Queues a job without waiting; a queue that fails is logged, never thrown at a watcher. */
  private queue(req: JobRequest): void {
    void Promise.resolve()
      .then(() => this.o.enqueue(req))
      .catch((err: unknown) => this.o.deps.log.warn('commerce job not queued', { kind: req.kind, error: String(err) }));
  }

  /**
   * Follows each building linked to Condo Control that is not followed yet:
   * here at once, or (with leases) once this engine holds its lease.
   */
  async ensureWatchers(): Promise<void> {
    if (this.stopped || this.held) return;
    const corps = await this.o.deps.ledger.mappedCorporations();
    // Stopped or paused while the buildings were read.
    if (this.stopped || this.held) return;
    for (const corp of corps) {
      if (!this.leases) this.startWatcher(corp.id);
      else if (!this.wanted.has(corp.id)) {
        this.wanted.set(corp.id, this.o.deps.clock.now().toISOString());
        void this.leases.want(watcherLease(corp.id)).catch((err: unknown) => this.o.deps.log.warn('watcher lease not asked for', { corporationId: corp.id, error: String(err) }));
      }
    }
    this.publish();
  }

  private startWatcher(corporationId: string): void {
    if (this.watchers.has(corporationId)) return;
    const { deps } = this.o;
    const watcher = new FeedWatcher(
      {
        cm: deps.cm,
        ledger: deps.ledger,
        cache: deps.cache,
        clock: deps.clock,
        log: deps.log,
        enqueue: (corp) => this.queue({ kind: 'commerce', trigger: 'realtime', corporationId: corp, dryRun: false }),
        importHistory: (corp) => this.queue({ kind: 'commerce-reconcile', trigger: 'realtime', corporationId: corp, dryRun: false }),
        residentsChanged: (unitIds) => this.o.events.emit('units.changed', { unitIds }),
        status: (corp, status) => {
          // A watcher stopping may still report; only the building's current watcher speaks.
          if (this.watchers.get(corp) !== watcher) return;
          this.statuses.set(corp, status);
          if (this.leases) this.share(corp, status);
          this.publish();
        },
        ...(this.o.waitSec !== undefined ? { waitSec: this.o.waitSec } : {}),
        ...(this.o.backoff ? { backoff: this.o.backoff } : {}),
      },
      corporationId,
    );
    this.watchers.set(corporationId, watcher);
    watcher.start();
    if (this.leases) this.o.deps.log.info('following a building\'s change feed (lease taken)', { corporationId });
  }

  /** Stops a building's watcher (its lease lost): its cursor is saved, the next owner reads on from it. */
  private stopWatcher(corporationId: string): void {
    const watcher = this.watchers.get(corporationId);
    if (!watcher) return;
    this.watchers.delete(corporationId);
    this.statuses.delete(corporationId);
    if (this.leases) this.o.deps.log.info('no longer following a building\'s change feed (lease gone)', { corporationId });
    const done: Promise<void> = watcher.stop().finally(() => this.stopping.delete(done));
    this.stopping.add(done);
    this.publish();
  }

  /** Gives up every lease this engine asked for (their watchers stop through onLost). */
  private async releaseLeases(): Promise<void> {
    const leases = this.leases;
    if (!leases) return;
    const corps = [...this.wanted.keys()];
    this.wanted.clear();
    await Promise.all(corps.map((c) => leases.release(watcherLease(c)).catch((err: unknown) => this.o.deps.log.warn('watcher lease not released', { corporationId: c, error: String(err) }))));
  }

  /** Called for every finished job: tracks write trouble and schedules retries. */
  jobFinished(job: Job): void {
    if (job.kind !== 'commerce' || this.stopped) return;
    this.noteWrites(job);
    void this.scheduleRetry().catch((err: unknown) => this.o.deps.log.warn('commerce retry not scheduled', { error: String(err) }));
  }

  /**
   * A real-time job another engine sharing the database ended: whether
   * Condo Control took its writes shows in this engine's status too, so
   * every console says the same. Its retries stay with the engine that ran it.
   */
  jobFinishedElsewhere(job: Job): void {
    if (job.kind !== 'commerce' || this.stopped) return;
    this.noteWrites(job);
  }

  private noteWrites(job: Job): void {
    const trouble = job.status === 'failed' || job.counts.failed > 0;
    const before = this.writeTrouble;
    if (trouble && !before) this.writeTrouble = { since: this.o.deps.clock.now().toISOString() };
    if (!trouble && before) this.writeTrouble = undefined;
    if (trouble !== Boolean(before)) this.publish();
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
   * read when it ends; nothing is skipped. With leases, this engine gives
   * its buildings up: an engine that is not paused follows them meanwhile.
   */
  async hold(reason: string): Promise<void> {
    if (this.stopped) return;
    this.held = { reason, since: this.o.deps.clock.now().toISOString() };
    await this.releaseLeases();
    for (const corp of [...this.watchers.keys()]) this.stopWatcher(corp);
    this.publish();
    await Promise.all([...this.stopping]);
  }

  /** Syncing resumed: the watchers start again from their saved cursors. */
  release(): void {
    if (!this.held) return;
    this.held = undefined;
    void this.ensureWatchers().catch((err: unknown) => this.o.deps.log.warn('commerce watchers not started', { error: String(err) }));
  }

  /** The buildings whose change feed this engine reads now (corporation ids). */
  following(): string[] {
    return [...this.watchers.keys()];
  }

  /** Writes a building's watcher status where every engine's console reads it (in order). */
  private share(corporationId: string, status: WatcherStatus): void {
    const { ledger, clock, log } = this.o.deps;
    this.sharing = this.sharing.then(
      () => ledger.setWatcherStatus(corporationId, JSON.stringify(status), clock.now().toISOString()),
    ).catch((err: unknown) => log.warn('watcher status not shared', { corporationId, error: String(err) }));
  }

  /**
   * Each building's watcher, as `status()` lists them. Without leases, this
   * engine's watchers. With leases, every building this engine asks for: its
   * own watcher's word, or the word of the engine following it (as that
   * engine last wrote it; a dead engine's word stands until another takes
   * the building over, within the lease's ttl and renewal), or "starting"
   * while nobody has followed it yet.
   */
  private async watcherStatuses(): Promise<[string, WatcherStatus][]> {
    const local = [...this.statuses];
    if (!this.leases) return local;
    const wanted = [...this.wanted];
    const shared = await this.o.deps.ledger.watcherStatuses();
    const mine = new Map(local);
    return wanted.map(([corp, since]): [string, WatcherStatus] => {
      const own = mine.get(corp);
      if (own) return [corp, own];
      const theirs = shared.get(corp);
      return [corp, parseStatus(theirs) ?? { state: 'starting', since }];
    });
  }

  /** What every view shows: live, starting, paused (with why) or off, each building's watcher and the lines held for a person. */
  async status(): Promise<CommerceStatus> {
    const { ledger } = this.o.deps;
    const held = this.held;
    const writeTrouble = this.writeTrouble;
    const [statuses, mapped, attentionLines] = await Promise.all([this.watcherStatuses(), ledger.mappedCorporations(), ledger.attention(20)]);
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

  /**
   * Sends the status as it is once the ones before it are out (reads are
   * async; order is kept), after the watcher statuses written so far are in
   * the database: other engines read it there when this event reaches them.
   */
  private publish(): void {
    if (this.stopped) return;
    this.publishing = this.publishing
      .then(() => this.sharing)
      .then(() => this.status())
      .then(
        (status) => void (this.stopped || this.o.events.emit('commerce.status', status)),
        (err: unknown) => this.o.deps.log.warn('commerce status not read', { error: String(err) }),
      );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.releaseLeases();
    for (const corp of [...this.watchers.keys()]) this.stopWatcher(corp);
    await Promise.all([...this.stopping]);
    // No status read or write may still be running when the database closes.
    await this.sharing;
    await this.publishing;
  }
}
