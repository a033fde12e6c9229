// Issue 4, "A run aborted mid-way and restarted leaves no duplicate users and
// no missed change": a person's cancel while writing, and a stop of the whole
// console mid-run (the job is interrupted and resumes on the next start).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobDetail } from '@shared/types';
import { cmPeople, createWorld, type World } from '../helpers/world';
import { ccUsers, clearFaults, convergence, flaggedPeople, setFaults, store, waitForJob } from './helpers';

async function expectNoDuplicates(world: World) {
  const users = await ccUsers(world);
  const ids = users.map((u) => u.externalId).filter(Boolean);
  expect(new Set(ids).size).toBe(ids.length);
}

/** Users carrying an externalId, counted in Condo Control's store (its API is slowed down by the test's latency). */
function linkedUsers(world: World): number {
  const db = store(world, 'cc');
  try {
    return db.prepare('SELECT COUNT(*) FROM users WHERE external_id IS NOT NULL').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Starts a sync and returns once Condo Control holds `created` users it created (so the run is mid-way through its writes). */
async function startAndWaitForWrites(world: World, created: number): Promise<Job> {
  const job = (await world.core.call('sync.start', { kind: 'residents', trigger: 'manual' })) as Job;
  await waitForJob(world, job.id, (j) => j.phase === 'writing');
  const started = Date.now();
  for (;;) {
    const n = linkedUsers(world);
    if (n >= created) return job;
    if (Date.now() - started > 20_000) throw new Error(`only ${n} users after 20 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Desk edits: someone the aborted run has likely written already, and someone it has not reached. */
async function editBothEnds(world: World, tag: string) {
  const active = (await cmPeople(world)).filter((p) => p.status === 'Active').sort((a, b) => a.id.localeCompare(b.id));
  const [early, late] = [active[0]!, active[active.length - 1]!];
  await world.desk.updatePerson(world.corp, early.role, early.id, { firstName: `Early${tag}` });
  await world.desk.updatePerson(world.corp, late.role, late.id, { phones: [{ type: 'work', number: `416-555-${tag.padStart(4, '0')}` }] });
}

describe('a run cancelled while writing', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => world?.close());

  it('ends cancelled; the next sync finishes the work with no duplicate and no missed change', async () => {
    await editBothEnds(world, '1');
    await setFaults(world, 'cc', { latencyMs: 100, jitterMs: 40 });
    const job = await startAndWaitForWrites(world, 15);
    const cancelled = (await world.core.call('jobs.cancel', { id: job.id })) as Job;
    expect(['running', 'cancelled']).toContain(cancelled.status);
    await world.core.runner.idle();
    const after = (await world.core.call('jobs.get', { id: job.id, limit: 1000 })) as JobDetail;
    expect(after.status).toBe('cancelled');
    const partway = linkedUsers(world);
    const active = (await cmPeople(world)).filter((p) => p.status === 'Active').length;
    // It really stopped part way.
    expect(partway).toBeGreaterThan(0);
    expect(partway).toBeLessThan(active);

    // More desk edits while nothing runs, then a clean sync.
    await editBothEnds(world, '2');
    await clearFaults(world);
    const resumed = await world.sync();
    expect(resumed.status, JSON.stringify(resumed.error)).toBe('succeeded');
    await expectNoDuplicates(world);
    expect(await convergence(world, { flagged: (await flaggedPeople(world)) })).toEqual([]);
    // And a sync after that has nothing left to do.
    const idle = await world.sync();
    expect(idle.outcomes.items.filter((o) => ['created', 'updated', 'failed'].includes(o.outcome))).toEqual([]);
  });
});

describe('a console stopped mid-run', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => world?.close());

  it('marks the job interrupted, resumes it on the next start, and converges with no duplicate', async () => {
    await editBothEnds(world, '3');
    const active = (await cmPeople(world)).filter((p) => p.status === 'Active').length;
    await setFaults(world, 'cc', { latencyMs: 100, jitterMs: 40 });
    const job = await startAndWaitForWrites(world, 20);
    expect(linkedUsers(world)).toBeLessThan(active - 10);
    await world.restartCore();
    await editBothEnds(world, '4');
    await clearFaults(world);
    // The new core picks the interrupted job up by itself.
    await world.core.runner.idle();
    const resumed = (await world.core.call('jobs.get', { id: job.id, limit: 1000 })) as JobDetail;
    expect(resumed.status, JSON.stringify(resumed.error)).toBe('succeeded');
    await expectNoDuplicates(world);
    // The edits made while it was down came after its read: the next sync brings them.
    const next = await world.sync();
    expect(next.status).toBe('succeeded');
    expect(await convergence(world, { flagged: (await flaggedPeople(world)) })).toEqual([]);
    await expectNoDuplicates(world);
  });

  it('a stop during the read phase resumes too', async () => {
    await editBothEnds(world, '5');
    await setFaults(world, 'cm', { latencyMs: 300 });
    const job = (await world.core.call('sync.start', { kind: 'residents', trigger: 'manual' })) as Job;
    await waitForJob(world, job.id, (j) => j.status === 'running');
    await new Promise((r) => setTimeout(r, 350));
    await world.restartCore();
    await clearFaults(world);
    await world.core.runner.idle();
    const resumed = (await world.core.call('jobs.get', { id: job.id })) as Job;
    expect(resumed.status).toBe('succeeded');
    expect(await convergence(world, { flagged: (await flaggedPeople(world)) })).toEqual([]);
    await expectNoDuplicates(world);
  });
});
