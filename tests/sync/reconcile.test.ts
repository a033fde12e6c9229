// Issue 4, "Full reconcile" and "Dry run": people who vanished from Condo
// Manager are deactivated (never deleted) only by a full reconcile whose every
// read succeeded, the 10% guard holds the job for a person's say-so, and a dry
// run writes nothing while its outcomes are the plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobDetail } from '@shared/types';
import { cmPeople, createWorld, type CmPerson, type World } from '../helpers/world';
import {
  allOutcomes, ccUserOf, ccUsers, clearFaults, groupIdByName, outcomesFor, resetStats, setFaults, stats, store, workspaceId, writeRequests,
} from './helpers';

/** Removes people from Condo Manager's store: the sandbox has no delete API, and a real system may simply stop returning them. */
function vanish(world: World, ids: string[]) {
  const db = store(world, 'cm');
  const del = db.prepare('DELETE FROM people WHERE id = ?');
  db.transaction(() => ids.forEach((id) => del.run(id)))();
  db.close();
}

async function reconcile(world: World): Promise<JobDetail> {
  const job = (await world.core.call('sync.start', { kind: 'reconcile', trigger: 'manual' })) as Job;
  await world.core.runner.idle();
  return (await world.core.call('jobs.get', { id: job.id, limit: 1000 })) as JobDetail;
}

const activeOwners = async (world: World) =>
  (await cmPeople(world)).filter((p) => p.status === 'Active' && p.role === 'owner' && !['Tremblay', 'Mills', 'Sharma'].includes(p.lastName));

