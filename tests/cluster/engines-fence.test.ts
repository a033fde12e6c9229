// An engine that loses the shared database while it runs a first sync
// fences itself off: it stops the sync at once (no further write to Condo
// Control), a second engine takes the job over and finishes it, and when the
// database answers again the fenced engine rejoins as a new member and takes
// new work. Only the first engine's connections are cut (a TCP proxy in front
// of PostgreSQL for it alone); both engines reach one Condo Control through a
// proxy that notes which process sent each request. Real processes, real
// PostgreSQL, real sandboxes, short cluster intervals (real time must pass).
import type { Job, JobDetail } from '@shared/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentVerdict } from '../faults/matrix';
import { startCutProxy, type CutProxy } from '../helpers/cut-proxy';
import type { EngineProcess } from '../helpers/engine-process';
import { eventually } from '../helpers/engines-world';
import { engineAWriting, recordedWorld } from '../helpers/recorded-world';
import type { RecordedRequest } from '../helpers/recording-proxy';
import { duplicatesInCondoControl } from './fixtures/condo-control-store';

const ENV = { CONDO_SYNC_HEARTBEAT_MS: '1000', CONDO_SYNC_STALE_MS: '6000', CONDO_SYNC_LEASE_TTL_MS: '6000', CONDO_SYNC_POLL_MS: '500' };
// Slow enough that the first sync of `medium` is still writing when the line is cut, and after the takeover.
const RATE = { condoManagerPerSec: 1000, condoControlPerSec: 60, concurrency: 8 };
const residentWrite = (r: RecordedRequest) => r.method !== 'GET' && /\/api\/v1\/workspaces\/[^/]+\/(users|units)\b/.test(r.path);

describe('an engine cut off from the shared database mid-sync', () => {
  const recorded = recordedWorld();
  let cut: CutProxy;
  beforeAll(async () => {
    cut = await startCutProxy(recorded.world.databaseUrl);
  });
  afterAll(async () => {
    await cut?.close();
  });

  it('stops writing at once, the other engine finishes the job without overlap, and it rejoins once the database answers', async () => {
    const { world, cc } = recorded;
    const { a, job } = await engineAWriting(recorded, { databaseUrl: cut.url, env: ENV, rate: RATE, writes: 200, isWrite: residentWrite });
    const writesOf = (e: EngineProcess) => cc.requests.filter((r) => r.pid === e.pid && residentWrite(r));
    const b: EngineProcess = await world.startEngine('engine-b', { condoControlUrl: cc.url, env: ENV, rate: RATE });
    const aEvents = await a.events();
    expect((await a.call<JobDetail>('jobs.get', { id: job.id, limit: 1 })).status).toBe('running');

    cut.cut();
    const cutAt = Date.now();
    const fenced = await aEvents.waitFor('notice', (n) => n.title.startsWith('This engine lost the shared database'), 30_000);
    expect(fenced.payload).toMatchObject({ level: 'warning', body: expect.stringContaining('continue on another engine') });
    const bFirst = await eventually('engine B to write to Condo Control', () => writesOf(b)[0], 60_000, 100);
    // While the survivor writes, the line comes back: the fenced engine must not resume what it had.
    await new Promise((r) => setTimeout(r, 3_000));
    cut.heal();
    const healedAt = Date.now();
    const rejoined = await aEvents.waitFor('notice', (n) => n.title.startsWith('This engine is back on the shared database'), 60_000);

    const finished = await eventually(
      'engine B to finish the job',
      async () => {
        const j = await b.call<JobDetail>('jobs.get', { id: job.id, limit: 1 });
        return j.status === 'running' || j.status === 'queued' ? undefined : j;
      },
      600_000,
      500,
    );
    expect(finished.status).toBe('succeeded');

    const aWrites = writesOf(a);
    const lastOfA = Math.max(...aWrites.map((r) => r.endedAt ?? Number.POSITIVE_INFINITY));
    console.log(
      `engine A: ${aWrites.length} resident writes, the last ended ${lastOfA - cutAt} ms after the cut; fenced notice after ${fenced.at - cutAt} ms; ` +
        `engine B wrote first ${bFirst.at - cutAt} ms after the cut; healed after ${healedAt - cutAt} ms, rejoined ${rejoined.at - healedAt} ms later; ` +
        `engine B wrote ${writesOf(b).length}; job ${JSON.stringify(finished.counts)}`,
    );
    // No overlap: every write of engine A ended before engine B's first, and none came after the fence (nor after the heal).
    expect(lastOfA).toBeLessThan(bFirst.at);
    expect(aWrites.filter((r) => r.at >= fenced.at)).toEqual([]);
    // One resident job, taken over, finished once; Condo Control holds each resident once, nobody missing.
    expect((await b.call<{ items: Job[] }>('jobs.list', { kind: 'residents', limit: 50 })).items.map((j) => j.id)).toEqual([job.id]);
    const dupes = duplicatesInCondoControl(world.sandboxDir);
    expect(dupes).toMatchObject({ byId: 0, byEmail: 0 });
    const v = await residentVerdict(await world.systems());
    expect(v.problems.slice(0, 10)).toEqual([]);
    expect(v).toMatchObject({ converged: true, duplicates: 0, lost: 0 });

    // Rejoined, it takes new work: with engine B gone, a sync asked of engine A runs there.
    await b.stop();
    const corp = world.corporations[0]!;
    const again = await a.call<Job>('sync.start', { kind: 'residents', scope: { corporationId: corp.id } });
    const done = await eventually(
      'engine A to run the new sync',
      async () => {
        const j = await a.call<JobDetail>('jobs.get', { id: again.id, limit: 1 });
        return j.status === 'running' || j.status === 'queued' ? undefined : j;
      },
      120_000,
      250,
    );
    expect(done.status).toBe('succeeded');
    expect(cc.requests.filter((r) => r.pid === a.pid && r.at > rejoined.at).length).toBeGreaterThan(0);
    aEvents.close();
  }, 900_000);
});

