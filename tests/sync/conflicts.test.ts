// Issue 4, "Conflicts are flagged, never dropped" and "Source wins": every
// conflict case the sandbox seed holds or a desk edit makes, what the job
// reports for it, and what Condo Control ends up holding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDetail } from '@shared/types';
import { cmPeople, createWorld, type CmPerson, type World } from '../helpers/world';
import {
  ccUserOf, ccUsers, cmUnits, flaggedPeople, groupIdByName, outcomesFor, resetStats, stats, store, workspaceId, writeRequests, type CcUser,
} from './helpers';

const TREMBLAY = 'famille.tremblay@example.ca';
const PRIYA = 'priya.sharma@example.com';
const ELODIE = 'e.gagnon@example.ca';

describe('conflicts are flagged, never dropped', () => {
  let world: World;
  let people: CmPerson[];
  let first: JobDetail;
  let invalid: CmPerson;
  let lostUnit: { id: string; number: string };
  let lostUnitResidents: CmPerson[];
  const person = (first: string, last: string) => people.find((p) => p.firstName === first && p.lastName === last)!;

  beforeAll(async () => {
    world = await createWorld();
    people = await cmPeople(world);
    // A unit Condo Control does not have: rename its Condo Control twin (the
    // sandbox has no API for that) so no unit there carries its number.
    const units = await cmUnits(world);
    const active = people.filter((p) => p.status === 'Active');
    const unit = units.find((u) => u.number === '1204')!;
    lostUnit = { id: unit.id, number: unit.number };
    lostUnitResidents = active.filter((p) => p.unitIds.includes(unit.id));
    expect(lostUnitResidents.length).toBeGreaterThan(0);
    const cc = store(world, 'cc');
    cc.prepare("UPDATE units SET name = '1204-OLD' WHERE name = '1204'").run();
    cc.close();
    // A new tenant whose email Condo Control cannot accept.
    const desk = await world.desk.createPerson(world.corp, 'tenant', {
      firstName: 'Ines',
      lastName: 'Badmail',
      email: 'ines.badmail@@example',
      unitIds: [units.find((u) => u.number === '602')!.id],
    });
    people = await cmPeople(world);
    invalid = people.find((p) => p.id === desk.id)!;
    first = await world.sync();
  });
  afterAll(() => world?.close());

  it('a conflict is not a failure: the first sync succeeds with an attention count', () => {
    expect(first.status, JSON.stringify(first.error)).toBe('succeeded');
    expect(first.counts.failed).toBe(0);
    expect(first.counts.conflict).toBeGreaterThanOrEqual(5);
  });

  it('two people sharing one email: the first gets the login, the second is created without it and flagged', async () => {
    const [julie, marc] = [person('Julie', 'Tremblay'), person('Marc', 'Tremblay')];
    const users = [(await ccUserOf(world, julie.id))!, (await ccUserOf(world, marc.id))!];
    expect(users.every(Boolean)).toBe(true);
    const withEmail = users.filter((u) => u.email === TREMBLAY);
    expect(withEmail).toHaveLength(1);
    const [holder, lacker] = withEmail[0]!.externalId === julie.id ? [julie, marc] : [marc, julie];
    expect(users.find((u) => u.externalId === lacker.id)!.email).toBeNull();
    // Still a full user: names, group, unit.
    expect(users.find((u) => u.externalId === lacker.id)).toMatchObject({ firstName: lacker.firstName, lastName: 'Tremblay', active: true });
    expect(outcomesFor(first, holder.id).map((o) => o.outcome)).toEqual(['created']);
    const flag = outcomesFor(first, lacker.id);
    expect(flag).toEqual([expect.objectContaining({ outcome: 'conflict' })]);
    expect(flag[0]!.message).toContain(TREMBLAY);
    expect(flag[0]!.message).toMatch(/in Condo Manager/);
    expect(flag[0]!.message).toMatch(/unit 1203/);
  });

  it('an invalid email: created without one, flagged, with what to fix in Condo Manager', async () => {
    const user = await ccUserOf(world, invalid.id);
    expect(user).toMatchObject({ firstName: 'Ines', lastName: 'Badmail', email: null, active: true });
    const flag = outcomesFor(first, invalid.id);
    expect(flag).toEqual([expect.objectContaining({ outcome: 'conflict' })]);
    expect(flag[0]!.message).toContain('ines.badmail@@example');
    expect(flag[0]!.message).toMatch(/Correct it in Condo Manager/);
  });

  it('a unit Condo Control does not have: the unit and its residents are flagged, the residents still synced', async () => {
    const unitFlag = outcomesFor(first, lostUnit.id);
    expect(unitFlag).toEqual([expect.objectContaining({ entity: 'unit', outcome: 'conflict' })]);
    expect(unitFlag[0]!.message).toContain(`Unit ${lostUnit.number}`);
    expect(unitFlag[0]!.message).toMatch(/Condo Manager/);
    for (const p of lostUnitResidents) {
      const user = await ccUserOf(world, p.id);
      expect(user, p.id).toMatchObject({ lastName: p.lastName, active: true });
      const flag = outcomesFor(first, p.id);
      expect(flag.map((o) => o.outcome)).toEqual(['conflict']);
      expect(flag[0]!.message).toContain(`unit ${lostUnit.number}`);
    }
    const renamed = ((await (await world.cc(`/workspaces/${await workspaceId(world)}/units?limit=1000`)).json()) as { name: string; externalId: string | null }[]).find((u) => u.name === '1204-OLD');
    expect(renamed?.externalId).toBeNull();
  });

  it('an email taken by a hand-made user with the same names: linked, not duplicated', async () => {
    const priya = person('Priya', 'Sharma');
    const users = await ccUsers(world);
    const withEmail = users.filter((u) => u.email?.toLowerCase() === PRIYA);
    expect(withEmail).toHaveLength(1);
    expect(withEmail[0]).toMatchObject({ id: 'user_1', externalId: priya.id, active: true });
    expect(users.filter((u) => u.externalId === priya.id)).toHaveLength(1);
    expect(outcomesFor(first, priya.id).map((o) => o.outcome)).toEqual(['updated']);
  });

  it('an email taken by a hand-made user under other names: flagged, the hand-made user untouched', async () => {
    const elodie = person('Élodie', 'Gagnon');
    const users = await ccUsers(world);
    const dana = users.find((u) => u.id === 'user_2')!;
    expect(dana).toMatchObject({ firstName: 'Dana', lastName: 'Whitfield', email: ELODIE, externalId: null, active: true });
    const mine = users.filter((u) => u.externalId === elodie.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ firstName: 'Élodie', email: null, active: true });
    const flag = outcomesFor(first, elodie.id);
    expect(flag.map((o) => o.outcome)).toEqual(['conflict']);
    expect(flag[0]!.message).toContain(ELODIE);
    expect(flag[0]!.message).toMatch(/different name/);
    // The concierge desk login has no Condo Manager counterpart: left alone.
    expect(users.find((u) => u.id === 'user_3')).toMatchObject({ externalId: null, active: true, firstName: 'Concierge' });
  });

  it('standing conflicts are checked again on every run but not counted again as new (issue 9)', async () => {
    await resetStats(world);
    const again = await world.sync();
    expect(again.status).toBe('succeeded');
    const conflicts = again.outcomes.items.filter((o) => o.outcome === 'conflict');
    expect(conflicts.map((o) => `${o.entityId}: ${o.message}`)).toEqual([]);
    expect(again.counts.conflict).toBe(0);
    // Still checked, one outcome each, still in Needs attention with their notes.
    const standing = new Map(again.outcomes.items.filter((o) => o.outcome === 'unchanged' && o.message).map((o) => [o.entityId, o.message!]));
    for (const id of [person('Élodie', 'Gagnon').id, invalid.id, ...lostUnitResidents.map((p) => p.id)]) expect([...standing.keys()], id).toContain(id);
    expect([person('Julie', 'Tremblay').id, person('Marc', 'Tremblay').id].some((id) => standing.has(id))).toBe(true);
    const flagged = (await flaggedPeople(world));
    for (const id of standing.keys()) if (id.startsWith('p_')) expect(flagged, id).toContain(id);
    expect(again.outcomes.items.filter((o) => ['created', 'updated', 'deactivated', 'failed'].includes(o.outcome))).toEqual([]);
    expect(writeRequests(await stats(world, 'cc'))).toEqual({});
    // Every processed record has exactly one outcome, and progress agrees with the counts.
    const c = again.counts;
    expect(again.progress.done).toBe(c.created + c.updated + c.unchanged + c.deactivated + c.conflict + c.failed);
    expect(new Set(again.outcomes.items.map((o) => `${o.entity}:${o.entityId}`)).size).toBe(again.outcomes.items.length);
  });

  it('when an edit frees a shared email, the person who lacked it gets it on the next sync', async () => {
    const [julie, marc] = [person('Julie', 'Tremblay'), person('Marc', 'Tremblay')];
    const holder = (await ccUserOf(world, julie.id))!.email === TREMBLAY ? julie : marc;
    const lacker = holder === julie ? marc : julie;
    await world.desk.updatePerson(world.corp, 'owner', holder.id, { email: `${holder.firstName.toLowerCase()}.tremblay@example.ca` });
    const job = await world.sync();
    expect(job.status).toBe('succeeded');
    expect((await ccUserOf(world, holder.id))!.email).toBe(`${holder.firstName.toLowerCase()}.tremblay@example.ca`);
    expect((await ccUserOf(world, lacker.id))!.email).toBe(TREMBLAY);
    expect(outcomesFor(job, lacker.id)).toEqual([
      expect.objectContaining({ outcome: 'updated', changes: [expect.objectContaining({ field: 'email', condoManager: TREMBLAY, condoControl: null })] }),
    ]);
    // No longer flagged: the next run leaves them alone.
    const after = await world.sync();
    expect(outcomesFor(after, lacker.id)).toEqual([]);
  });

  it('the same, when the one who frees the email is written after the one who takes it (ids in the other order)', async () => {
    // The holder of a shared email is the longest-standing resident; make it
    // the one whose id sorts last, so a plain id-ordered write would try the
    // taker first and meet a 409.
    const unit = (await cmUnits(world)).find((u) => u.number === '401')!;
    const a = await world.desk.createPerson(world.corp, 'owner', { firstName: 'Avery', lastName: 'Shared', email: 'shared.pair@example.ca', unitIds: [unit.id] });
    const b = await world.desk.createPerson(world.corp, 'owner', { firstName: 'Blake', lastName: 'Shared', email: 'shared.pair@example.ca', unitIds: [unit.id] });
    const [late, early] = a.id > b.id ? [a, b] : [b, a];
    await world.desk.updatePerson(world.corp, 'owner', late.id, { startDate: '2010-01-01' });
    await world.desk.updatePerson(world.corp, 'owner', early.id, { startDate: '2020-01-01' });
    const created = await world.sync();
    expect(created.status).toBe('succeeded');
    expect((await ccUserOf(world, late.id))!.email).toBe('shared.pair@example.ca');
    expect((await ccUserOf(world, early.id))!.email).toBeNull();
    expect(outcomesFor(created, early.id).map((o) => o.outcome)).toEqual(['conflict']);

    await world.desk.updatePerson(world.corp, 'owner', late.id, { email: 'avery.or.blake@example.ca' });
    const freed = await world.sync();
    expect(freed.status).toBe('succeeded');
    expect((await ccUserOf(world, late.id))!.email).toBe('avery.or.blake@example.ca');
    expect((await ccUserOf(world, early.id))!.email, JSON.stringify(outcomesFor(freed, early.id))).toBe('shared.pair@example.ca');
  });

  it('when the holder of a shared email leaves (Past), the one who lacked it gets it on the next sync', async () => {
    // Mateo Santos and Benjamin Ross (same unit, same start date) share mateo.santos@example.ca.
    const pair = people.filter((p) => p.email === 'mateo.santos@example.ca' && p.status === 'Active');
    expect(pair).toHaveLength(2);
    const users = await Promise.all(pair.map(async (p) => (await ccUserOf(world, p.id))!));
    const holder = pair[users.findIndex((u) => u.email === 'mateo.santos@example.ca')]!;
    const lacker = pair.find((p) => p !== holder)!;
    expect((await ccUserOf(world, lacker.id))!.email).toBeNull();
    await world.desk.updatePerson(world.corp, holder.role, holder.id, { status: 'Past' });
    const job = await world.sync();
    expect(job.status).toBe('succeeded');
    expect((await ccUserOf(world, holder.id))!.active).toBe(false);
    // A deactivated user must not keep a login email a current resident needs.
    expect((await ccUserOf(world, lacker.id))!.email, JSON.stringify(outcomesFor(job, lacker.id))).toBe('mateo.santos@example.ca');
  });

  it('source wins: a value changed in Condo Control is replaced, and the old and new values are recorded', async () => {
    const scott = person('Scott', 'Mills');
    const ws = await workspaceId(world);
    const before = (await ccUserOf(world, scott.id))!;
    const res = await world.cc(`/workspaces/${ws}/users/${before.id}`, { method: 'PATCH', body: JSON.stringify({ firstName: 'Scotty' }) });
    expect(res.status).toBe(200);
    await world.desk.updatePerson(world.corp, 'owner', scott.id, { phones: [{ type: 'mobile', number: '416-555-0199' }] });
    const job = await world.sync();
    expect(job.status).toBe('succeeded');
    const after = (await ccUserOf(world, scott.id))!;
    expect(after).toMatchObject({ firstName: 'Scott', phones: [{ type: 'mobile', number: '416-555-0199' }] });
    const [outcome] = outcomesFor(job, scott.id);
    expect(outcome).toMatchObject({ outcome: 'updated' });
    expect(outcome!.message).toMatch(/replaced a change made in Condo Control/);
    expect(outcome!.message).toMatch(/firstName/);
    expect(outcome!.changes).toEqual(
      expect.arrayContaining([
        { field: 'firstName', condoManager: 'Scott', condoControl: 'Scotty' },
        { field: 'phones', condoManager: [{ type: 'mobile', number: '416-555-0199' }], condoControl: [{ type: 'mobile', number: '416-555-0142' }] },
      ]),
    );
    // Only the phone changed in Condo Manager, so only the firstName was overwritten.
    expect(outcome!.message).not.toMatch(/phones/);
  });

  it('fields the sync does not manage stay untouched (a "Board Members" group, a hand-made user)', async () => {
    const scott = person('Scott', 'Mills');
    const ws = await workspaceId(world);
    const groups = await groupIdByName(world);
    const user = (await ccUserOf(world, scott.id))!;
    const board = groups.get('Board Members')!;
    await world.cc(`/workspaces/${ws}/users/${user.id}/groups`, { method: 'PUT', body: JSON.stringify({ groupIds: [...user.groupIds, board] }) });
    await world.desk.updatePerson(world.corp, 'owner', scott.id, { language: 'fr' });
    const job = await world.sync();
    expect(job.status).toBe('succeeded');
    const after = (await ccUserOf(world, scott.id))!;
    expect(after.language).toBe('fr');
    expect(after.groupIds).toEqual(expect.arrayContaining([board, groups.get('Owners')!]));
    expect(outcomesFor(job, scott.id)[0]!.changes?.map((c) => c.field)).toEqual(['language']);
  });

  it('a Past person is deactivated, never deleted', async () => {
    const tenant = people.find((p) => p.role === 'tenant' && p.status === 'Active' && p.lastName !== 'Gagnon' && p.id !== invalid.id)!;
    const before = (await ccUserOf(world, tenant.id))!;
    expect(before.active).toBe(true);
    const count = (await ccUsers(world)).length;
    await world.desk.updatePerson(world.corp, 'tenant', tenant.id, { status: 'Past' });
    const job = await world.sync();
    expect(job.status).toBe('succeeded');
    expect(outcomesFor(job, tenant.id)).toEqual([expect.objectContaining({ outcome: 'deactivated' })]);
    const after = (await ccUserOf(world, tenant.id))!;
    expect(after).toMatchObject({ id: before.id, active: false, lastName: before.lastName });
    expect((await ccUsers(world)).length).toBe(count);
  });

  it('owners go to "Owners" and tenants to "Renters"; a groups setting moves owners on the next sync', async () => {
    const groups = await groupIdByName(world);
    const users = await ccUsers(world);
    const current = (await cmPeople(world)).filter((p) => p.status === 'Active');
    const userOf = (p: CmPerson) => users.find((u) => u.externalId === p.id) as CcUser;
    for (const p of current) {
      expect(userOf(p).groupIds, `${p.role} ${p.id}`).toContain(groups.get(p.role === 'owner' ? 'Owners' : 'Renters'));
    }
    await world.core.call('settings.set', { groups: { owners: 'Residents', tenants: 'Renters' } });
    const job = await world.sync();
    expect(job.status).toBe('succeeded');
    const moved = await ccUsers(world);
    for (const p of current) {
      const u = moved.find((x) => x.externalId === p.id)!;
      if (p.role === 'owner') {
        expect(u.groupIds, p.id).toContain(groups.get('Residents'));
        // Moved, not added: the sync's own former group is let go.
        expect(u.groupIds, p.id).not.toContain(groups.get('Owners'));
      } else {
        expect(u.groupIds, p.id).toEqual([groups.get('Renters')]);
      }
    }
    // The hand-made conflicting user (in "Residents" by hand, not by the sync) is not touched.
    expect(moved.find((u) => u.id === 'user_2')!.groupIds).toEqual([groups.get('Residents')]);
  });
});
