// Fault matrix, the wall clock: it jumps forward (days, a year) and back
// (hours) while a sync and the invoice history import run, as a machine does
// when NTP corrects it or a dead CMOS battery resets it. The verdict is the
// matrix's, and what the console shows stays true: progress never goes
// backwards and the history of earlier syncs is still there afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/core/clock';
import type { Job } from '@shared/types';
import type { World } from '../helpers/world';
import { expectConverged, matrixWorld, recordCase, runCase } from './case';

const DAY = 86_400_000;

/** The real time plus an offset the test moves: what a machine whose clock is corrected reads. */
class JumpingClock implements Clock {
  offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

let world: World;
beforeAll(async () => {
  world = await matrixWorld();
});
afterAll(() => world?.close());

describe('fault matrix: the wall clock', () => {
  it('jumps forward and back during a run: converged, progress never backwards, history kept', async ({ task }) => {
    const clock = new JumpingClock();
    const offsets = [3 * DAY, -6 * 3_600_000, 400 * DAY, -2 * DAY, 0, 45 * DAY, -30 * DAY];
    let timer: ReturnType<typeof setInterval> | undefined;
    const backwards: string[] = [];
    let earlier: string | undefined;
    const r = await runCase(world, {}, {
      core: { clock },
      during: async (job) => {
        earlier = job.id;
        const last = new Map<string, number>();
        world.core.events.subscribe((name, payload) => {
          if (name !== 'job.updated') return;
          const j = payload as Job;
          const before = last.get(j.id) ?? 0;
          if (j.status === 'running' && j.progress.done < before) backwards.push(`${j.kind} ${before} → ${j.progress.done}`);
          if (j.status === 'running') last.set(j.id, j.progress.done);
        });
        let i = 0;
        timer = setInterval(() => {
          clock.offset = offsets[i++ % offsets.length]!;
        }, 40);
      },
      heal: async () => {
        clearInterval(timer);
        clock.offset = 0;
      },
    });
    recordCase(task, 'wall clock jumps (+400 d … −30 d)', r);
    expect(r.faulty.map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
    expect(backwards).toEqual([]);
    // A job never seems to end before it started (the console shows its duration).
    for (const j of r.faulty) expect(Date.parse(j.finishedAt!), `${j.kind} ${j.startedAt} → ${j.finishedAt}`).toBeGreaterThanOrEqual(Date.parse(j.startedAt!));
    // The run made under the jumping clock is still in the history afterwards.
    const kept = (await world.core.call('jobs.list', { limit: 200 })) as { items: Job[] };
    expect(kept.items.map((j) => j.id)).toContain(earlier);
    expectConverged(r);
  });
});
