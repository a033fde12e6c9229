// A cancel of a job whose engine has just died, before any survivor took it
// over, is not lost: it is kept in the job's row, and the survivor that
// takes the job over ends it cancelled instead of resuming it, and writes
// nothing more to Condo Control. Real processes (kill -9), real PostgreSQL,
// real sandboxes, short cluster intervals.
import type { Job, JobDetail } from '@shared/types';
import { describe, expect, it } from 'vitest';
import type { EngineProcess } from '../helpers/engine-process';
import { engineAWriting, recordedWorld } from '../helpers/recorded-world';
import type { RecordedRequest } from '../helpers/recording-proxy';

const ENV = { CONDO_SYNC_HEARTBEAT_MS: '1000', CONDO_SYNC_STALE_MS: '6000', CONDO_SYNC_LEASE_TTL_MS: '6000', CONDO_SYNC_POLL_MS: '500' };
const RATE = { condoManagerPerSec: 1000, condoControlPerSec: 60, concurrency: 8 };
const write = (r: RecordedRequest) => r.method !== 'GET' && !r.path.includes('/auth/');

describe('a cancel between an engine’s death and the takeover', () => {
  const recorded = recordedWorld();

  it('the survivor ends the job cancelled and writes nothing more for it', async () => {
    const { world, cc } = recorded;
    const { a, job } = await engineAWriting(recorded, { env: ENV, rate: RATE, writes: 100, isWrite: write });
    const b: EngineProcess = await world.startEngine('engine-b', { condoControlUrl: cc.url, env: ENV, rate: RATE });
    const bEvents = await b.events();

    await a.kill9();
    const killedAt = Date.now();
    // Through the other engine's contract, before it can know engine A is gone: the job still runs, as far as anyone can tell.
    const answer = await b.call<Job>('jobs.cancel', { id: job.id });
    expect(answer.status).toBe('running');
    const shown = await a.call<JobDetail>('jobs.get', { id: job.id, limit: 1 }).catch(() => undefined);
    expect(shown).toBeUndefined(); // engine A is really gone

    // The takeover (stale after 6 s) hands the job to engine B, which ends it cancelled, as a cancel ends a job.
    const ended = await bEvents.waitFor('job.updated', (j) => j.id === job.id && j.status === 'cancelled', 60_000);
    const row = await b.call<JobDetail>('jobs.get', { id: job.id, limit: 1 });
    expect(row).toMatchObject({ status: 'cancelled', phase: 'done' });
    expect(row.finishedAt).toBeDefined();
    expect(row.progress.done).toBeGreaterThan(0); // what engine A had done stays shown
    // A little longer: nothing resumes it, and engine B never wrote to Condo Control.
    await new Promise((r) => setTimeout(r, 5_000));
    expect((await b.call<JobDetail>('jobs.get', { id: job.id, limit: 1 })).status).toBe('cancelled');
    expect(cc.requests.filter((r) => r.pid === b.pid && write(r))).toEqual([]);
    const residentJobs = (await b.call<{ items: Job[] }>('jobs.list', { kind: 'residents', limit: 50 })).items;
    expect(residentJobs.map((j) => [j.id, j.status])).toEqual([[job.id, 'cancelled']]);
    console.log(`cancelled ${ended.at - killedAt} ms after the kill (stale ${ENV.CONDO_SYNC_STALE_MS} ms) at ${row.progress.done}/${row.progress.total}`);
    bEvents.close();
  }, 600_000);
});
