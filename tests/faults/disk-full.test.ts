// Fault matrix, a full disk during a write. The console's data dir sits on a
// small tmpfs (root may mount one here and in CI); where mounting is not
// allowed, SQLite's max_page_count caps the database instead, which fails a
// write with the same SQLITE_FULL. Expected: a clear error on the job the
// console shows, no crash, a database that passes integrity_check, and a
// clean converged run once space is back.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobDetail } from '@shared/types';
import type { World } from '../helpers/world';
import { cmPeople } from '../helpers/world';
import { matrixWorld } from './case';
import { record, systemsOf, verdict } from './matrix';

interface SmallDisk {
  how: 'tmpfs' | 'max_page_count';
  path: string;
  /** Fills the disk (or caps the database) so that only about `freeKb` more can be written. FAULTS_NO_MOUNT=1 tries the cap here. */
  fill(freeKb: number, db: NonNullable<World['core']['db']>): void;
  /** Space is back. */
  free(db: NonNullable<World['core']['db']>): void;
  release(): void;
}

function smallDisk(dir: string): SmallDisk {
  const path = join(dir, 'disk');
  mkdirSync(path, { recursive: true });
  const filler = join(path, 'filler.bin');
  try {
    if (process.env.FAULTS_NO_MOUNT) throw new Error('mounting turned off');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', path], { stdio: 'ignore' });
    return {
      how: 'tmpfs',
      path,
      fill(freeKb) {
        const s = statfsSync(path);
        const avail = s.bavail * s.bsize;
        writeFileSync(filler, Buffer.alloc(Math.max(0, avail - freeKb * 1024)));
      },
      free() {
        rmSync(filler, { force: true });
      },
      release() {
        execFileSync('umount', [path], { stdio: 'ignore' });
      },
    };
  } catch {
    return {
      how: 'max_page_count',
      path,
      fill(freeKb, db) {
        const pageSize = db.pragma('page_size', { simple: true }) as number;
        const pages = db.pragma('page_count', { simple: true }) as number;
        db.pragma(`max_page_count = ${pages + Math.floor((freeKb * 1024) / pageSize)}`);
      },
      free(db) {
        db.pragma('max_page_count = 1073741823');
      },
      release() {},
    };
  }
}

let world: World;
let disk: SmallDisk;
beforeAll(async () => {
  world = await matrixWorld();
  disk = smallDisk(world.dir);
});
afterAll(async () => {
  // Off the small disk before it goes away.
  await world?.restartCore({ dataDir: join(world.dir, 'console-after') });
  disk?.release();
  await world?.close();
});

describe('fault matrix: a full disk', () => {
  it('at several points of a sync: a clear error, no crash, an intact database, and recovery once space is back', async ({ task }) => {
    await world.sandbox('cm', '/reset', { size: 'small' });
    await world.sandbox('cc', '/reset', { size: 'small' });
    await world.restartCore({ dataDir: join(disk.path, 'console') });
    const people = (await cmPeople(world)).filter((p) => p.status === 'Active' && p.role === 'owner');
    await world.desk.updatePerson(world.corp, 'owner', people[0]!.id, { firstName: 'Maëlle', lastName: 'L’Écuyer' });

    // Room for nothing, then for a little more each time: the write that fails lands at a different place.
    let runs = 0;
    const seen: string[] = [];
    // The WAL takes room on a real disk too, so a tmpfs fills sooner than a page cap.
    for (const freeKb of disk.how === 'tmpfs' ? [4, 60, 200, 450, 900] : [0, 8, 24, 48, 96]) {
      disk.free(world.core.db!);
      disk.fill(freeKb, world.core.db!);
      let job: JobDetail | undefined;
      try {
        const started = (await world.core.call('sync.start', { kind: 'residents', trigger: 'manual' })) as Job;
        runs++;
        await world.core.runner.idle();
        job = (await world.core.call('jobs.get', { id: started.id, limit: 1 })) as JobDetail;
      } catch (err) {
        // Not even the job could be recorded: the request itself says why, typed.
        expect(err).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/disk/) });
        seen.push(`${freeKb} KB: refused`);
      }
      if (job) {
        seen.push(`${freeKb} KB: ${job.status}`);
        expect(['failed', 'succeeded', 'partial']).toContain(job.status);
        // What the console shows says why in words a person can act on, without internals.
        if (job.status === 'failed') {
          expect(job.error?.message).toMatch(/disk/);
          expect(job.error?.message).not.toMatch(/SQLITE|sqlite|\//);
        }
      }
      expect(world.core.db!.pragma('integrity_check', { simple: true }), `${freeKb} KB`).toBe('ok');
    }
    expect(seen.filter((s) => /refused|failed/.test(s)).length, seen.join(', ')).toBeGreaterThanOrEqual(3);

    disk.free(world.core.db!);
    const clean = await world.sync();
    const history = (await world.core.call('sync.start', { kind: 'commerce-reconcile', trigger: 'manual' })) as Job;
    await world.core.runner.idle();
    const imported = (await world.core.call('jobs.get', { id: history.id, limit: 1 })) as JobDetail;
    expect(world.core.db!.pragma('integrity_check', { simple: true })).toBe('ok');
    const v = await verdict(systemsOf(world));
    record(task, { case: 'disk full at 5 points of a sync', runs: runs + 2, converged: v.converged, duplicates: v.duplicates, lost: v.lost, note: disk.how });
    expect([clean.status, imported.status]).toEqual(['succeeded', 'succeeded']);
    expect(v.problems).toEqual([]);
    expect(v.duplicates).toBe(0);
    expect(v.lost).toBe(0);
  });
});
