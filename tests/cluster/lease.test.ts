import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseKeeper } from '../../electron/core/cluster/lease';
import { sharedDatabase, until } from './helpers';

describe('one commerce watcher per building across engines (leases)', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  const keepers: LeaseKeeper[] = [];
  const holding = [new Set<string>(), new Set<string>(), new Set<string>()];

  beforeAll(async () => {
    db = await sharedDatabase(3, 4);
    db.pools.forEach((pool, i) =>
      keepers.push(new LeaseKeeper({ pool, owner: `engine-${i}`, ttlMs: 1200, onAcquired: (n) => holding[i]!.add(n), onLost: (n) => holding[i]!.delete(n) })),
    );
  });
  afterAll(async () => {
    await Promise.all(keepers.map((k) => k.stop()));
    await db.cleanup();
  });

  const buildings = Array.from({ length: 20 }, (_, i) => `commerce-watcher:corp-${i}`);

  it('three engines wanting the same 20 buildings at once: each building has exactly one watcher', async () => {
    const got = await Promise.all(keepers.flatMap((k) => buildings.map(async (b) => [b, await k.want(b)] as const)));
    for (const b of buildings) expect(got.filter(([n, ok]) => n === b && ok)).toHaveLength(1);
    // Renewals keep it that way.
    await new Promise((r) => setTimeout(r, 1500));
    for (const b of buildings) expect(holding.filter((h) => h.has(b))).toHaveLength(1);
  });

  it('a released building is taken by another engine that wants it, within one renewal period', async () => {
    const b = buildings[0]!;
    const owner = holding.findIndex((h) => h.has(b));
    await keepers[owner]!.release(b);
    expect(holding[owner]!.has(b)).toBe(false);
    const next = await until(() => {
      const i = holding.findIndex((h) => h.has(b));
      return i >= 0 ? i : undefined;
    }, 3000, 'another engine to take the lease');
    expect(next).not.toBe(owner);
    expect(holding.filter((h) => h.has(b))).toHaveLength(1);
  });
});
