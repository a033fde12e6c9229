import { AppError } from '@shared/errors';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { CondoManagerClient } from '../systems/condo-manager-client';
import { isAbortedError, isCursorExpired } from '../systems/errors';
import type { ChangeEvent } from '../systems/schemas';
import type { SyncCache } from './cache';
import type { FeedState, LedgerRepository } from '../db/repositories/ledger';

export interface WatcherStatus {
  state: 'starting' | 'live' | 'paused';
  reason?: string;
  since: string;
  lastEventAt?: string;
}

export interface WatcherDeps {
  cm: CondoManagerClient;
  ledger: LedgerRepository;
  cache: SyncCache;
  clock: Clock;
  log: Logger;
  /** Invoices or payments changed: queue (or join) the building's real-time commerce job. */
  enqueue(corporationId: string): void;
  /** The feed could not say what changed and nothing was read before: import the history. */
  importHistory(corporationId: string): void;
  /** Owners, tenants or units were refreshed in the local copy. */
  residentsChanged(unitIds: string[]): void;
  status(corporationId: string, status: WatcherStatus): void;
  /** Long-poll seconds (≤ 30). */
  waitSec?: number;
  /** Back-off after a failed read: base doubles up to cap (ms). */
  backoff?: { baseMs: number; capMs: number };
}

/** Read a little before an event's time: a system may stamp the event a moment after the record. */
const MARGIN_MS = 2_000;
const minIso = (a: string | null | undefined, b: string | null | undefined) => (!a ? (b ?? null) : !b ? a : a < b ? a : b);
const maxIso = (a: string | null | undefined, b: string | null | undefined) => (!a ? (b ?? null) : !b ? a : a > b ? a : b);
const isCommerce = (e: ChangeEvent) => e.type.startsWith('invoice.') || e.type.startsWith('payment.');
const earlier = (iso: string) => new Date(Date.parse(iso) - MARGIN_MS).toISOString();

/** Why real-time sync is paused, in the words of the person at the desk. */
export function pauseReason(err: unknown): string {
  const code = err instanceof AppError ? err.code : undefined;
  switch (code) {
    case 'unavailable':
    case 'timeout':
    case 'upstream_error':
      return 'Condo Manager is not answering. Invoices and payments catch up by themselves once it answers again; nothing is lost.';
    case 'unauthorized':
    case 'forbidden':
      return "Condo Manager refused Condo Sync's sign-in. Check the credentials in Settings → Connections.";
    case 'rate_limited':
      return 'Condo Manager asked Condo Sync to slow down. Real-time sync goes on in a moment; nothing is lost.';
    default:
      return 'Condo Manager sent an answer Condo Sync could not read. Real-time sync tries again by itself; nothing is lost.';
  }
}

/**
 * Follows one building's change feed in Condo Manager with long polls. The
 * cursor is saved in the same transaction as the pending mark for the
 * invoices and payments it passes over, and only after the owners, tenants
 * and units it names were refreshed in the local copy; so a crash re-reads
 * rather than skips.
 *
 * Each save is a compare-and-set under the feed row's lock (LedgerRepository.
 * lockFeed): it goes through only if the cursor is still the one the page was
 * read from. So a commerce job clearing the pending mark meanwhile is not
 * undone, and on a shared PostgreSQL database a watcher whose lease passed
 * to another engine mid-poll does not move the cursor back or twice.
 */
export class FeedWatcher {
  private readonly controller = new AbortController();
  private loop: Promise<void> | undefined;
  private status: WatcherStatus;

  constructor(
    private readonly deps: WatcherDeps,
    readonly corporationId: string,
  ) {
    this.status = { state: 'starting', since: this.now() };
  }

