/**
 * Failed token attempts per remote address: after `maxFailures` within
 * `windowMs`, that address is refused (even with the right token) until
 * `lockMs` has passed, so guessing a 32-character token online is hopeless.
 * Memory is bounded: at most `maxAddresses` are tracked, oldest dropped.
 */
export interface AuthLimiterOptions {
  maxFailures?: number;
  windowMs?: number;
  lockMs?: number;
  maxAddresses?: number;
  now?: () => number;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export class AuthLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly lockMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(opts: AuthLimiterOptions = {}) {
    this.maxFailures = opts.maxFailures ?? 10;
    this.windowMs = opts.windowMs ?? 60_000;
    this.lockMs = opts.lockMs ?? 5 * 60_000;
    this.maxAddresses = opts.maxAddresses ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  /** Seconds until `address` may try again, or 0 when it may try now. */
  retryAfterSec(address: string): number {
    const e = this.entries.get(address);
    const left = e ? e.lockedUntil - this.now() : 0;
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** Records a failed attempt; returns the failures counted in the window and whether the address is now locked. */
  fail(address: string): { failures: number; locked: boolean } {
    const now = this.now();
    let e = this.entries.get(address);
    if (!e) {
      if (this.entries.size >= this.maxAddresses) this.entries.delete(this.entries.keys().next().value as string);
      e = { failures: [], lockedUntil: 0 };
      this.entries.set(address, e);
    }
    e.failures = e.failures.filter((t) => now - t < this.windowMs);
    e.failures.push(now);
    const locked = e.failures.length >= this.maxFailures;
    if (locked) {
      e.lockedUntil = now + this.lockMs;
      e.failures = [];
    }
    return { failures: locked ? this.maxFailures : e.failures.length, locked };
  }

  /** A good token clears the address's failures (not an active lock). */
  succeed(address: string): void {
    const e = this.entries.get(address);
    if (e && e.lockedUntil <= this.now()) this.entries.delete(address);
  }
}
