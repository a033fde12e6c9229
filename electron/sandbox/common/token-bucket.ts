// Rate limit as a token bucket: it refills at `ratePerSec` and holds at most
// `ratePerSec` tokens, so a burst never exceeds the per-second limit
// (SYSTEMS.md: "A rate limit allows bursts of at most rateLimitPerSec").

export type Take = { ok: true } | { ok: false; retryAfterSec: number };

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;

  constructor(
    private readonly ratePerSec: number,
    now = performance.now(),
  ) {
    this.capacity = Math.max(1, ratePerSec);
    this.tokens = this.capacity;
    this.last = now;
  }

  take(now = performance.now()): Take {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.ratePerSec);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    // Whole seconds, as Retry-After requires; at least 1 so clients do back off.
    return { ok: false, retryAfterSec: Math.max(1, Math.ceil((1 - this.tokens) / this.ratePerSec)) };
  }
}
