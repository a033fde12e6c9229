import { realSleep, type Now, type Sleep } from './backoff';
import { throwIfAborted } from './errors';
import { Semaphore } from './semaphore';

export interface PacerOptions {
  /** Steady request rate for the host. */
  requestsPerSecond: number;
  /** Requests allowed back to back after an idle spell; default one second's worth. */
  burst?: number;
  /** Requests in flight (or waiting for a token) at once; default 8. */
  concurrency?: number;
  /**
   * Lower the rate after a 429 to what the host actually served, then creep
   * back up. Default true: a configured rate above the server's limit would
   * otherwise earn a fresh 429 after every pause.
   */
  adaptive?: boolean;
  /**
   * A limit shared with other engines (cluster/shared-bucket.ts on
   * PostgreSQL): each request also waits for its turn there, after this
   * engine's own token, so the sum of all engines keeps the rate.
   * @throws from take: the abort reason, or AppError unavailable.
   */
  shared?: { take(signal?: AbortSignal): Promise<unknown> };
  now?: Now;
  sleep?: Sleep;
}

export interface PacerSnapshot {
  rate: number;
  burst: number;
  pausedUntil: number;
  inFlight: number;
  waiting: number;
}

const MIN_RATE = 0.5;
const OK_WINDOW_MS = 1000;
/** After a cut, hold the learned rate this long before probing upward. */
const HOLD_MS = 10_000;
/** Probe upward by this factor at most this often. */
const PROBE_EVERY_MS = 2000;
const PROBE_FACTOR = 1.05;

/**
 * One per host: a token bucket (as GCRA: a "theoretical arrival time" moves
 * forward one interval per request, and may run ahead of now by at most the
 * burst) plus bounded concurrency, plus a pause that a 429 imposes on every
 * request to the host, not just the one that was refused.
 */
export class HostPacer {
  private readonly maxRate: number;
  private rate: number;
  private burst: number;
  private readonly maxBurst: number;
  private tat = 0;
  /** Counts pauses, so a waiter holding a reservation sees one that began meanwhile. */
  private pauses = 0;
  private pausedUntil = 0;
  private lastDecreaseAt = -Infinity;
  private lastIncreaseAt = -Infinity;
  private okTimes: number[] = [];
  private readonly slots: Semaphore;
  private readonly adaptive: boolean;
  private readonly now: Now;
  private readonly sleep: Sleep;
  private readonly shared?: PacerOptions['shared'];

  constructor(opts: PacerOptions) {
    if (!(opts.requestsPerSecond > 0)) throw new RangeError('requestsPerSecond must be positive');
    this.maxRate = this.rate = opts.requestsPerSecond;
    this.maxBurst = this.burst = Math.max(1, Math.floor(opts.burst ?? opts.requestsPerSecond));
    this.slots = new Semaphore(opts.concurrency ?? 8);
    this.adaptive = opts.adaptive ?? true;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? realSleep;
    this.shared = opts.shared;
  }

  /**
   * Waits for a concurrency slot and a token; resolves to the release function.
   * `slot: false` is for long polls, which idle on the server for many seconds:
   * they still obey the rate and pauses, but must not starve other calls.
   */
  async acquire(signal?: AbortSignal, opts: { slot?: boolean } = {}): Promise<() => void> {
    if (opts.slot === false) {
      await this.takeToken(signal);
      return () => {};
    }
    await this.slots.acquire(signal);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.slots.release();
    };
    try {
      await this.takeToken(signal);
      return release;
    } catch (err) {
      release();
      throw err;
    }
  }

  private async takeToken(signal?: AbortSignal): Promise<void> {
    for (;;) {
      throwIfAborted(signal);
      const now = this.now();
      if (now < this.pausedUntil) {
        await this.sleep(this.pausedUntil - now, signal);
        continue;
      }
      const interval = 1000 / this.rate;
      const tat = Math.max(this.tat, now);
      const allowedAt = tat - (this.burst - 1) * interval;
      // Reserve the token before sleeping: waiters queue one interval apart
      // and each wakes once. Re-checking after the sleep instead woke every
      // waiter at every token and put all but one back to sleep (waiters
      // squared wake-ups: on the `large` bench, the core's largest allocator).
      this.tat = tat + interval;
      if (allowedAt <= now) break;
      const pauses = this.pauses;
      await this.sleep(allowedAt - now, signal);
      // A 429 pause since the reservation: queue again behind the pause.
      if (this.pauses === pauses) break;
    }
    // This engine's own token first, then the limit shared with other engines.
    if (this.shared) await this.shared.take(signal);
  }

  /** A non-429 answer: counts toward the observed rate and slowly restores the rate after a cut. */
  noteSuccess(): void {
    const now = this.now();
    this.okTimes.push(now);
    while ((this.okTimes[0] ?? now) < now - OK_WINDOW_MS) this.okTimes.shift();
    if (this.rate >= this.maxRate) return;
    // Probe upward slowly: every 429 costs a whole Retry-After pause (≥ 1 s),
    // so overshooting a learned limit is far dearer than creeping toward it.
    if (now - this.lastDecreaseAt < HOLD_MS || now - this.lastIncreaseAt < PROBE_EVERY_MS) return;
    this.lastIncreaseAt = now;
    this.rate = Math.min(this.maxRate, this.rate * PROBE_FACTOR);
    this.burst = Math.min(this.maxBurst, Math.max(this.burst, Math.floor(this.rate)));
  }

  /**
   * A 429: pause the host for `ms`. `sentAt` is when the refused request left;
   * the requests that were in flight together all come back refused, and
   * only the first of that wave should cut the rate.
   */
  pause(ms: number, sentAt: number): void {
    const now = this.now();
    this.pauses++;
    this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(0, ms));
    if (this.adaptive && sentAt >= this.lastDecreaseAt) {
      this.lastDecreaseAt = now;
      const observed = this.okTimes.filter((t) => t >= now - OK_WINDOW_MS).length;
      // What the host served in the last second is the best estimate of its
      // limit; stay just under it. With nothing served, halve.
      const cut = observed >= 1 ? Math.min(this.rate, observed) * 0.95 : this.rate * 0.5;
      this.rate = Math.max(MIN_RATE, cut);
      this.burst = Math.max(1, Math.min(this.burst, Math.floor(this.rate)));
    }
    // Resume at the steady rate with no burst: the server's bucket is empty.
    const interval = 1000 / this.rate;
    this.tat = Math.max(this.tat, this.pausedUntil + (this.burst - 1) * interval);
  }

  snapshot(): PacerSnapshot {
    return {
      rate: this.rate,
      burst: this.burst,
      pausedUntil: this.pausedUntil,
      inFlight: this.slots.inUse,
      waiting: this.slots.waiting,
    };
  }
}
