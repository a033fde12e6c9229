// SIGTERM (Ctrl-C, `systemctl stop`, a shutdown) of the engine running a
// sync hands the job back at once: the engine interrupts it, saves its
// checkpoint, makes its dispatch due, and leaves with exit code 0; another
// engine resumes it from the checkpoint long before a dead-engine takeover
// could (the stale interval here is 120 s). Real processes, real
// PostgreSQL, real sandboxes.
import type { JobDetail } from '@shared/types';
import { describe, expect, it } from 'vitest';
import { residentVerdict } from '../faults/matrix';
import type { EngineProcess } from '../helpers/engine-process';
import { eventually } from '../helpers/engines-world';
import { engineAWriting, recordedWorld } from '../helpers/recorded-world';
import type { RecordedRequest } from '../helpers/recording-proxy';
import { duplicatesInCondoControl } from './fixtures/condo-control-store';

// A dead engine would be taken over only after 120 s: whatever happens sooner is the hand-back.
const ENV = { CONDO_SYNC_HEARTBEAT_MS: '1000', CONDO_SYNC_STALE_MS: '120000', CONDO_SYNC_LEASE_TTL_MS: '120000', CONDO_SYNC_POLL_MS: '500' };
const RATE = { condoManagerPerSec: 1000, condoControlPerSec: 60, concurrency: 8 };
const write = (r: RecordedRequest) => r.method !== 'GET' && !r.path.includes('/auth/');

describe('SIGTERM of the engine running a sync', () => {
  const recorded = recordedWorld();

  it('leaves with code 0 and hands the job back: the other engine resumes it within seconds and finishes it', async () => {
    const { world, cc } = recorded;
    const { a, job } = await engineAWriting(recorded, { env: ENV, rate: RATE, writes: 100, isWrite: write });
    const b: EngineProcess = await world.startEngine('engine-b', { condoControlUrl: cc.url, env: ENV, rate: RATE });

    const stoppedAt = Date.now();
    await a.stop();
    const leftMs = Date.now() - stoppedAt;
    const exit = { code: a.child.process.exitCode, signal: a.child.process.signalCode };
    const tail = a.child.lines.slice(-10).join('\n');
    expect(exit, `engine A's exit after SIGTERM (${leftMs} ms); its last lines:\n${tail}`).toEqual({ code: 0, signal: null });
    const writesOfA = cc.requests.filter((r) => r.pid === a.pid && write(r)).length;

    // Handed back, not taken over: engine B writes within seconds, not after the 120 s stale interval.
    await eventually('engine B to resume the job', () => cc.requests.some((r) => r.pid === b.pid && write(r)), 30_000, 100);
    const resumedMs = Date.now() - stoppedAt;
    const finished = await eventually(
      'the job to finish on engine B',
      async () => {
        const j = await b.call<JobDetail>('jobs.get', { id: job.id, limit: 1 });
        return j.finishedAt ? j : undefined;
      },
      300_000,
      500,
    );
    expect(finished.status).toBe('succeeded');
    expect(finished.progress.done).toBe(finished.progress.total);
    const dupes = duplicatesInCondoControl(world.sandboxDir);
    expect(dupes).toMatchObject({ byId: 0, byEmail: 0 });
    const v = await residentVerdict(await world.systems());
    expect(v.problems.slice(0, 10)).toEqual([]);
    expect(v).toMatchObject({ converged: true, duplicates: 0, lost: 0 });
    console.log(`SIGTERM: engine A left in ${leftMs} ms after ${writesOfA} writes; engine B resumed ${resumedMs} ms after the signal`);
  }, 600_000);
});
