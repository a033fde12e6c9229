import type { Clock } from '../clock';
import type { Executor } from '../db/kysely';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { defaultRetention, type SettingsStore } from '../settings';
import { pruneHistory } from './retention';

export interface HistoryPrunerOptions {
  db: Executor;
  clock: Clock;
  settings: SettingsStore;
  events: EventBus;
  log: Logger;
}

/**
 * Keeps the job history within Settings → retention: once at start, then
 * each time a job ends, so it holds while the app runs for weeks.
 */
export class HistoryPruner {
  // A wall clock that jumps ahead (a year, until NTP puts it back) must not
  // wipe the history: while running, prune by the earlier of the clock and the
  // start time plus the time elapsed on the monotonic clock.
  private readonly anchor: { wall: number; mono: number };

  constructor(private readonly o: HistoryPrunerOptions) {
    this.anchor = { wall: o.clock.now().getTime(), mono: performance.now() };
  }

  private keep() {
    return { ...defaultRetention, ...(this.o.settings.get('retention') as object | undefined) };
  }

  /** Prunes by the clock as it is (the start of the app). */
  async atStart(): Promise<void> {
    const pruned = await pruneHistory(this.o.db, this.o.clock.now(), this.keep());
    if (pruned.jobs || pruned.events) this.o.log.info('old history pruned', pruned);
  }

  /** Prunes after every job that ends; returns the unsubscribe. */
  watch(): () => void {
    return this.o.events.subscribe((name, payload, meta) => {
      // Another engine's job ended: that engine prunes.
      if (name !== 'job.updated' || meta.relayed || !(payload as { finishedAt?: string }).finishedAt) return;
      const now = new Date(Math.min(this.o.clock.now().getTime(), this.anchor.wall + performance.now() - this.anchor.mono));
      // In the background: a failure (a full disk) is retried after the next job.
      pruneHistory(this.o.db, now, this.keep()).catch((err: unknown) => this.o.log.warn('history could not be pruned', { error: String(err) }));
    });
  }
}
