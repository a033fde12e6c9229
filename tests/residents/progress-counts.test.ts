// Issue 9 items 6 and 7 (issue 10's "Counts do not add up" and "Progress goes
// backwards"), on a multi-building portfolio: progress shown to a person only
// moves forward (reading with no total, then n of N with N fixed), and every
// processed record has exactly one outcome, so the numbers add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobCounts, JobDetail } from '@shared/types';
import { createWorld, type World } from '../helpers/world';
import { allOutcomes, cmFullPeople } from '../sync/helpers';

const processed = (c: JobCounts) => c.created + c.updated + c.unchanged + c.deactivated + c.conflict + c.failed;

/** Every published state of one job, in order. */
async function watch(world: World, start: () => Promise<Job>): Promise<{ job: JobDetail; seen: Job[] }> {
  const seen: Job[] = [];
  const watched: { id?: string } = {};
  const early: Job[] = [];
  const off = world.core.events.subscribe((name, payload) => {
    if (name !== 'job.updated') return;
    const j = payload as Job;
    if (!watched.id) early.push(structuredClone(j));
    else if (j.id === watched.id) seen.push(structuredClone(j));
  });
  const job = await start();
  const id = job.id;
  watched.id = id;
  seen.unshift(...early.filter((j) => j.id === id));
  await world.core.runner.idle();
  off();
  return { job: (await world.core.call('jobs.get', { id, limit: 1 })) as JobDetail, seen };
}

function expectForwardOnly(seen: Job[]) {
  const running = seen.filter((j) => j.status === 'running' || j.status === 'succeeded' || j.status === 'partial');
  expect(running.length).toBeGreaterThan(2);
  let fraction = 0;
  let done = 0;
  let fixed: number | undefined;
  let writing = false;
  for (const j of running) {
    const { total } = j.progress;
    expect(j.progress.done, 'done never goes down').toBeGreaterThanOrEqual(done);
    done = j.progress.done;
    if (total > 0) {
      expect(j.progress.done).toBeLessThanOrEqual(total);
      const f = j.progress.done / total;
      expect(f, `${j.progress.done}/${total} after ${fraction}`).toBeGreaterThanOrEqual(fraction);
      fraction = f;
      // Fixed once known: it changes only to close a finished run at what it processed.
      if (fixed !== undefined && j.status === 'running') expect(total).toBe(fixed);
      fixed ??= total;
    } else {
      expect(fixed, 'an unknown total never follows a known one').toBeUndefined();
    }
    if (j.phase === 'writing') writing = true;
    if (writing && j.status === 'running') expect(j.phase, 'no phase after writing but done').toBe('writing');
  }
  return { fixed };
}

describe('progress and counts on a five-building portfolio', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ size: 'medium' });
  }, 120_000);
  afterAll(() => world?.close());

  it('the first sync: indeterminate while reading, then n of N with N fixed; the end adds up', async () => {
    const { job, seen } = await watch(world, async () => (await world.core.call('sync.start', { kind: 'residents', trigger: 'manual' })) as Job);
    expect(job.status).toBe('succeeded');
    const { fixed } = expectForwardOnly(seen);
    expect(seen.some((j) => j.status === 'running' && j.progress.total === 0 && j.phase === 'reading')).toBe(true);
    expect(fixed).toBe(job.progress.total);
    expect(job.progress.done).toBe(processed(job.counts));
    expect(job.progress.total).toBe(processed(job.counts));
    const outcomes = await allOutcomes(world, job.id);
    expect(outcomes).toHaveLength(processed(job.counts));
    expect(new Set(outcomes.map((o) => `${o.entity}:${o.entityId}`)).size).toBe(outcomes.length);
    // Every current resident of every building is one of them.
    const active = (await cmFullPeople(world)).filter((p) => p.status === 'Active');
    const ids = new Set(outcomes.map((o) => o.entityId));
    for (const p of active) expect(ids.has(p.id), p.id).toBe(true);
  }, 180_000);

  it('an incremental run across buildings: only what changed, standing items not recounted, still forward only', async () => {
    const corps = ((await world.core.call('corporations.list', {})) as { id: string }[]).map((c) => c.id);
    expect(corps.length).toBeGreaterThanOrEqual(5);
    // One change in each of three buildings.
    const changed: string[] = [];
    for (const corp of corps.slice(0, 3)) {
      const res = await fetch(`${world.sandboxes.condoManagerUrl}/v1/corporations/${corp}/owners?limit=5`, { headers: { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' } });
      const owner = ((await res.json()) as { id: string; status: string }[]).find((p) => p.status === 'Active')!;
      await world.desk.updatePerson(corp, 'owner', owner.id, { phones: [{ type: 'mobile', number: '514-555-0123' }] });
      changed.push(owner.id);
    }
    const { job, seen } = await watch(world, async () => (await world.core.call('sync.start', { kind: 'residents', trigger: 'manual' })) as Job);
    expectForwardOnly(seen);
    expect(job.counts.updated).toBe(3);
    expect(job.counts.conflict, 'standing conflicts are not new').toBe(0);
    expect(job.counts.created + job.counts.deactivated + job.counts.failed).toBe(0);
    expect(job.progress.done).toBe(processed(job.counts));
    const outcomes = await allOutcomes(world, job.id);
    expect(outcomes.filter((o) => o.outcome === 'updated').map((o) => o.entityId).sort()).toEqual([...changed].sort());
    expect(new Set(outcomes.map((o) => `${o.entity}:${o.entityId}`)).size).toBe(outcomes.length);
  }, 120_000);

  it('a full reconcile too (every record of every building, each once)', async () => {
    const { job, seen } = await watch(world, async () => (await world.core.call('sync.start', { kind: 'reconcile', trigger: 'manual' })) as Job);
    expect(job.status).toBe('succeeded');
    expectForwardOnly(seen);
    expect(job.progress.done).toBe(processed(job.counts));
    const outcomes = await allOutcomes(world, job.id);
    expect(outcomes).toHaveLength(processed(job.counts));
    expect(new Set(outcomes.map((o) => `${o.entity}:${o.entityId}`)).size).toBe(outcomes.length);
  }, 120_000);
});