describe('full reconcile', () => {
  let world: World;
  let gone: CmPerson;
  let stranger: { id: string; externalId: string };

  beforeAll(async () => {
    world = await createWorld();
    expect((await world.sync()).status).toBe('succeeded');
    gone = (await activeOwners(world))[0]!;
    vanish(world, [gone.id]);
    // A user someone created in Condo Control for a Condo Manager id that does not exist (any more).
    const ws = await workspaceId(world);
    const groups = await groupIdByName(world);
    const res = await world.cc(`/workspaces/${ws}/users`, {
      method: 'POST',
      body: JSON.stringify({ externalId: 'p_vanished01', firstName: 'Old', lastName: 'Record', groupIds: [groups.get('Owners')] }),
    });
    expect(res.status).toBe(201);
    stranger = (await res.json()) as { id: string; externalId: string };
  });
  afterAll(() => world?.close());

  it('an incremental sync never deactivates people missing from Condo Manager', async () => {
    const job = await world.sync();
    expect(job.status).toBe('succeeded');
    expect(job.counts.deactivated).toBe(0);
    expect((await ccUserOf(world, gone.id))!.active).toBe(true);
  });

  it('does not deactivate anyone when a Condo Manager read had a malformed record', async () => {
    const victim = (await activeOwners(world))[2]!;
    const db = store(world, 'cm');
    const good = (db.prepare('SELECT json FROM people WHERE id = ?').get(victim.id) as { json: string }).json;
    db.prepare('UPDATE people SET json = ? WHERE id = ?').run(JSON.stringify({ ...JSON.parse(good), status: 'Gone' }), victim.id);
    const job = await reconcile(world);
    db.prepare('UPDATE people SET json = ? WHERE id = ?').run(good, victim.id);
    db.close();
    expect(job.status).toBe('partial');
    expect(outcomesFor(job, victim.id).map((o) => o.outcome)).toEqual(['failed']);
    expect(job.counts.deactivated).toBe(0);
    expect((await ccUserOf(world, gone.id))!.active).toBe(true);
    // Nor did it take the unreadable person for a vanished one.
    expect((await ccUserOf(world, victim.id))!.active).toBe(true);
  });

  it('does not deactivate anyone when a Condo Control read had a malformed record', async () => {
    const db = store(world, 'cc');
    db.prepare("UPDATE users SET language = 'de' WHERE id = 'user_3'").run();
    const job = await reconcile(world);
    db.prepare("UPDATE users SET language = 'en' WHERE id = 'user_3'").run();
    db.close();
    expect(job.status).toBe('partial');
    expect(job.counts.deactivated).toBe(0);
    expect((await ccUserOf(world, gone.id))!.active).toBe(true);
  });

  it('does not deactivate anyone when Condo Manager answers only cut-short bodies (malformedRate 1)', async () => {
    await setFaults(world, 'cm', { malformedRate: 1 });
    const job = await reconcile(world);
    await clearFaults(world);
    expect(['failed', 'partial']).toContain(job.status);
    expect(job.counts.deactivated).toBe(0);
    expect((await ccUserOf(world, gone.id))!.active).toBe(true);
  });

  it('deactivates (never deletes) users whose Condo Manager person vanished, once every read succeeded', async () => {
    const before = await ccUsers(world);
    const job = await reconcile(world);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.counts.deactivated).toBe(2);
    expect(outcomesFor(job, gone.id)).toEqual([expect.objectContaining({ outcome: 'deactivated' })]);
    expect(outcomesFor(job, stranger.externalId)).toEqual([expect.objectContaining({ outcome: 'deactivated' })]);
    const after = await ccUsers(world);
    expect(after.length).toBe(before.length);
    expect(after.find((u) => u.externalId === gone.id)).toMatchObject({ active: false, lastName: gone.lastName });
    expect(after.find((u) => u.id === stranger.id)).toMatchObject({ active: false });
    // Hand-made users without an externalId are never taken for vanished residents.
    for (const id of ['user_2', 'user_3']) expect(after.find((u) => u.id === id)!.active, id).toBe(true);
    // Nothing else changed.
    const changed = after.filter((u) => JSON.stringify(u) !== JSON.stringify(before.find((b) => b.id === u.id)));
    expect(changed.map((u) => u.externalId).sort()).toEqual([gone.id, stranger.externalId].sort());
  });

  it('a reconcile with nothing vanished writes nothing', async () => {
    await resetStats(world);
    const job = await reconcile(world);
    expect(job.status).toBe('succeeded');
    expect(job.counts.deactivated).toBe(0);
    expect(writeRequests(await stats(world, 'cc'))).toEqual({});
  });

  describe('the 10% guard', () => {
    let many: CmPerson[];
    let waiting: JobDetail;

    beforeAll(async () => {
      const active = (await cmPeople(world)).filter((p) => p.status === 'Active');
      // Well over a tenth of the building, as an incomplete list from Condo Manager would look.
      many = active.filter((p) => !['Tremblay', 'Gagnon', 'Sharma', 'Mills'].includes(p.lastName)).slice(0, Math.ceil(active.length * 0.15));
      vanish(world, many.map((p) => p.id));
    });

    it('stops a reconcile that would deactivate more than 10% of a building: it waits in awaiting_confirmation', async () => {
      waiting = await reconcile(world);
      expect(waiting.status).toBe('awaiting_confirmation');
      expect(waiting.error?.message).toMatch(new RegExp(`deactivate ${many.length} of`));
      expect(waiting.counts.deactivated).toBe(0);
      for (const p of many) expect((await ccUserOf(world, p.id))!.active, p.id).toBe(true);
    });

    it('jobs.cancel ends it: nobody is deactivated', async () => {
      const cancelled = (await world.core.call('jobs.cancel', { id: waiting.id })) as Job;
      expect(cancelled.status).toBe('cancelled');
      await world.core.runner.idle();
      expect(((await world.core.call('jobs.get', { id: waiting.id })) as Job).status).toBe('cancelled');
      for (const p of many) expect((await ccUserOf(world, p.id))!.active, p.id).toBe(true);
    });

    it('jobs.confirm lets it go on: then those users are inactive', async () => {
      const again = await reconcile(world);
      expect(again.status).toBe('awaiting_confirmation');
      const confirmed = (await world.core.call('jobs.confirm', { id: again.id })) as Job;
      expect(confirmed.status).toBe('queued');
      await world.core.runner.idle();
      const done = (await world.core.call('jobs.get', { id: again.id, limit: 1000 })) as JobDetail;
      expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
      expect(done.counts.deactivated).toBe(many.length);
      const users = await ccUsers(world);
      for (const p of many) expect(users.find((u) => u.externalId === p.id)!.active, p.id).toBe(false);
      // Everyone still in Condo Manager is still active.
      const present = (await cmPeople(world)).filter((p) => p.status === 'Active');
      for (const p of present) expect(users.find((u) => u.externalId === p.id)?.active, p.id).toBe(true);
    });

    it('only a waiting job can be confirmed', async () => {
      const done = (await world.core.call('jobs.list', {})) as { items: Job[] };
      const finished = done.items.find((j) => j.status === 'succeeded')!;
      await expect(world.core.call('jobs.confirm', { id: finished.id })).rejects.toMatchObject({ code: 'conflict' });
    });
  });
});