// A process paused longer than the takeover (a laptop asleep, a very long GC,
// SIGSTOP here): when it wakes, its heartbeat is too old and its row gone;
// it must fence itself before any of its pending requests goes out.
describe('an engine paused mid-sync past the takeover', () => {
  const recorded = recordedWorld();

  it('writes nothing when it wakes up; the survivor finishes the job; it rejoins', async () => {
    const { world, cc } = recorded;
    const { a, job } = await engineAWriting(recorded, { env: ENV, rate: RATE, writes: 200, isWrite: residentWrite });
    const writesOf = (e: EngineProcess) => cc.requests.filter((r) => r.pid === e.pid && residentWrite(r));
    const b: EngineProcess = await world.startEngine('engine-b', { condoControlUrl: cc.url, env: ENV, rate: RATE });
    const aEvents = await a.events();

    process.kill(a.pid, 'SIGSTOP');
    const stoppedAt = Date.now();
    let woke = 0;
    try {
      await eventually('engine B to take the job over and write', () => writesOf(b)[0], 60_000, 100);
      await new Promise((r) => setTimeout(r, 2_000));
    } finally {
      process.kill(a.pid, 'SIGCONT');
      woke = Date.now();
    }
    const fenced = await aEvents.waitFor('notice', (n) => n.title.startsWith('This engine lost the shared database'), 30_000);
    await aEvents.waitFor('notice', (n) => n.title.startsWith('This engine is back on the shared database'), 60_000);
    const finished = await eventually(
      'engine B to finish the job',
      async () => {
        const j = await b.call<JobDetail>('jobs.get', { id: job.id, limit: 1 });
        return j.status === 'running' || j.status === 'queued' ? undefined : j;
      },
      600_000,
      500,
    );
    expect(finished.status).toBe('succeeded');
    // Requests sent before the pause may arrive a moment after it; none after it woke.
    const late = writesOf(a).filter((r) => r.at >= woke);
    console.log(`paused ${woke - stoppedAt} ms; fenced notice ${fenced.at - woke} ms after waking; engine A wrote ${writesOf(a).length} (after waking: ${late.length}), engine B ${writesOf(b).length}`);
    expect(late).toEqual([]);
    const dupes = duplicatesInCondoControl(world.sandboxDir);
    expect(dupes).toMatchObject({ byId: 0, byEmail: 0 });
    const v = await residentVerdict(await world.systems());
    expect(v.problems.slice(0, 10)).toEqual([]);
    expect(v).toMatchObject({ converged: true, duplicates: 0, lost: 0 });
    aEvents.close();
  }, 900_000);
});
