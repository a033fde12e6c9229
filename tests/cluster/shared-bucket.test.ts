import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClusterSchema } from '../../electron/core/cluster/cluster-schema';
import { SharedTokenBucket } from '../../electron/core/cluster/shared-bucket';
import { HostPacer } from '../../electron/core/systems/pacer';
import { sharedDatabase } from './helpers';

/** The most slots that fall inside any window of `windowMs` (slots sorted). */
function busiestWindow(slots: number[], windowMs: number): number {
  const s = [...slots].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < s.length; j++) {
    while (s[j]! - s[i]! >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

describe('rate limits for the sum of all engines (shared token bucket)', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  beforeAll(async () => {
    db = await sharedDatabase(2, 12);
    await ensureClusterSchema(db.pools[0]!);
  });
  afterAll(() => db.cleanup());

  it('two engines pulling tokens at once never exceed the rate over any window', async () => {
    const rate = 50;
    const burst = 5;
    const buckets = db.pools.map((pool) => new SharedTokenBucket({ pool, system: 'condo-control', requestsPerSecond: rate, burst }));
    const granted: { engine: number; slot: number; at: number }[] = [];
    const started = Date.now();
    // Each engine: 10 callers at once, 5 requests each → 100 requests in all.
    await Promise.all(
      buckets.flatMap((bucket, engine) =>
        Array.from({ length: 10 }, async () => {
          for (let k = 0; k < 5; k++) {
            const slot = await bucket.take();
            granted.push({ engine, slot, at: Date.now() });
          }
        }),
      ),
    );
    const elapsed = Date.now() - started;
    const slots = granted.map((g) => g.slot);
    expect(granted).toHaveLength(100);
    for (const w of [100, 500, 1000]) expect(busiestWindow(slots, w)).toBeLessThanOrEqual(burst + Math.ceil((rate * w) / 1000));
    // Nobody went before its slot (one machine, one clock; 5 ms for timer rounding).
    for (const g of granted) expect(g.at).toBeGreaterThanOrEqual(g.slot - 5);
    // Both engines got turns, and together they took as long as one rate allows (each alone at 50/s would take half).
    expect(new Set(granted.map((g) => g.engine)).size).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(((100 - burst) / rate) * 1000 - 50);
  });

  it('the pacer of each engine waits for the shared turn as well as its own', async () => {
    const slots: number[] = [];
    const pacers = db.pools.map((pool) => {
      const bucket = new SharedTokenBucket({ pool, system: 'condo-manager', requestsPerSecond: 40 });
      const shared = { take: async (signal?: AbortSignal) => slots.push(await bucket.take(signal)) };
      return new HostPacer({ requestsPerSecond: 40, burst: 1, adaptive: false, shared });
    });
    let done = 0;
    const started = Date.now();
    await Promise.all(
      pacers.flatMap((p) =>
        Array.from({ length: 20 }, async () => {
          const release = await p.acquire();
          done += 1;
          release();
        }),
      ),
    );
    // Every request of both engines took a shared turn; 40 of them at 40/s together take about a
    // second, where each pacer alone would allow its 20 in half that.
    expect(done).toBe(40);
    expect(slots).toHaveLength(40);
    expect(busiestWindow(slots, 500)).toBeLessThanOrEqual(1 + 20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(39 * 25 - 50);
  });

  it('refuses a rate that is not positive with a typed error', () => {
    expect(() => new SharedTokenBucket({ pool: db.pools[0]!, system: 'x', requestsPerSecond: 0 })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => new SharedTokenBucket({ pool: db.pools[0]!, system: 'x', requestsPerSecond: Number.NaN })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
