import { describe, expect, it } from 'vitest';
import { AbortedError, HostPacer } from '../../electron/core/systems';

/** A virtual clock: sleeping advances time at once, so pacing is exact and instant. */
function virtualTime() {
  let t = 1_000_000;
  return {
    now: () => t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw new AbortedError();
      t += Math.max(0, ms);
      await Promise.resolve();
    },
    advance: (ms: number) => (t += ms),
  };
}

async function take(pacer: HostPacer, n: number, clock: ReturnType<typeof virtualTime>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const release = await pacer.acquire();
    times.push(clock.now());
    release();
  }
  return times;
}

describe('HostPacer (virtual time)', () => {
  it('lets a burst through, then exactly one request per interval', async () => {
    const clock = virtualTime();
    const pacer = new HostPacer({ requestsPerSecond: 10, burst: 3, ...clock });
    const times = await take(pacer, 7, clock);
    const start = times[0]!;
    expect(times.map((t) => t - start)).toEqual([0, 0, 0, 100, 200, 300, 400]);
  });

  it('holds every request until a 429 pause ends, then resumes without a burst', async () => {
    const clock = virtualTime();
    const pacer = new HostPacer({ requestsPerSecond: 10, burst: 5, adaptive: false, ...clock });
    const start = clock.now();
    pacer.pause(1500, start);
    const times = await take(pacer, 3, clock);
    expect(times.map((t) => t - start)).toEqual([1500, 1600, 1700]);
  });

  it('cuts its rate to what the host served when a 429 arrives, once per wave, and probes back up slowly', async () => {
    const clock = virtualTime();
    const pacer = new HostPacer({ requestsPerSecond: 100, burst: 100, ...clock });
    for (let i = 0; i < 20; i++) {
      clock.advance(10);
      pacer.noteSuccess();
    }
    const sentAt = clock.now() - 5;
    pacer.pause(1000, sentAt);
    expect(pacer.snapshot().rate).toBeCloseTo(19, 5);
    expect(pacer.snapshot().burst).toBe(19);
    // The rest of the wave that was in flight does not cut again.
    pacer.pause(1000, sentAt);
    expect(pacer.snapshot().rate).toBeCloseTo(19, 5);
    // Held for 10 s, then up 5 % at most every 2 s.
    clock.advance(9000);
    pacer.noteSuccess();
    expect(pacer.snapshot().rate).toBeCloseTo(19, 5);
    clock.advance(1500);
    pacer.noteSuccess();
    pacer.noteSuccess();
    expect(pacer.snapshot().rate).toBeCloseTo(19.95, 5);
  });

  it('halves when nothing got through before the 429', () => {
    const clock = virtualTime();
    const pacer = new HostPacer({ requestsPerSecond: 40, ...clock });
    pacer.pause(1000, clock.now());
    expect(pacer.snapshot().rate).toBe(20);
  });

  it('aborts a waiter without consuming its slot', async () => {
    const clock = virtualTime();
    const pacer = new HostPacer({ requestsPerSecond: 10, concurrency: 1, ...clock });
    const release = await pacer.acquire();
    const ctrl = new AbortController();
    const waiting = pacer.acquire(ctrl.signal);
    ctrl.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    release();
    expect(pacer.snapshot()).toMatchObject({ inFlight: 0, waiting: 0 });
  });
});
