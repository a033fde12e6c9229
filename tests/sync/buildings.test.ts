// Several buildings in one sync (`medium`: 5 corporations): a building whose
// Condo Control read fails is that building's failure. The job is partial (issue
// 4: "A job with failures ends partial"), the other buildings are synced and
// recorded in the job, and nothing keeps writing after the job has ended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobDetail } from '@shared/types';
import { createWorld, type World } from '../helpers/world';
import { allOutcomes, ccUsers, stats, store, waitForJob, writeRequests } from './helpers';

interface Person {
  id: string;
  firstName: string;
  status: string;
}

async function activeOwners(world: World, corp: string): Promise<Person[]> {
  const res = await fetch(`${world.sandboxes.condoManagerUrl}/v1/corporations/${corp}/owners?limit=1000`, {
    headers: { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' },
  });
  return ((await res.json()) as Person[]).filter((p) => p.status === 'Active');
}

describe('one building failing among several', () => {
  let world: World;
  let corps: { id: string; code: string }[];

  beforeAll(async () => {
    world = await createWorld({ size: 'medium' });
    const res = await fetch(`${world.sandboxes.condoManagerUrl}/v1/corporations`, { headers: { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' } });
    corps = (await res.json()) as { id: string; code: string }[];
    expect(corps).toHaveLength(5);
  }, 60_000);
  afterAll(async () => {
    // Let any work that outlived its job settle first: closing the console under it would only add an
    // unhandled "database connection is not open" from the runner's flush timer to this file's report.
    for (let last = '', same = 0; same < 5; ) {
      const now = JSON.stringify(await stats(world, 'cc'));
      same = now === last ? same + 1 : 0;
      last = now;
      await new Promise((r) => setTimeout(r, 200));
    }
    await world?.close();
  }, 120_000);

  it("is that building's failure: the job is partial, the others are synced and recorded, and nothing writes after it ends", async () => {
    // The console maps each corporation to its building on the first sync, by
    // name; then the second building disappears from Condo Control (404 on
    // everything under it), while the other four are being written.
    const ws = ((await (await world.cc('/workspaces')).json()) as { id: string; name: string }[]).find((w) => w.name.startsWith(corps[1]!.code))!;
    const job = (await world.core.call('sync.start', { kind: 'residents', trigger: 'manual' })) as Job;
    // Running first: a queued job's phase is 'waiting', which is not 'reading' either. On SQLite the
    // engine's own runner has started the job before sync.start answers; on PostgreSQL the shared queue
    // hands it over a moment later, and a workspace renamed before the first sync is simply matched under
    // its new id (the job then rightly succeeds) — this test relied on that SQLite accident before.
    await waitForJob(world, job.id, (j) => j.status === 'running' && (j.phase !== 'reading' || j.progress.done > 0));
    const db = store(world, 'cc');
    db.prepare('UPDATE workspaces SET id = ? WHERE id = ?').run(`${ws.id}-gone`, ws.id);
    db.close();

    await world.core.runner.idle();
    const ended = (await world.core.call('jobs.get', { id: job.id, limit: 1 })) as JobDetail;
    const writesAtEnd = writeRequests(await stats(world, 'cc'));
    await new Promise((r) => setTimeout(r, 1500));
    const writesLater = writeRequests(await stats(world, 'cc'));

    expect(writesLater, 'requests written after the job had ended').toEqual(writesAtEnd);
    expect(ended.status, JSON.stringify(ended.error)).toBe('partial');
    // The job says which building was not synced (a failed outcome or its error), so nobody reads "finished" as "all done".
    const all = await allOutcomes(world, job.id);
    const told = [ended.error?.message ?? '', ...all.filter((o) => o.outcome === 'failed').map((o) => o.message ?? '')].join(' ');
    expect(told, 'what the job tells about the building that failed').toContain(corps[1]!.code);
    // Every other building is complete, and the job recorded it.
    const outcomes = new Map(all.map((o) => [o.entityId, o.outcome]));
    const users = new Map((await ccUsers(world)).filter((u) => u.externalId).map((u) => [u.externalId!, u]));
    for (const c of corps.filter((_, i) => i !== 1)) {
      for (const p of await activeOwners(world, c.id)) {
        expect(users.get(p.id)?.active, p.id).toBe(true);
        expect(['created', 'updated', 'conflict'], p.id).toContain(outcomes.get(p.id));
      }
    }
  }, 90_000);
});
