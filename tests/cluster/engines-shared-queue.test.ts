// Two `condo-sync serve` processes on one PostgreSQL database: what a
// property manager at either console sees when both engines share the queue.
// Real processes, real loopback HTTP to each engine's contract and event
// stream, real sandboxes; nothing faked (no time has to pass here).
import type { Job, Page } from '@shared/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentVerdict } from '../faults/matrix';
import type { EngineProcess, EventStream } from '../helpers/engine-process';
import { createEnginesWorld, eventually, type EnginesWorld } from '../helpers/engines-world';

const FINISHED = new Set(['succeeded', 'partial', 'failed', 'cancelled', 'interrupted']);

/** The shared job list as one console shows it: every job, newest first, as the fields a person reads. */
async function queueOf(engine: EngineProcess): Promise<string[]> {
  const page = await engine.call<Page<Job>>('jobs.list', { limit: 200 });
  return page.items.map((j) => `${j.id} ${j.kind} ${j.scope?.corporationId ?? '*'} ${j.status} ${j.progress.done}/${j.progress.total}`);
}

async function residentJobsFor(engine: EngineProcess, corporationId: string): Promise<Job[]> {
  const page = await engine.call<Page<Job>>('jobs.list', { kind: 'residents', limit: 200 });
  return page.items.filter((j) => j.scope?.corporationId === corporationId);
}

describe('two engines, one database: one queue', () => {
  let world: EnginesWorld;
  let a: EngineProcess;
  let b: EngineProcess;
  let corp: string;

  beforeAll(async () => {
    world = await createEnginesWorld({ size: 'small' });
    corp = world.corporations[0]!.id;
    // One after the other (both at once is the next describe's): the first queues the first sync of every building.
    a = await world.startEngine('engine-a');
    b = await world.startEngine('engine-b');
  }, 180_000);
  afterAll(() => world?.close());

  it('ten concurrent Start New Sync for one building, five at each engine: at most two jobs, the same list at both consoles', async () => {
    // Condo Control answers in 150 ms, as over an office's internet link: the building's sync then lasts
    // seconds, so all ten requests arrive while the first job waits or runs (a small building on
    // loopback syncs in well under a second, and a request after a job ended rightly starts another).
    await fetch(`${world.sandboxes.condoControlUrl}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 150 }) });
    const asking = Date.now();
    const asked = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).call<Job>('sync.start', { kind: 'residents', scope: { corporationId: corp }, trigger: 'manual' })),
    );
    const askedMs = Date.now() - asking;
    const askedIds = new Set(asked.map((j) => j.id));
    console.log(`ten Start New Sync answered within ${askedMs} ms: ${asked.map((j) => `${j.id.slice(0, 8)} ${j.status}`).join(', ')}`);
    // Each request joined a job: one waiting, plus (if the first had already started) the one behind it.
    expect(askedIds.size).toBeGreaterThanOrEqual(1);
    expect(askedIds.size).toBeLessThanOrEqual(2);

    const fromA = await residentJobsFor(a, corp);
    expect(fromA.length).toBeLessThanOrEqual(2);
    expect(new Set(fromA.map((j) => j.id))).toEqual(askedIds);
    expect((await residentJobsFor(b, corp)).map((j) => j.id).sort()).toEqual(fromA.map((j) => j.id).sort());

    await fetch(`${world.sandboxes.condoControlUrl}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 0 }) });
    // Both run to the end, one after the other: never two resident jobs of one building at once.
    const done = await eventually(
      'both consoles to show every resident job of the building finished',
      async () => {
        const jobs = await residentJobsFor(b, corp);
        return jobs.length === askedIds.size && jobs.every((j) => FINISHED.has(j.status)) ? jobs : undefined;
      },
      120_000,
      250,
    );
    expect(done.map((j) => j.status)).toEqual(done.map(() => 'succeeded'));
    if (done.length === 2) {
      const [first, second] = [...done].sort((x, y) => x.startedAt!.localeCompare(y.startedAt!));
      expect(second!.startedAt! >= first!.finishedAt!).toBe(true);
    }
    // Every request was manual, so each job carries 'manual' and no other trigger.
    for (const j of done) expect(j.triggers).toEqual(['manual']);

    // The whole list (the first sync and its follow-ups included) reads the same at both consoles once every job is done.
    const [listA, listB] = await eventually(
      'both consoles to show the same queue, every job finished',
      async () => {
        const [x, y] = await Promise.all([queueOf(a), queueOf(b)]);
        return JSON.stringify(x) === JSON.stringify(y) && !x.some((l) => / (queued|running) /.test(l)) ? [x, y] : undefined;
      },
      120_000,
      250,
    );
    expect(listA).toEqual(listB);
    // Ten requests, the first sync of every building beside them, two engines: still one user per resident.
    const v = await residentVerdict(await world.systems());
    expect(v.problems.slice(0, 10)).toEqual([]);
    expect(v).toMatchObject({ converged: true, duplicates: 0, lost: 0 });
  }, 240_000);

  it("a job's updates reach the other engine's event stream live", async () => {
    const [streamA, streamB] = await Promise.all([a.events(), b.events()]);
    try {
      const job = await a.call<Job>('sync.start', { kind: 'residents', scope: { corporationId: corp }, trigger: 'manual' });
      // Whichever engine runs it, the job finishes on one of them only, so the other console can learn of
      // it only through the shared database's notifications.
      const end = (s: EventStream) => s.waitFor('job.updated', (p) => p.id === job.id && FINISHED.has(p.status), 120_000);
      const [endA, endB] = await Promise.all([end(streamA), end(streamB)]);
      expect(endA.payload.status).toBe('succeeded');
      expect(endB.payload).toMatchObject({ id: job.id, status: 'succeeded', counts: endA.payload.counts, progress: endA.payload.progress });
      // Live: within two seconds of the engine that ran it, not at the next page refresh.
      expect(Math.abs(endB.at - endA.at)).toBeLessThan(2_000);
      // Each stream saw the job start too, and its progress never went backwards on either console.
      for (const s of [streamA, streamB]) {
        const mine = s.received.filter((e) => e.name === 'job.updated' && (e.payload as Job).id === job.id).map((e) => e.payload as Job);
        expect(mine.some((j) => j.status === 'running')).toBe(true);
        const done = mine.map((j) => j.progress.done);
        expect(done).toEqual([...done].sort((x, y) => x - y));
      }
      console.log(`job.updated 'succeeded': engine A at +0 ms, engine B at ${endB.at - endA.at} ms`);
    } finally {
      streamA.close();
      streamB.close();
    }
  }, 180_000);
});

describe('two engines starting at once on a new database', () => {
  let world: EnginesWorld;
  beforeAll(async () => {
    world = await createEnginesWorld({ size: 'small' });
  }, 60_000);
  afterAll(() => world?.close());

  it('both come up (an office server starting both services after a reboot), and one first sync is queued', async () => {
    // They create the schema, the shared queue's tables and the cluster's at the same moment.
    const [a, b] = await Promise.all([world.startEngine('engine-a'), world.startEngine('engine-b')]);
    for (const e of [a, b]) expect((await e.call<{ version: string }>('app.info')).version).toMatch(/\d/);
    const first = await eventually('the first sync', async () => (await a.call<Page<Job>>('jobs.list', { kind: 'residents' })).items, 30_000);
    expect(first.map((j) => j.trigger)).toEqual(['initial']);
    expect((await b.call<Page<Job>>('jobs.list', { kind: 'residents' })).items.map((j) => j.id)).toEqual(first.map((j) => j.id));
  }, 240_000);
});
