// A job stopped mid-run and resumed (the console stopped, or on PostgreSQL an
// engine died and another took it over) counts every record once across
// both attempts: its counts are its outcome rows, their sum is the records
// processed, and neither the bar's progress nor its total ever goes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobDetail, OutcomeType } from '@shared/types';
import { createWorld, type World } from '../helpers/world';
import { allOutcomes, clearFaults, setFaults, waitForJob } from './helpers';

const TYPES: OutcomeType[] = ['created', 'updated', 'unchanged', 'deactivated', 'conflict', 'failed'];

describe('a resident sync stopped mid-run and resumed', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => world?.close());

  it('ends with counts that are its outcome rows, one per record, and a bar that never went back', async () => {
    await setFaults(world, 'cc', { latencyMs: 60, jitterMs: 20 });
    const job = (await world.core.call('sync.start', { kind: 'residents', trigger: 'manual' })) as Job;
    // Mid-way through its writes, with progress saved.
    const before = await waitForJob(world, job.id, (j) => j.phase === 'writing' && j.progress.done >= 20 && j.progress.total > j.progress.done + 20);
    const firstRows = await allOutcomes(world, job.id);
    await world.core.stop();
    // Records the first attempt wrote are looked at again by the second (as
    // after a kill -9 that lost the id map's last writes): the second sees
    // them unchanged, and they count once, as the first attempt's write.
    const written = firstRows.filter((r) => r.outcome === 'created' || r.outcome === 'updated');
    expect(written.length).toBeGreaterThan(5);
    await world.offlineSql("UPDATE id_map SET content_hash = NULL, sync_status = 'pending' WHERE source_id IN (SELECT entity_id FROM job_events WHERE job_id = ? AND outcome IN ('created', 'updated'))", job.id);

    const seen: Job[] = [];
    await world.restartCore();
    const off = world.core.events.subscribe((name, payload) => {
      if (name === 'job.updated' && (payload as Job).id === job.id) seen.push(payload as Job);
    });
    const resumedAt = (await world.core.call('jobs.get', { id: job.id, limit: 1 })) as JobDetail;
    await clearFaults(world);
    await world.core.runner.idle();
    off();
    const end = (await world.core.call('jobs.get', { id: job.id, limit: 1 })) as JobDetail;
    expect(end.status, JSON.stringify(end.error)).toBe('succeeded');

    const rows = await allOutcomes(world, job.id);
    // One row per record.
    expect(new Set(rows.map((r) => `${r.entity}:${r.entityId}`)).size).toBe(rows.length);
    // Each count is the rows it lists, and their sum the records processed.
    for (const t of TYPES) expect(end.counts[t], t).toBe(rows.filter((r) => r.outcome === t).length);
    expect(end.progress.done).toBe(rows.length);
    expect(end.progress.total).toBeGreaterThanOrEqual(end.progress.done);
    // The records both attempts saw count as the first attempt's write.
    const standing = new Map(rows.map((r) => [`${r.entity}:${r.entityId}`, r.outcome]));
    for (const r of written) expect(standing.get(`${r.entity}:${r.entityId}`), r.entityId).toBe(r.outcome);

    // Never backwards: from what the console saw before the stop, through every update of the second attempt.
    let last = before.progress;
    for (const j of [resumedAt, ...seen, end]) {
      expect(j.progress.done, 'done').toBeGreaterThanOrEqual(last.done);
      expect(j.progress.total, 'total').toBeGreaterThanOrEqual(last.total);
      last = j.progress;
    }
  });
});
