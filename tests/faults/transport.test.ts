// Fault matrix, transport faults: 429 storms with a long Retry-After, 5xx
// bursts, timeouts and connection resets, on both systems at once. Each case
// ends with Condo Control equal to Condo Manager after the next clean run,
// nothing twice, nothing lost (matrix.ts), and its row in the printed table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../helpers/world';
import { stats } from '../sync/helpers';
import { matrixWorld, runCase, type CaseResult } from './case';
import { record } from './matrix';

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
  expect(r.clean.map((j) => [j.kind, j.status])).toEqual([['residents', 'succeeded'], ['commerce-reconcile', 'succeeded']]);
  expect(r.problems).toEqual([]);
  expect(r.duplicates).toBe(0);
  expect(r.lost).toBe(0);
}

describe('fault matrix: transport', () => {
  it('a 429 storm with Retry-After 3 s on both systems: the run waits it out instead of hammering', async ({ task }) => {
    const started = Date.now();
    const r = await runCase(world, { cm: { stormMs: 2_500, retryAfterSec: 3 }, cc: { stormMs: 5_000, retryAfterSec: 3 } });
    const cc = await stats(world, 'cc');
    record(task, { case: '429 storm, Retry-After 3 s', runs: r.runs, converged: r.converged, duplicates: r.duplicates, lost: r.lost });
    expectHealthy(r);
    // Each request in flight meets the storm once or twice, then the whole host waits: no retry loop.
    expect(cc.statuses['429'] ?? 0).toBeGreaterThan(0);
    expect(cc.statuses['429'] ?? 0).toBeLessThan(60);
    expect(Date.now() - started).toBeGreaterThan(5_000);
  });

  it('5xx bursts (errorRate 0.3 on both)', async ({ task }) => {
    const r = await runCase(world, { cm: { errorRate: 0.3, seed: 11 }, cc: { errorRate: 0.3, seed: 12 } });
    record(task, { case: '5xx burst, 30 %', runs: r.runs, converged: r.converged, duplicates: r.duplicates, lost: r.lost });
    expectHealthy(r);
  });

  it('timeouts (timeoutRate 0.04, 1 s per attempt)', async ({ task }) => {
    const r = await runCase(world, { cm: { timeoutRate: 0.04, seed: 3 }, cc: { timeoutRate: 0.04, seed: 4 } });
    record(task, { case: 'timeouts, 4 %', runs: r.runs, converged: r.converged, duplicates: r.duplicates, lost: r.lost });
    expect((await stats(world, 'cc')).faults.timeout ?? 0).toBeGreaterThan(0);
    expectHealthy(r);
  });

  it('connection resets (resetRate 0.1 on both)', async ({ task }) => {
    const r = await runCase(world, { cm: { resetRate: 0.1, seed: 5 }, cc: { resetRate: 0.1, seed: 6 } });
    record(task, { case: 'connection resets, 10 %', runs: r.runs, converged: r.converged, duplicates: r.duplicates, lost: r.lost });
    expect((await stats(world, 'cc')).faults.reset ?? 0).toBeGreaterThan(0);
    expectHealthy(r);
  });
});
