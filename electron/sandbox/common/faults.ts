// Fault injection for the API routes (never /_sandbox or the web pages).
// Settings merge on PUT and 0 turns a fault off. The dice come from a seeded
// PRNG, so a test that fixes `seed` sees the same faults in the same order.
import { z } from 'zod';
import { mulberry32 } from '../portfolio/prng';
import { TokenBucket } from './token-bucket';

const rate = z.number().min(0).max(1);
const nonNegative = z.number().min(0).max(600_000);

export const faultSettingsSchema = z
  .object({
    latencyMs: nonNegative,
    jitterMs: nonNegative,
    rateLimitPerSec: z.number().min(0).max(1_000_000),
    errorRate: rate,
    timeoutRate: rate,
    malformedRate: rate,
    /** The connection is dropped before any answer (ECONNRESET at the client). */
    resetRate: rate,
    /** A 2xx JSON answer replaced by valid JSON of the wrong shape (null, {}, "ok", …). */
    wrongBodyRate: rate,
    /** Each record of a 2xx JSON answer spoiled at this rate: a field gone or mistyped, or not an object. */
    corruptRecordRate: rate,
    /** A 429 storm: every API request answers 429 for this long from now. */
    stormMs: nonNegative,
    /** The Retry-After (seconds) a storm's 429s carry. */
    retryAfterSec: z.number().int().min(0).max(3600),
    /** Condo Control: every Nth API request finds every token expired (0: never). */
    expireTokensEvery: z.number().int().min(0).max(1_000_000),
    /** Reseeds the dice (not one of SYSTEMS.md's fields; optional). */
    seed: z.number().int(),
  })
  .partial()
  .strict();

export type FaultSettingsInput = z.infer<typeof faultSettingsSchema>;

export interface FaultSettings {
  latencyMs: number;
  jitterMs: number;
  rateLimitPerSec: number;
  errorRate: number;
  timeoutRate: number;
  malformedRate: number;
  resetRate: number;
  wrongBodyRate: number;
  corruptRecordRate: number;
  stormMs: number;
  retryAfterSec: number;
  expireTokensEvery: number;
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  jitterMs: 0,
  rateLimitPerSec: 0,
  errorRate: 0,
  timeoutRate: 0,
  malformedRate: 0,
  resetRate: 0,
  wrongBodyRate: 0,
  corruptRecordRate: 0,
  stormMs: 0,
  retryAfterSec: 0,
  expireTokensEvery: 0,
};

export type FaultDecision =
  | { kind: 'rate-limited'; retryAfterSec: number }
  | { kind: 'error'; status: 500 | 503; delayMs: number }
  | { kind: 'timeout'; delayMs: number }
  | { kind: 'reset'; delayMs: number }
  | { kind: 'malformed'; delayMs: number }
  | { kind: 'wrong-body'; delayMs: number }
  | { kind: 'none'; delayMs: number; corruptRecordRate: number };

export class Faults {
  private settings: FaultSettings = { ...NO_FAULTS };
  private random: () => number;
  private bucket: TokenBucket | null = null;
  private stormUntil = 0;
  private requestsSeen = 0;

  constructor(private readonly initialSeed: number = Date.now()) {
    this.random = mulberry32(initialSeed);
  }

  get(): FaultSettings {
    return { ...this.settings };
  }

  update(input: FaultSettingsInput): FaultSettings {
    const { seed, ...rest } = input;
    const rateChanged = rest.rateLimitPerSec !== undefined && rest.rateLimitPerSec !== this.settings.rateLimitPerSec;
    this.settings = { ...this.settings, ...rest };
    if (seed !== undefined) this.random = mulberry32(seed);
    if (rest.expireTokensEvery !== undefined) this.requestsSeen = 0;
    if (rest.stormMs !== undefined) this.stormUntil = rest.stormMs > 0 ? Date.now() + rest.stormMs : 0;
    if (rateChanged) this.bucket = this.settings.rateLimitPerSec > 0 ? new TokenBucket(this.settings.rateLimitPerSec) : null;
    return this.get();
  }

  reset(): void {
    this.settings = { ...NO_FAULTS };
    this.bucket = null;
    this.stormUntil = 0;
    this.requestsSeen = 0;
    this.random = mulberry32(this.initialSeed);
  }

  /** The dice, for faults decided while answering (spoiled records). */
  dice(): number {
    return this.random();
  }

  /** Counts one API request; true when this one should find every token expired. */
  tokensExpireNow(): boolean {
    this.requestsSeen++;
    const every = this.settings.expireTokensEvery;
    return every > 0 && this.requestsSeen % every === 0;
  }

  /** Decide the fate of one API request. */
  decide(): FaultDecision {
    const s = this.settings;
    if (this.stormUntil > Date.now()) return { kind: 'rate-limited', retryAfterSec: s.retryAfterSec };
    if (this.bucket) {
      const taken = this.bucket.take();
      if (!taken.ok) return { kind: 'rate-limited', retryAfterSec: taken.retryAfterSec };
    }
    const delayMs = s.latencyMs + (s.jitterMs > 0 ? this.random() * s.jitterMs : 0);
    if (s.errorRate > 0 && this.random() < s.errorRate) {
      return { kind: 'error', status: this.random() < 0.5 ? 500 : 503, delayMs };
    }
    if (s.timeoutRate > 0 && this.random() < s.timeoutRate) return { kind: 'timeout', delayMs };
    if (s.resetRate > 0 && this.random() < s.resetRate) return { kind: 'reset', delayMs };
    if (s.malformedRate > 0 && this.random() < s.malformedRate) return { kind: 'malformed', delayMs };
    if (s.wrongBodyRate > 0 && this.random() < s.wrongBodyRate) return { kind: 'wrong-body', delayMs };
    return { kind: 'none', delayMs, corruptRecordRate: s.corruptRecordRate };
  }
}
