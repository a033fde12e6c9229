import { describe, expect, it } from 'vitest';
import { AbortedError, HostPacer, HttpPolicy, isAbortedError } from '../../electron/core/systems';
import { hang, policyPerTest, rejectionOf, send, sleep } from './scripted-server';

const setup = policyPerTest('Condo Control');
const rejection = (p: Promise<unknown>) => rejectionOf(p);

describe('429 and Retry-After', () => {
  it('pauses the whole host for Retry-After seconds, so concurrent calls wait too', async () => {
    let limitedAt = 0;
    let refused!: () => void;
    const seen429 = new Promise<void>((r) => (refused = r));
    const { policy, server } = await setup(
      (r, res) => {
        if (r.n === 0) {
          limitedAt = r.at;
          return send(res, 429, { userMessage: 'slow down', errorCode: 'rate_limited', errors: [] }, { 'retry-after': '1' });
        }
        send(res, 200, {});
      },
      { onRequest: (_m, _u, status) => status === 429 && refused() },
    );
    const first = policy.request({ method: 'GET', path: '/a' });
    await seen429; // the host is paused from here on
    await Promise.all([first, policy.request({ method: 'GET', path: '/b' }), policy.request({ method: 'GET', path: '/c' })]);
    const after = server.requests.slice(1);
    expect(after).toHaveLength(3);
    for (const r of after) expect(r.at - limitedAt).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After as an HTTP date', async () => {
    let limitedAt = 0;
    const { policy, server } = await setup((r, res) => {
      if (r.n > 0) return send(res, 200, {});
      limitedAt = r.at;
      // HTTP dates have whole seconds: 2 s ahead means a wait of more than 1 s.
      send(res, 429, {}, { 'retry-after': new Date(Date.now() + 2000).toUTCString() });
    });
    await policy.request({ method: 'GET', path: '/a' });
    expect(server.requests[1]!.at - limitedAt).toBeGreaterThanOrEqual(950);
  });

  it('does not spend the normal attempt budget on 429s', async () => {
    const { policy, server } = await setup((r, res) => (r.n < 3 ? send(res, 429, {}, { 'retry-after': '0' }) : send(res, 200, {})), { maxAttempts: 1 });
    await policy.request({ method: 'GET', path: '/a' });
    expect(server.requests).toHaveLength(4);
  });

  it('raises rate_limited for a POST without a key, after pausing the host', async () => {
    const { policy, server } = await setup((_r, res) => send(res, 429, {}, { 'retry-after': '1' }));
    const err = (await rejection(policy.request({ method: 'POST', path: '/users' }))) as { code?: string };
    expect(err.code).toBe('rate_limited');
    expect(server.requests).toHaveLength(1);
    expect(policy.pacer.snapshot().pausedUntil).toBeGreaterThan(Date.now() + 500);
  });

  it('under a server limit of 20/s, 60 concurrent GETs all succeed with few 429s after the first pause', async () => {
    // A server-side token bucket like the sandbox's: 20/s, bursts of 20.
    let tokens = 20;
    let last = performance.now();
    const seen: { status: number; sentAt: number; at: number }[] = [];
    const { policy } = await setup(
      (_r, res) => {
        const now = performance.now();
        tokens = Math.min(20, tokens + ((now - last) / 1000) * 20);
        last = now;
        if (tokens >= 1) {
          tokens -= 1;
          return send(res, 200, {});
        }
        send(res, 429, {}, { 'retry-after': String(Math.max(1, Math.ceil((1 - tokens) / 20))) });
      },
      {
        rate: { requestsPerSecond: 200, burst: 200, concurrency: 8 },
        onRequest: (_m, _u, status, info) => seen.push({ status, sentAt: info.sentAt, at: Date.now() }),
      },
    );
    await Promise.all(Array.from({ length: 60 }, (_, i) => policy.request({ method: 'GET', path: `/r/${i}` })));
    expect(seen.filter((s) => s.status === 200)).toHaveLength(60);
    // Requests already in flight when the first 429 came back (≤ 8) may all be
    // refused; those sent after it go at the rate the host actually served.
    const firstRefusal = seen.find((s) => s.status === 429)!.at;
    const later = seen.filter((s) => s.status === 429 && s.sentAt > firstRefusal);
    expect(later.length).toBeLessThanOrEqual(2);
  });
});

