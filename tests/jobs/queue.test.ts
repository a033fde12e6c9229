import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobDetail } from '@shared/types';
import { allUsers, cmPeople, createWorld, type World } from '../helpers/world';

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('sync queue', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => world.close());

  it('coalesces ten quick "Start New Sync" clicks into at most one running and one queued job', async () => {
    await world.sandbox('cc', '/faults', { latencyMs: 5 }, 'PUT');
    const jobs = (await Promise.all(Array.from({ length: 10 }, () => world.core.call('sync.start', { kind: 'residents', trigger: 'manual' })))) as Job[];
    const ids = new Set(jobs.map((j) => j.id));
    expect(ids.size).toBeLessThanOrEqual(2);
    // While the first runs, more clicks join the one follow-up.
    const running = await waitFor(async () => ((await world.core.call('jobs.list', { status: 'running' })) as { items: Job[] }).items[0]);
    const more = (await Promise.all(Array.from({ length: 5 }, () => world.core.call('sync.start', { kind: 'residents' })))) as Job[];
    const followUps = new Set(more.map((j) => j.id));
    expect(followUps.size).toBe(1);
    expect(followUps.has(running.id)).toBe(false);
    await world.core.runner.idle();
    await world.sandbox('cc', '/faults', { latencyMs: 0 }, 'PUT');
    const all = (await world.core.call('jobs.list', {})) as { items: Job[]; total: number };
    expect(all.items.every((j) => j.status === 'succeeded')).toBe(true);
    expect(all.total).toBeLessThanOrEqual(3);
    expect(new Set((await allUsers(world)).filter((u) => u.externalId).map((u) => u.externalId)).size).toBe(
      (await allUsers(world)).filter((u) => u.externalId).length,
    );
  });

  it('keeps one resident job per building at a time: a reconcile waits for the running sync', async () => {
    await world.sandbox('cc', '/faults', { latencyMs: 20 }, 'PUT');
    const first = (await world.core.call('sync.start', { kind: 'residents' })) as Job;
    const reconcile = (await world.core.call('sync.start', { kind: 'reconcile', dryRun: true })) as Job;
    expect(reconcile.id).not.toBe(first.id);
    await waitFor(async () => ((await world.core.call('jobs.get', { id: first.id })) as Job).status === 'running' || undefined);
    expect(((await world.core.call('jobs.get', { id: reconcile.id })) as Job).status).toBe('queued');
    await world.core.runner.idle();
    await world.sandbox('cc', '/faults', { latencyMs: 0 }, 'PUT');
    const a = (await world.core.call('jobs.get', { id: first.id })) as Job;
    const b = (await world.core.call('jobs.get', { id: reconcile.id })) as Job;
    expect(b.startedAt! >= a.finishedAt!).toBe(true);
  });

  it('cancels mid-write, keeps what was written, and the next sync finishes the rest without duplicates', async () => {
    await world.sandbox('cm', '/reset', { size: 'small' });
    await world.sandbox('cc', '/reset', { size: 'small' });
    await world.restartCore({ dataDir: `${world.dir}/console-cancel` });
    await world.sandbox('cc', '/faults', { latencyMs: 40 }, 'PUT');
    const job = (await world.core.call('sync.start', { kind: 'residents' })) as Job;
    await waitFor(async () => {
      const j = (await world.core.call('jobs.get', { id: job.id, limit: 1 })) as JobDetail;
      return j.counts.created >= 10 ? j : undefined;
    });
    const cancelling = (await world.core.call('jobs.cancel', { id: job.id })) as Job;
    expect(['running', 'cancelled']).toContain(cancelling.status);
    await world.core.runner.idle();
    const cancelled = (await world.core.call('jobs.get', { id: job.id, limit: 1000 })) as JobDetail;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.progress.done).toBeLessThan(cancelled.progress.total);
    const partway = (await allUsers(world)).filter((u) => u.externalId);
    expect(partway.length).toBeGreaterThan(0);
    expect(partway.length).toBeLessThan((await cmPeople(world)).filter((p) => p.status === 'Active').length);

    await world.sandbox('cc', '/faults', { latencyMs: 0 }, 'PUT');
    const next = await world.sync();
    expect(next.status).toBe('succeeded');
    const users = (await allUsers(world)).filter((u) => u.externalId);
    expect(new Set(users.map((u) => u.externalId)).size).toBe(users.length);
    const byExternal = new Set(users.map((u) => u.externalId));
    for (const p of (await cmPeople(world)).filter((x) => x.status === 'Active')) expect(byExternal.has(p.id), p.id).toBe(true);
  });

  it('publishes progress at most ten times a second per job, with an ETA once it can tell', async () => {
    await world.sandbox('cm', '/reset', { size: 'small' });
    await world.sandbox('cc', '/reset', { size: 'small' });
    await world.sandbox('cc', '/faults', { latencyMs: 100 }, 'PUT');
    const seen: { at: number; etaSeconds?: number; id: string }[] = [];
    await world.restartCore({ dataDir: `${world.dir}/console-throttle` });
    const off = world.core.events.subscribe((name, payload) => {
      if (name === 'job.updated') seen.push({ at: Date.now(), id: (payload as Job).id, etaSeconds: (payload as Job).etaSeconds });
    });
    await world.sync();
    off();
    await world.sandbox('cc', '/faults', { latencyMs: 0 }, 'PUT');
    expect(seen.length).toBeGreaterThan(3);
    for (const e of seen) {
      const window = seen.filter((x) => x.id === e.id && x.at >= e.at && x.at < e.at + 1000);
      expect(window.length).toBeLessThanOrEqual(12); // 10 a second, plus the queued and the final update
    }
    expect(seen.some((e) => e.etaSeconds !== undefined)).toBe(true);
  });

  it('answers a cancel of a finished job with that job, and an unknown id with not_found', async () => {
    const done = ((await world.core.call('jobs.list', { status: 'succeeded', limit: 1 })) as { items: Job[] }).items[0]!;
    expect(((await world.core.call('jobs.cancel', { id: done.id })) as Job).status).toBe('succeeded');
    await expect(world.core.call('jobs.get', { id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
