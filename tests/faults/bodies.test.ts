// Fault matrix, bad answers: JSON cut short, valid JSON of the wrong shape
// for a whole body, and single records with a field missing or mistyped, on
// both systems (the change feed included); and Condo Control's token expiring
// again and again mid-run. Same verdict as every case (matrix.ts).
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
  for (const j of r.faulty) {
    expect(['succeeded', 'partial', 'failed'], `${j.kind}: ${JSON.stringify(j.error)}`).toContain(j.status);
    // A typed, readable reason; never the catch-all for an unexpected crash.
    if (j.error) expect(j.error.code, j.error.message).not.toBe('internal');
  }
  expectConverged(r);
}

describe('fault matrix: bad answers', () => {
  it('JSON cut short (malformedRate 0.15 on both)', async ({ task }) => {
    const r = await runCase(world, { cm: { malformedRate: 0.15, seed: 21 }, cc: { malformedRate: 0.15, seed: 22 } });
    recordCase(task, 'truncated JSON, 15 %', r);
    expect((await stats(world, 'cc')).faults.malformed ?? 0).toBeGreaterThan(0);
    expectHealthy(r);
  });

  it('whole bodies of the wrong shape: null, {}, "ok", 42, a list of numbers (wrongBodyRate 0.1 on both)', async ({ task }) => {
    const r = await runCase(world, { cm: { wrongBodyRate: 0.1, seed: 31 }, cc: { wrongBodyRate: 0.1, seed: 32 } });
    recordCase(task, 'wrong-shape bodies, 10 %', r);
    expect((await stats(world, 'cm')).faults.wrongBody ?? 0).toBeGreaterThan(0);
    expectHealthy(r);
  });

  it('single records with a field missing or of the wrong type (corruptRecordRate 0.03 on both)', async ({ task }) => {
    const r = await runCase(world, { cm: { corruptRecordRate: 0.03, seed: 41 }, cc: { corruptRecordRate: 0.03, seed: 42 } });
    recordCase(task, 'spoiled records, 3 %', r);
    expect((await stats(world, 'cm')).faults.corruptRecord ?? 0).toBeGreaterThan(0);
    // Spoiled records are per-record failures of a partial run, not a failed one.
    expect(r.faulty.some((j) => j.counts.failed > 0)).toBe(true);
    expectHealthy(r);
  });

  it('the Condo Control token expiring every 40 requests mid-run: logged in again, nothing failed for it', async ({ task }) => {
    const r = await runCase(world, { cc: { expireTokensEvery: 40 } });
    const cc = await stats(world, 'cc');
    recordCase(task, 'token expired mid-run (every 40 requests)', r);
    expect(cc.faults.tokensExpired ?? 0).toBeGreaterThan(5);
    expect(r.faulty.map((j) => [j.kind, j.status, j.counts.failed])).toEqual([['residents', 'succeeded', 0], ['commerce-reconcile', 'succeeded', 0]]);
    expectHealthy(r);
  });
});