describe('pacer', () => {
  it('keeps N requests at R/s with burst B to at least (N−B)/R seconds, and never exceeds B + R·t in any window', async () => {
    const N = 30;
    const R = 50;
    const B = 5;
    const sent: number[] = [];
    const { policy, server } = await setup((_r, res) => send(res, 200, {}), {
      rate: { requestsPerSecond: R, burst: B, concurrency: 16 },
      onRequest: (_m, _u, _s, info) => sent.push(info.sentAt),
    });
    await Promise.all(Array.from({ length: N }, () => policy.request({ method: 'GET', path: '/x' })));
    expect(server.requests).toHaveLength(N);
    // Asserted on the times requests left the pacer: arrival times at the
    // server add loopback and scheduler jitter that says nothing about pacing.
    const times = sent.sort((a, b) => a - b);
    expect(times[N - 1]! - times[0]!).toBeGreaterThanOrEqual(((N - B) / R) * 1000 - 2);
    for (let i = 0; i < N; i++) {
      for (let j = i; j < N; j++) {
        expect(j - i + 1).toBeLessThanOrEqual(B + Math.floor(((times[j]! - times[i]! + 1) * R) / 1000) + 1);
      }
    }
  });

  it('bounds concurrency per host', async () => {
    const { policy, server } = await setup(
      async (_r, res) => {
        await sleep(30);
        send(res, 200, {});
      },
      { rate: { requestsPerSecond: 1000, burst: 1000, concurrency: 3 } },
    );
    await Promise.all(Array.from({ length: 12 }, () => policy.request({ method: 'GET', path: '/x' })));
    expect(server.maxConcurrent).toBeLessThanOrEqual(3);
    expect(server.requests).toHaveLength(12);
  });

  it('lets long polls wait on the server without holding a concurrency slot', async () => {
    const { policy } = await setup(
      async (r, res) => {
        if (r.path === '/changes') await sleep(600);
        send(res, 200, { path: r.path });
      },
      { rate: { requestsPerSecond: 1000, burst: 100, concurrency: 1 } },
    );
    const order: string[] = [];
    const polls = [1, 2, 3].map(() => policy.request({ method: 'GET', path: '/changes', longPoll: true }).then(() => order.push('poll')));
    await sleep(50);
    await policy.request({ method: 'GET', path: '/units' }).then(() => order.push('units'));
    await Promise.all(polls);
    expect(order[0]).toBe('units');
  });

  it('is shared by clients given the same pacer', async () => {
    const { server } = await setup((_r, res) => send(res, 200, {}));
    const pacer = new HostPacer({ requestsPerSecond: 50, burst: 1 });
    const a = new HttpPolicy({ system: 'Condo Manager', baseUrl: server.url, pacer });
    const b = new HttpPolicy({ system: 'Condo Control', baseUrl: server.url, pacer });
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).request({ method: 'GET', path: '/x' })));
    const times = server.requests.map((r) => r.at).sort((x, y) => x - y);
    expect(times[9]! - times[0]!).toBeGreaterThanOrEqual((9 / 50) * 1000 - 15);
    a.close();
    b.close();
  });
});

describe('abort', () => {
  it('stops a backoff sleep at once with AbortedError', async () => {
    const { policy, server } = await setup((_r, res) => send(res, 503, {}), { backoffBaseMs: 10_000, backoffCapMs: 10_000, random: () => 1 });
    const ctrl = new AbortController();
    const started = performance.now();
    const p = policy.request({ method: 'GET', path: '/x', signal: ctrl.signal });
    await sleep(150);
    ctrl.abort();
    const err = await rejection(p);
    expect(err).toBeInstanceOf(AbortedError);
    expect(isAbortedError(err)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing when the signal fires while a shared turn is being taken (a fenced engine must not write)', async () => {
    const { server } = await setup((_r, res) => send(res, 200, {}));
    const ctrl = new AbortController();
    let granted!: () => void;
    // The shared limit answers only after the abort, as a database that comes back would.
    const shared = { take: () => new Promise<void>((r) => (granted = r)) };
    const policy = new HttpPolicy({ system: 'Condo Control', baseUrl: server.url, pacer: new HostPacer({ requestsPerSecond: 1000, burst: 10, shared }) });
    const p = policy.request({ method: 'PUT', path: '/units/1', body: {}, signal: ctrl.signal });
    await sleep(30);
    ctrl.abort();
    granted();
    expect(await rejection(p)).toBeInstanceOf(AbortedError);
    await sleep(50);
    expect(server.requests).toHaveLength(0);
    policy.close();
  });

  it('stops a request in flight, as an abort and not a timeout', async () => {
    const { policy } = await setup(hang, { timeoutMs: 5000 });
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 100);
    const err = await rejection(policy.request({ method: 'GET', path: '/x', signal: ctrl.signal }));
    expect(err).toBeInstanceOf(AbortedError);
  });

  it('stops waiting in the pacer, for a token and for a slot', async () => {
    const { policy, server } = await setup(
      async (_r, res) => {
        await sleep(300);
        send(res, 200, {});
      },
      { rate: { requestsPerSecond: 0.5, burst: 1, concurrency: 1 } },
    );
    const first = policy.request({ method: 'GET', path: '/first' });
    const ctrl = new AbortController();
    const queued = [policy.request({ method: 'GET', path: '/2', signal: ctrl.signal }), policy.request({ method: 'GET', path: '/3', signal: ctrl.signal })];
    await sleep(50);
    ctrl.abort();
    for (const p of queued) expect(await rejection(p)).toBeInstanceOf(AbortedError);
    await first;
    expect(server.requests.map((r) => r.path)).toEqual(['/first']);
    // The aborted waiters gave their slot back.
    expect(policy.pacer.snapshot().inFlight).toBe(0);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { policy, server } = await setup((_r, res) => send(res, 200, {}));
    const err = await rejection(policy.request({ method: 'GET', path: '/x', signal: AbortSignal.abort() }));
    expect(err).toBeInstanceOf(AbortedError);
    expect(server.requests).toHaveLength(0);
  });
});
