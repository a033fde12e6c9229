// Issue 9, kind 3: move-out and move-in dates that disagree with the status.
// Condo Manager's status stays the authority (nobody is deactivated or held
// back on a date alone), but the person is flagged so the desk finishes the
// move. Dates are compared in the corporation's time zone (America/Toronto),
// on a fake clock only where time must pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/world';
import { ccUserOf, cmUnits, flaggedPeople, outcomesFor } from '../sync/helpers';

const MOVED_OUT = 'Moved out on 31 Oct according to Condo Manager, but still Active there. Finish the move-out in Condo Manager.';

describe('move-out and move-in dates against the status', () => {
  let world: World;
  let now = new Date('2026-11-30T15:00:00Z');
  let unitId: (n: string) => string;
  let movedOut: string;
  const tenant = async (unit: string, fields: Record<string, unknown>) =>
    (await world.desk.createPerson(world.corp, 'tenant', { firstName: 'Test', lastName: `Tenant ${unit}`, email: null, unitIds: [unitId(unit)], ...fields })).id;

  beforeAll(async () => {
    world = await createWorld({ core: { clock: { now: () => now } } });
    const units = await cmUnits(world);
    unitId = (n) => units.find((u) => u.number === n)!.id;
    await world.sync();
  });
  afterAll(() => world?.close());

  it('a passed move-out date on an Active tenant: still active in Condo Control, flagged in the words of the issue', async () => {
    const id = await tenant('1101', { moveInDate: '2024-05-01', moveOutDate: '2026-10-31' });
    movedOut = id;
    const job = await world.sync();
    expect((await ccUserOf(world, id))!.active).toBe(true);
    const [o] = outcomesFor(job, id);
    expect(o).toMatchObject({ outcome: 'conflict' });
    expect(o!.message).toContain(MOVED_OUT);
    expect(await flaggedPeople(world)).toContain(id);
  });

  it('other inputs of the kind: an earlier year, an owner whose end date passed, a date that is today (not yet passed)', async () => {
    const lastYear = await tenant('1102', { moveInDate: '2020-01-01', moveOutDate: '2025-06-30' });
    const owner = (await world.desk.createPerson(world.corp, 'owner', { firstName: 'Ended', lastName: 'Owner', email: null, unitIds: [unitId('503')], endDate: '2026-11-15', status: 'Active' })).id;
    const today = await tenant('602', { moveInDate: '2023-01-01', moveOutDate: '2026-11-30' });
    const job = await world.sync();
    expect(outcomesFor(job, lastYear)[0]!.message).toContain('Moved out on 30 Jun 2025 according to Condo Manager');
    expect(outcomesFor(job, owner)[0]!.message).toContain('Moved out on 15 Nov according to Condo Manager');
    expect(outcomesFor(job, owner)[0]!.message).toContain('Information → Owner');
    expect(outcomesFor(job, today)).toEqual([expect.objectContaining({ outcome: 'created' })]);
    for (const id of [lastYear, owner, today]) expect((await ccUserOf(world, id))!.active).toBe(true);
  });

  it('a move-in date in the future: synced now (the status says Active), flagged', async () => {
    const id = await tenant('702', { moveInDate: '2027-01-15', moveOutDate: null });
    const job = await world.sync();
    expect((await ccUserOf(world, id))!.active).toBe(true);
    expect(outcomesFor(job, id)[0]!.message).toContain('Moves in on 15 Jan 2027 according to Condo Manager');
  });

  it('a Past tenant with a passed move-out date is simply deactivated, not flagged', async () => {
    const id = await tenant('804', { moveInDate: '2022-01-01', moveOutDate: null });
    await world.sync();
    await world.desk.updatePerson(world.corp, 'tenant', id, { status: 'Past', moveOutDate: '2026-10-31', endDate: '2026-10-31' });
    const job = await world.sync();
    expect(outcomesFor(job, id)).toEqual([expect.objectContaining({ outcome: 'deactivated' })]);
    expect(await flaggedPeople(world)).not.toContain(id);
  });

  it("the day is the corporation's: 23:30 on 31 Oct in Toronto is 03:30 on 1 Nov in UTC, and not yet past", async () => {
    now = new Date('2026-11-01T03:30:00Z');
    const id = await tenant('1203', { moveInDate: '2021-01-01', moveOutDate: '2026-10-31' });
    const before = await world.sync();
    expect(outcomesFor(before, id)).toEqual([expect.objectContaining({ outcome: 'created' })]);
    // Time passes with no edit in Condo Manager: at 01:00 in Toronto the date has passed, and the next sync flags it.
    now = new Date('2026-11-01T05:00:00Z');
    const after = await world.sync();
    expect(outcomesFor(after, id)).toEqual([expect.objectContaining({ outcome: 'conflict', message: expect.stringContaining(MOVED_OUT) })]);
    expect((await ccUserOf(world, id))!.active).toBe(true);
    now = new Date('2026-11-30T15:00:00Z');
  });

  it('finishing the move-out in Condo Manager clears the flag and deactivates the user', async () => {
    const id = movedOut;
    await world.desk.updatePerson(world.corp, 'tenant', id, { status: 'Past' });
    const job = await world.sync();
    expect(outcomesFor(job, id)).toEqual([expect.objectContaining({ outcome: 'deactivated' })]);
    expect(await flaggedPeople(world)).not.toContain(id);
  });
});