describe('dry run', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => world?.close());

  const snapshot = async () => JSON.stringify((await ccUsers(world)).sort((a, b) => a.id.localeCompare(b.id)));
  const summary = (items: { entity: string; entityId: string; outcome: string }[]) =>
    items.map((o) => `${o.entity}:${o.entityId}:${o.outcome}`).sort();

  it('writes nothing to Condo Control, and its outcomes are the plan the real sync then carries out', async () => {
    const before = await snapshot();
    await resetStats(world);
    const dry = await world.sync({ dryRun: true });
    expect(dry.status, JSON.stringify(dry.error)).toBe('succeeded');
    expect(dry.dryRun).toBe(true);
    expect(dry.counts.created).toBeGreaterThan(30);
    expect(writeRequests(await stats(world, 'cc'))).toEqual({});
    expect(await snapshot()).toBe(before);

    const real = await world.sync();
    expect(real.status).toBe('succeeded');
    expect(summary(await allOutcomes(world, real.id))).toEqual(summary(await allOutcomes(world, dry.id)));
    expect(real.counts).toEqual(dry.counts);
  });

  it('shows an update with its field diff without writing it, and the real sync still writes it afterwards', async () => {
    const scott = (await cmPeople(world)).find((p) => p.firstName === 'Scott' && p.lastName === 'Mills')!;
    await world.desk.updatePerson(world.corp, 'owner', scott.id, { email: 'scott.dry@example.ca' });
    const before = await snapshot();
    await resetStats(world);
    const dry = await world.sync({ dryRun: true });
    expect(outcomesFor(dry, scott.id)).toEqual([
      expect.objectContaining({ outcome: 'updated', changes: [expect.objectContaining({ field: 'email', condoManager: 'scott.dry@example.ca', condoControl: 'scott.mills@example.com' })] }),
    ]);
    expect(writeRequests(await stats(world, 'cc'))).toEqual({});
    expect(await snapshot()).toBe(before);
    // The dry run read the change; it must not have consumed it.
    const real = await world.sync();
    expect(outcomesFor(real, scott.id).map((o) => o.outcome)).toEqual(['updated']);
    expect((await ccUserOf(world, scott.id))!.email).toBe('scott.dry@example.ca');
  });

  it('a dry-run reconcile lists who would be deactivated and deactivates nobody', async () => {
    const gone = (await activeOwners(world))[1]!;
    vanish(world, [gone.id]);
    const before = await snapshot();
    await resetStats(world);
    const job = (await world.core.call('sync.start', { kind: 'reconcile', dryRun: true })) as Job;
    await world.core.runner.idle();
    const dry = (await world.core.call('jobs.get', { id: job.id, limit: 1000 })) as JobDetail;
    expect(dry.status).toBe('succeeded');
    expect(outcomesFor(dry, gone.id).map((o) => o.outcome)).toEqual(['deactivated']);
    expect(writeRequests(await stats(world, 'cc'))).toEqual({});
    expect(await snapshot()).toBe(before);
    // The real reconcile afterwards still finds them.
    const real = await reconcile(world);
    expect(outcomesFor(real, gone.id).map((o) => o.outcome)).toEqual(['deactivated']);
    expect((await ccUserOf(world, gone.id))!.active).toBe(false);
  });
});
