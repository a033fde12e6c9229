// Fault matrix, transport faults: 429 storms with a long Retry-After, 5xx
// bursts, timeouts and connection resets, on both systems at once. Each case
// ends with Condo Control equal to Condo Manager after the next clean run,
// nothing twice, nothing lost (matrix.ts), and its row in the printed table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../helpers/world';
import { stats } from '../sync/helpers';
import { expectConverged, matrixWorld, recordCase, runCase, type CaseResult } from './case';

let world: World;
beforeAll(async () => {
  world = await matrixWorld();
});
afterAll(() => world?.close());

function expectHealthy(r: CaseResult) {
  // Under the fault a job may fail or end partial, but always with a typed reason, never stuck or crashed.
  for (const j of r.faulty) {
    expect(['succeeded', 'partial', 'failed'], `${j.kind}: ${JSON.stringify(j.error)}`).toContain(j.status);
    if (j.status === 'failed') expect(j.error?.message, j.kind).toMatch(/Condo (Manager|Control)|Nothing was lost/);
  }
  expectConverged(r);
}

describe('fault matrix: transport', () => {
  it('a 429 storm with Retry-After 3 s on both systems: the run waits it out instead of hammering', async ({ task }) => {
    const started = Date.now();
    const r = await runCase(world, { cm: { stormMs: 2_500, retryAfterSec: 3 }, cc: { stormMs: 5_000, retryAfterSec: 3 } });
    const cc = await stats(world, 'cc');
    recordCase(task, '429 storm, Retry-After 3 s', r);
    expectHealthy(r);
    // Each request in flight meets the storm once or twice, then the whole host waits: no retry loop.
    expect(cc.statuses['429'] ?? 0).toBeGreaterThan(0);
    expect(cc.statuses['429'] ?? 0).toBeLessThan(60);
    expect(Date.now() - started).toBeGreaterThan(5_000);
  });

  it('5xx bursts (errorRate 0.3 on both)', async ({ task }) => {
    const r = await runCase(world, { cm: { errorRate: 0.3, seed: 11 }, cc: { errorRate: 0.3, seed: 12 } });
    recordCase(task, '5xx burst, 30 %', r);
    expectHealthy(r);
  });

  it('timeouts (timeoutRate 0.04, 1 s per attempt)', async ({ task }) => {
    const r = await runCase(world, { cm: { timeoutRate: 0.04, seed: 3 }, cc: { timeoutRate: 0.04, seed: 4 } });
    recordCase(task, 'timeouts, 4 %', r);
    expect((await stats(world, 'cc')).faults.timeout ?? 0).toBeGreaterThan(0);
    expectHealthy(r);
  });

  it('connection resets (resetRate 0.1 on both)', async ({ task }) => {
    const r = await runCase(world, { cm: { resetRate: 0.1, seed: 5 }, cc: { resetRate: 0.1, seed: 6 } });
    recordCase(task, 'connection resets, 10 %', r);
    expect((await stats(world, 'cc')).faults.reset ?? 0).toBeGreaterThan(0);
    expectHealthy(r);
  });
});
