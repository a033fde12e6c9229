// Issue 9, kind 4: a resident who moves (a record ended and a new one with the
// same identity) keeps their Condo Control user, login history and settings;
// the same email under another name is flagged for a person, never guessed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resident } from '@shared/types';
import { createWorld, type World, dbRows } from '../helpers/world';
import { ccUserOf, ccUsers, outcomesFor, unitLookups } from '../sync/helpers';

describe('transfers: the same resident in a new Condo Manager record', () => {
  let world: World;
  let unitId: (n: string) => string;
  let ccUnitId: (n: string) => string;
  let groups: Map<string, string>;
  const owner = async (unit: string, first: string, last: string, email: string | null) =>
    (await world.desk.createPerson(world.corp, 'owner', { firstName: first, lastName: last, email, unitIds: [unitId(unit)] })).id;
  const usersWithEmail = async (email: string) => (await ccUsers(world)).filter((u) => u.email?.toLowerCase() === email.toLowerCase());

  beforeAll(async () => {
    world = await createWorld();
    ({ unitId, ccUnitId, groups } = await unitLookups(world));
    await world.sync();
  });
  afterAll(() => world?.close());

  it('ended and re-created in the same run: the user is kept, re-linked, moved to the new unit, and the history says so', async () => {
    const old = await owner('804', 'Gabriel', 'Lessard', 'gabriel.lessard@example.ca');
    await world.sync();
    const user = (await ccUserOf(world, old))!;
    await world.desk.updatePerson(world.corp, 'owner', old, { status: 'Past' });
    const next = await owner('1104', 'Gabriel', 'Lessard', 'gabriel.lessard@example.ca');
    const job = await world.sync();
    expect(job.status).toBe('succeeded');
    const moved = (await ccUserOf(world, next))!;
    expect(moved.id).toBe(user.id);
    expect(moved).toMatchObject({ active: true, unitIds: [ccUnitId('1104')], groupIds: [groups.get('Owners')], email: 'gabriel.lessard@example.ca' });
    expect(await usersWithEmail('gabriel.lessard@example.ca')).toHaveLength(1);
    expect(outcomesFor(job, next)).toEqual([expect.objectContaining({ outcome: 'updated', message: expect.stringContaining('Same resident, moved from unit 804 to 1104') })]);
    expect(outcomesFor(job, old)).toEqual([expect.objectContaining({ outcome: 'unchanged' })]);
    expect(job.counts.created + job.counts.deactivated).toBe(0);
    // The history a support person reads on the new record; the old record no longer names the user.
    const resident = (await world.core.call('residents.get', { id: next })) as Resident;
    expect(resident.history[0]?.message).toContain('Same resident, moved from unit 804 to 1104');
    const [oldMap] = await dbRows<{ target_id: string | null }>(world, "SELECT target_id FROM id_map WHERE entity = 'person' AND source_id = ?", old);
    expect(oldMap!.target_id).toBeNull();
    // Nothing left to do on the next run.
    const again = await world.sync();
    expect(again.counts.created + again.counts.updated + again.counts.deactivated + again.counts.failed).toBe(0);
  });

  it('ended in one run, re-created in a later one: the deactivated user is reactivated and moved, not duplicated', async () => {
    const old = await owner('503', 'Amélie', 'Dufresne', 'amelie.dufresne@example.ca');
    await world.sync();
    const user = (await ccUserOf(world, old))!;
    await world.desk.updatePerson(world.corp, 'owner', old, { status: 'Past' });
    await world.sync();
    expect((await ccUserOf(world, old))!.active).toBe(false);
    const next = await owner('602', 'Amélie', 'Dufresne', 'amelie.dufresne@example.ca');
    const job = await world.sync();
    const moved = (await ccUserOf(world, next))!;
    expect(moved).toMatchObject({ id: user.id, active: true, unitIds: [ccUnitId('602')] });
    expect(outcomesFor(job, next)[0]!.message).toContain('Same resident, moved from unit 503 to 602');
    expect(await usersWithEmail('amelie.dufresne@example.ca')).toHaveLength(1);
  });

  it('names that read the same in other Unicode forms, case and punctuation, and an owner who becomes a tenant', async () => {
    const old = await owner('1203', 'Anne-Marie', 'Côté', 'AM.Cote@Example.ca');
    await world.sync();
    const user = (await ccUserOf(world, old))!;
    await world.desk.updatePerson(world.corp, 'owner', old, { status: 'Past' });
    const next = (
      await world.desk.createPerson(world.corp, 'tenant', {
        firstName: 'ANNE–MARIE'.normalize('NFD'), lastName: 'cote', email: 'am.cote@example.ca', unitIds: [unitId('1204')],
      })
    ).id;
    const job = await world.sync();
    const moved = (await ccUserOf(world, next))!;
    expect(moved.id).toBe(user.id);
    expect(moved).toMatchObject({ unitIds: [ccUnitId('1204')], groupIds: [groups.get('Renters')], lastName: 'cote' });
    expect(outcomesFor(job, next)[0]!.message).toContain('Same resident, moved from unit 1203 to 1204');
  });

  it('the same email under another name: flagged for a person to decide; the old user is left alone', async () => {
    const old = await owner('1101', 'Robert', 'Nadeau', 'r.nadeau@example.ca');
    await world.sync();
    const user = (await ccUserOf(world, old))!;
    await world.desk.updatePerson(world.corp, 'owner', old, { status: 'Past' });
    await world.sync();
    const next = await owner('1102', 'Rachel', 'Nadeau', 'r.nadeau@example.ca');
    const job = await world.sync();
    const [o] = outcomesFor(job, next);
    expect(o).toMatchObject({ outcome: 'conflict' });
    expect(o!.message).toMatch(/past resident of unit 1101 with another name/);
    expect(o!.message).toContain('Information → Owner');
    expect(await ccUserOf(world, old)).toMatchObject({ id: user.id, active: false, externalId: old, unitIds: [ccUnitId('1101')] });
    expect((await ccUserOf(world, next))!.id).not.toBe(user.id);
  });

  it('a new person with a new email is no transfer, and an active holder of the email is never taken over', async () => {
    const a = await owner('702', 'Louis', 'Gendron', 'louis.gendron@example.ca');
    await world.sync();
    const userA = (await ccUserOf(world, a))!;
    // Same name and email, but the first record is still Active: two records of one person, not a move.
    const b = await owner('804', 'Louis', 'Gendron', 'louis.gendron@example.ca');
    const job = await world.sync();
    expect((await ccUserOf(world, a))!.id).toBe(userA.id);
    expect((await ccUserOf(world, a))!.externalId).toBe(a);
    expect(outcomesFor(job, b)[0]!.outcome).toBe('conflict');
  });
});