  private now = () => this.deps.clock.now().toISOString();

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.controller.abort(new Error('shutdown'));
    await this.loop;
  }

  private setStatus(next: Omit<WatcherStatus, 'since' | 'lastEventAt'>, lastEventAt?: string | null): void {
    const changed = next.state !== this.status.state || next.reason !== this.status.reason;
    const last = lastEventAt ?? this.status.lastEventAt;
    if (!changed && last === this.status.lastEventAt) return;
    this.status = { ...next, since: changed ? this.now() : this.status.since, ...(last ? { lastEventAt: last } : {}) };
    this.deps.status(this.corporationId, this.status);
  }

  private async run(): Promise<void> {
    const signal = this.controller.signal;
    const { baseMs, capMs } = this.deps.backoff ?? { baseMs: 1_000, capMs: 30_000 };
    let failures = 0;
    // The last event seen before a restart, so "live" says since when (told with the first status).
    const seen = await this.deps.ledger.feed(this.corporationId).catch(() => undefined);
    if (seen?.lastEventAt && !this.status.lastEventAt) this.status = { ...this.status, lastEventAt: seen.lastEventAt };
    while (!signal.aborted) {
      try {
        const state = await this.deps.ledger.feed(this.corporationId);
        if (!state.cursor) await this.takeHead();
        else {
          const feed = await this.deps.cm.getChanges(this.corporationId, { cursor: state.cursor, limit: 500, waitSec: this.deps.waitSec ?? 30, signal });
          await this.apply(state.cursor, feed.events, feed.nextCursor);
        }
        failures = 0;
        this.setStatus({ state: 'live' });
      } catch (err) {
        if (signal.aborted || isAbortedError(err)) break;
        if (isCursorExpired(err)) {
          this.deps.log.warn('change feed cursor expired; reading what changed since the last event', { corporationId: this.corporationId });
          await this.recover().catch((e) => this.deps.log.warn('change feed recovery failed', { error: String(e) }));
          continue;
        }
        failures++;
        this.setStatus({ state: 'paused', reason: pauseReason(err) });
        this.deps.log.warn('change feed unreachable; retrying', { corporationId: this.corporationId, code: err instanceof AppError ? err.code : 'internal', failures });
        await sleep(Math.min(capMs, baseMs * 2 ** (failures - 1)), signal);
      }
    }
  }

  /**
   * Saves the feed's position if its cursor is still `from` (the one the page
   * was read from): `change` gets the locked state and answers the next one,
   * or undefined to write nothing. Answers the state as it stands after, or
   * undefined when someone else moved the cursor (their pages stand; this
   * watcher reads on from there).
   */
  private async save(from: string | null, change: (state: FeedState) => FeedState | undefined): Promise<FeedState | undefined> {
    const corp = this.corporationId;
    const saved = await this.deps.ledger.transaction(async (ledger) => {
      const now = this.now();
      const state = await ledger.lockFeed(corp, now);
      if (state.cursor !== from) return undefined;
      const next = change(state);
      if (next) await ledger.setFeed(corp, next, now);
      return next ?? state;
    });
    if (!saved) this.deps.log.info('change feed cursor moved by another watcher; reading on from there', { corporationId: corp });
    return saved;
  }

  /**
   * Reads to the feed's head: its cursor, the newest event passed over and
   * the oldest invoice or payment event among them (ISO times, or null).
   */
  private async readHead(): Promise<{ cursor: string | undefined; newest: string | null; oldestCommerce: string | null }> {
    const signal = this.controller.signal;
    let cursor: string | undefined;
    let newest: string | null = null;
    let oldestCommerce: string | null = null;
    for (;;) {
      const feed = await this.deps.cm.getChanges(this.corporationId, { ...(cursor ? { cursor } : {}), limit: 1000, signal });
      for (const e of feed.events) {
        newest = maxIso(newest, e.occurredAt);
        if (isCommerce(e)) oldestCommerce = minIso(oldestCommerce, e.occurredAt);
      }
      cursor = feed.nextCursor;
      if (!feed.hasMore) break;
    }
    return { cursor, newest, oldestCommerce };
  }

  /** A fresh install starts at the feed's head: what came before is the history import's job. */
  private async takeHead(): Promise<void> {
    const head = await this.readHead();
    await this.save(null, (state) => ({ ...state, cursor: head.cursor ?? null, lastEventAt: maxIso(state.lastEventAt, head.newest) }));
  }

  /**
   * 410: go to the head, then read everything changed since the last event
   * seen. The new cursor and the pending mark are saved together, after the
   * owners and units are refreshed: a crash in between re-reads.
   *
   * With no event seen before (a cursor from another system, e.g. the
   * sandbox the console ran on before going live), what came before the
   * feed's retained window is the history import's; but the invoices and
   * payments the feed still holds were read on the way to the head, so they
   * are marked pending and go by the real-time path too, not left to the
   * import alone.
   */
  private async recover(): Promise<void> {
    const before = await this.deps.ledger.feed(this.corporationId);
    const from = before.lastEventAt;
    const head = await this.readHead();
    if (from) await this.refreshResidents(from, true, true);
    const pending = from ?? head.oldestCommerce;
    const saved = await this.save(before.cursor, (state) => ({
      cursor: head.cursor ?? null,
      lastEventAt: maxIso(state.lastEventAt, head.newest),
      pendingSince: minIso(state.pendingSince, pending),
      pendingRev: state.pendingRev + (pending ? 1 : 0),
    }));
    if (!saved) return;
    if (!from) this.deps.importHistory(this.corporationId);
    if (pending) this.deps.enqueue(this.corporationId);
  }

  private async apply(from: string, events: ChangeEvent[], nextCursor: string): Promise<void> {
    const commerce = events.filter(isCommerce);
    const people = events.filter((e) => e.type.startsWith('person.'));
    const units = events.filter((e) => e.type.startsWith('unit.'));
    const oldest = (list: ChangeEvent[]) => list.reduce<string | null>((m, e) => minIso(m, e.occurredAt), null);
    if (people.length || units.length) {
      await this.refreshResidents(oldest([...people, ...units])!, people.length > 0, units.length > 0);
    }
    const saved = await this.save(from, (state) =>
      nextCursor === state.cursor && !events.length
        ? undefined
        : {
            cursor: nextCursor,
            pendingSince: minIso(state.pendingSince, oldest(commerce)),
            lastEventAt: events.reduce<string | null>((m, e) => maxIso(m, e.occurredAt), state.lastEventAt),
            pendingRev: state.pendingRev + (commerce.length ? 1 : 0),
          },
    );
    if (saved && commerce.length) {
      this.deps.enqueue(this.corporationId);
      this.setStatus({ state: 'live' }, saved.lastEventAt);
    }
  }

  /**
   * Brings the owners, tenants and units changed since `since` into the local
   * copy, so the Unit File shows the pending difference at once. Nothing is
   * written to Condo Control: that stays the resident sync's job.
   */
  private async refreshResidents(since: string, people: boolean, units: boolean): Promise<void> {
    const { cm, cache } = this.deps;
    const signal = this.controller.signal;
    const corp = this.corporationId;
    const from = earlier(since);
    const seenAt = this.now();
    const touched = new Set<string>();
    if (units) {
      for await (const page of cm.iterateUnits(corp, { lastUpdatedFrom: from, limit: 1000, signal })) {
        await cache.stageUnits(corp, page.items, seenAt);
        page.items.forEach((u) => touched.add(u.id));
      }
    }
    if (people) {
      for (const role of ['owner', 'tenant'] as const) {
        const pages = role === 'owner' ? cm.iterateOwners(corp, { lastUpdatedFrom: from, limit: 1000, includePast: true, signal }) : cm.iterateTenants(corp, { lastUpdatedFrom: from, limit: 1000, includePast: true, signal });
        for await (const page of pages) {
          await cache.stagePeople(corp, role, page.items, seenAt);
          page.items.forEach((p) => p.unitIds.forEach((u) => touched.add(u)));
        }
      }
    }
    if (touched.size) this.deps.residentsChanged([...touched]);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
