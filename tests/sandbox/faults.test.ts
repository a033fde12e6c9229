import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CM_HEADERS, CORP, cmSandbox, ccSandbox } from './helpers';

let sb: Awaited<ReturnType<typeof cmSandbox>>;
beforeAll(async () => {
  sb = await cmSandbox({ timeoutHoldMs: 3000 });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await sb.raw('/_sandbox/faults', { method: 'PUT', json: { latencyMs: 0, jitterMs: 0, rateLimitPerSec: 0, errorRate: 0, timeoutRate: 0, malformedRate: 0, resetRate: 0, wrongBodyRate: 0, corruptRecordRate: 0, stormMs: 0, retryAfterSec: 0, expireTokensEvery: 0, seed: 42 } });
  await sb.raw('/_sandbox/stats/reset', { method: 'POST' });
});

const OWNERS = `/v1/corporations/${CORP}/owners`;
const faults = (body: Record<string, number>) => sb.raw('/_sandbox/faults', { method: 'PUT', json: body });
const stats = async () => (await sb.raw('/_sandbox/stats')).body;

describe('sandbox faults', () => {
  it('are all off by default, merge on PUT, and 0 turns one off', async () => {
    const fresh = await cmSandbox();
    try {
      expect((await fresh.raw('/_sandbox/faults')).body).toEqual({
        latencyMs: 0, jitterMs: 0, rateLimitPerSec: 0, errorRate: 0, timeoutRate: 0, malformedRate: 0,
        resetRate: 0, wrongBodyRate: 0, corruptRecordRate: 0, stormMs: 0, retryAfterSec: 0, expireTokensEvery: 0,
      });
      await fresh.raw('/_sandbox/faults', { method: 'PUT', json: { latencyMs: 5 } });
      const merged = await fresh.raw('/_sandbox/faults', { method: 'PUT', json: { errorRate: 0.5 } });
      expect(merged.body).toMatchObject({ latencyMs: 5, errorRate: 0.5 });
      expect((await fresh.raw('/_sandbox/faults', { method: 'PUT', json: { latencyMs: 0 } })).body).toMatchObject({ latencyMs: 0, errorRate: 0.5 });
      expect((await fresh.raw('/_sandbox/faults', { method: 'PUT', json: { errorRate: 2 } })).status).toBe(422);
      expect((await fresh.raw('/_sandbox/faults', { method: 'PUT', json: { bogus: 1 } })).status).toBe(422);
    } finally {
      await fresh.close();
    }
  });

  it('latency and jitter delay API answers, never /_sandbox', async () => {
    await faults({ latencyMs: 300, jitterMs: 100 });
    let t = Date.now();
    expect((await sb.cm(OWNERS)).status).toBe(200);
    const took = Date.now() - t;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2000);
    t = Date.now();
    await sb.raw('/_sandbox/stats');
    expect(Date.now() - t).toBeLessThan(250);
  });

  it('rate limit: bursts up to the limit, then 429 with Retry-After, counted in stats', async () => {
    await faults({ rateLimitPerSec: 5 });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 12 }, () => sb.cm(OWNERS)));
    const elapsedSec = (Date.now() - started) / 1000;
    const limited = results.filter((r) => r.status === 429);
    // A burst of 5, plus what refilled while the requests were arriving (a slow machine spreads them).
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(5 + Math.ceil(elapsedSec * 5));
    expect(limited.length).toBeGreaterThan(0);
    const retryAfter = Number(limited[0]!.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.body.errorCode).toBe('rate_limited');
    const s = await stats();
    expect(s.statuses['429']).toBe(limited.length);
    expect(s.requests[`GET /v1/corporations/{corp}/owners`]).toBe(12);
    // /_sandbox is never limited or counted.
    for (let i = 0; i < 10; i++) expect((await sb.raw('/_sandbox/faults')).status).toBe(200);
    expect(Object.keys((await stats()).requests).some((k) => k.includes('_sandbox'))).toBe(false);
    // After waiting, requests pass again.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await sb.cm(OWNERS)).status).toBe(200);
  });

  it('errorRate answers 500 or 503 with the error body', async () => {
    await faults({ errorRate: 1 });
    const results = await Promise.all(Array.from({ length: 10 }, () => sb.cm(OWNERS)));
    for (const r of results) {
      expect([500, 503]).toContain(r.status);
      expect(r.body).toMatchObject({ errorCode: expect.any(String), userMessage: expect.any(String), errors: [] });
    }
    await faults({ errorRate: 0.5 });
    const mixed = await Promise.all(Array.from({ length: 40 }, () => sb.cm(OWNERS)));
    const ok = mixed.filter((r) => r.status === 200).length;
    expect(ok).toBeGreaterThan(5);
    expect(ok).toBeLessThan(35);
  });

  it('timeoutRate holds the request without answering', async () => {
    await faults({ timeoutRate: 1 });
    const started = Date.now();
    await expect(sb.cm(OWNERS, { signal: AbortSignal.timeout(400) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    // Held past timeoutHoldMs, the connection is dropped, still without an answer.
    await expect(sb.cm(OWNERS)).rejects.toThrow();
    await faults({ timeoutRate: 0 });
    expect((await sb.cm(OWNERS)).status).toBe(200);
    expect((await stats()).faults.timeout).toBe(2);
  });

  it('malformedRate answers 200 with a body that is not valid JSON', async () => {
    await faults({ malformedRate: 1 });
    const res = await sb.cm(OWNERS);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(res.text)).toThrow();
    expect(res.text.length).toBeGreaterThan(0);
  });

  it('resetRate drops the connection with no answer at all', async () => {
    await faults({ resetRate: 1 });
    await expect(fetch(`${sb.url}${OWNERS}`, { headers: CM_HEADERS })).rejects.toThrow();
    await faults({ resetRate: 0 });
    expect((await sb.cm(OWNERS)).status).toBe(200);
    expect((await stats()).faults.reset).toBe(1);
  });

  it('wrongBodyRate answers 2xx with valid JSON of the wrong shape; corruptRecordRate spoils records one by one', async () => {
    await faults({ wrongBodyRate: 1, seed: 3 });
    for (let i = 0; i < 5; i++) {
      const res = await sb.cm(OWNERS);
      expect(res.status).toBe(200);
      expect(() => JSON.parse(res.text)).not.toThrow();
      expect(Array.isArray(res.body) && res.body.length > 0 && typeof res.body[0] === 'object' && res.body[0]?.id).toBeFalsy();
    }
    await faults({ wrongBodyRate: 0 });
    const clean = (await sb.cm(`${OWNERS}?limit=40`)).body as Record<string, unknown>[];
    await faults({ corruptRecordRate: 0.5, seed: 3 });
    const spoiled = (await sb.cm(`${OWNERS}?limit=40`)).body as unknown[];
    expect(spoiled).toHaveLength(clean.length);
    const changed = spoiled.filter((row, i) => JSON.stringify(row) !== JSON.stringify(clean[i])).length;
    expect(changed).toBeGreaterThan(clean.length * 0.2);
    expect(changed).toBeLessThan(clean.length * 0.8);
    expect((await stats()).faults.corruptRecord).toBe(changed);
  });

  it('a 429 storm answers every API request 429 with the given Retry-After, then stops by itself', async () => {
    await faults({ stormMs: 300, retryAfterSec: 7 });
    const during = await sb.cm(OWNERS);
    expect(during.status).toBe(429);
    expect(during.headers.get('retry-after')).toBe('7');
    await new Promise((r) => setTimeout(r, 350));
    expect((await sb.cm(OWNERS)).status).toBe(200);
  });

  it('a fixed fault seed repeats the same sequence', async () => {
    const run = async () => {
      await faults({ errorRate: 0.5, seed: 7 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await sb.cm(OWNERS)).status);
      return out;
    };
    expect(await run()).toEqual(await run());
  });

  it('Condo Control has the same faults and stats', async () => {
    const cc = await ccSandbox();
    try {
      await cc.raw('/_sandbox/faults', { method: 'PUT', json: { rateLimitPerSec: 2 } });
      const results = await Promise.all(Array.from({ length: 8 }, () => cc.cc('/api/v1/workspaces/ws_1/groups')));
      const limited = results.filter((r) => r.status === 429).length;
      expect(limited).toBeGreaterThan(0);
      const s = (await cc.raw('/_sandbox/stats')).body;
      expect(s.requests['GET /api/v1/workspaces/{ws}/groups']).toBe(8);
      expect(s.statuses['429']).toBe(limited);
      // Every third request finds its token expired: a 401 the client answers by logging in again.
      await cc.raw('/_sandbox/faults', { method: 'PUT', json: { rateLimitPerSec: 0, expireTokensEvery: 3 } });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await cc.cc('/api/v1/workspaces/ws_1/groups')).status);
      expect(statuses).toEqual([200, 200, 401]);
    } finally {
      await cc.close();
    }
  });
});
