// Issue 9, kind 1: a value Condo Control refuses never makes a person
// disappear. The person is synced with every other value, in the right group
// and unit, and flagged with what to fix in Condo Manager; an existing
// person's other changes still land; nothing fails again on the next run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDetail } from '@shared/types';
import { createWorld, type World } from '../helpers/world';
import { ccUserOf, flaggedPeople, outcomesFor, resetStats, stats, unitLookups, workspaceId, writeRequests } from '../sync/helpers';

describe('values Condo Control refuses', () => {
  let world: World;
  let unitId: (n: string) => string;
  let ccUnitId: (n: string) => string;
  let groups: Map<string, string>;
  const refuse = (rules: { field: string; contains: string }[]) => world.sandbox('cc', '/refusals', { rules }, 'PUT');

  beforeAll(async () => {
    world = await createWorld();
    ({ unitId, ccUnitId, groups } = await unitLookups(world));
    await world.sync();
  });
  afterAll(() => world?.close());

  it('the sandbox Condo Control refuses what the real one documents: an invalid login email (422), a taken one (409)', async () => {
    const ws = await workspaceId(world);
    const post = (email: string) =>
      world.cc(`/workspaces/${ws}/users`, { method: 'POST', body: JSON.stringify({ lastName: 'Probe', email, groupIds: [groups.get('Owners')] }) });
    for (const bad of ['noemie..tremblay@example.org', '.lead@example.org', 'Ann <ann@example.ca>', 'x@[10.0.0.1]', 'élodie@example.ca']) {
      const res = await post(bad);
      expect(res.status, bad).toBe(422);
      expect(((await res.json()) as { errors: { key: string }[] }).errors.map((e) => e.key)).toContain('email');
    }
    expect((await post('scott.mills@example.com')).status).toBe(409);
  });

  describe('emails the console itself knows Condo Control refuses (flagged before a request is spent)', () => {
    const cases = [
      { role: 'owner' as const, unit: '1101', email: 'noemie..tremblay@example.org', first: 'Noémie', last: 'Tremblay' },
      { role: 'tenant' as const, unit: '1102', email: '.lucie@example.ca', first: 'Lucie', last: 'Bergeron' },
      { role: 'owner' as const, unit: '503', email: 'Ann Roy <ann.roy@example.ca>', first: 'Ann', last: 'Roy' },
      { role: 'tenant' as const, unit: '602', email: 'hélène@exemple.ca', first: 'Hélène', last: 'Pagé' },
      { role: 'owner' as const, unit: '702', email: 'kim@[10.0.0.7]', first: 'Kim', last: 'Ng' },
    ];
    const ids: string[] = [];
    let job: JobDetail;

    beforeAll(async () => {
      for (const c of cases) ids.push((await world.desk.createPerson(world.corp, c.role, { firstName: c.first, lastName: c.last, email: c.email, unitIds: [unitId(c.unit)] })).id);
      await resetStats(world);
      job = await world.sync();
    });

    it('each is created without the email, in the right group and unit, and flagged with the screen to fix it in', async () => {
      expect(job.status).toBe('succeeded');
      for (const [i, c] of cases.entries()) {
        const user = await ccUserOf(world, ids[i]!);
        expect(user, c.email).toMatchObject({ firstName: c.first, lastName: c.last, email: null, active: true, unitIds: [ccUnitId(c.unit)] });
        expect(user!.groupIds).toEqual([groups.get(c.role === 'owner' ? 'Owners' : 'Renters')]);
        const [o] = outcomesFor(job, ids[i]!);
        expect(o, c.email).toMatchObject({ outcome: 'conflict' });
        expect(o!.message).toContain(c.email);
        expect(o!.message).toContain(`Information → ${c.role === 'owner' ? 'Owner' : 'Tenant'}`);
      }
      for (const id of ids) expect((await flaggedPeople(world))).toContain(id);
      // Not one request was refused: the console checked first.
      expect((await stats(world, 'cc')).statuses['422'] ?? 0).toBe(0);
    });

    it('the next sync fails nothing, writes nothing and does not count them again', async () => {
      await resetStats(world);
      const again = await world.sync();
      expect(again.status).toBe('succeeded');
      expect(again.counts.failed).toBe(0);
      expect(again.counts.conflict).toBe(0);
      for (const id of ids) expect(outcomesFor(again, id).map((o) => o.outcome)).toEqual(['unchanged']);
      expect(writeRequests(await stats(world, 'cc'))).toEqual({});
    });
  });

  describe('values Condo Control refuses that the console cannot know of (422): retried without them', () => {
    it('a create: the person exists without the refused phone, flagged; the next run spends nothing on it', async () => {
      await refuse([{ field: 'phones', contains: '555-0000' }]);
      const p = await world.desk.createPerson(world.corp, 'tenant', {
        firstName: 'Mateus', lastName: 'Ferreira', email: 'mateus.ferreira@example.br', phones: [{ type: 'mobile', number: '416-555-0000' }], unitIds: [unitId('1203')],
      });
      const job = await world.sync();
      expect(job.status).toBe('succeeded');
      expect(await ccUserOf(world, p.id)).toMatchObject({ email: 'mateus.ferreira@example.br', phones: [], unitIds: [ccUnitId('1203')], groupIds: [groups.get('Renters')] });
      const [o] = outcomesFor(job, p.id);
      expect(o).toMatchObject({ outcome: 'conflict' });
      expect(o!.message).toMatch(/refused the phone number/);
      expect(o!.message).toContain('Information → Tenant');
      await resetStats(world);
      const again = await world.sync();
      expect(outcomesFor(again, p.id).map((x) => x.outcome)).toEqual(['unchanged']);
      expect(writeRequests(await stats(world, 'cc'))).toEqual({});
    });

    it("an update: a refused new email stays out, the person's new phone and name still land", async () => {
      await refuse([{ field: 'email', contains: '@legacy.example' }]);
      const scott = (await world.core.call('units.list', { query: 'scott mills' })) as { items: { residents: { id: string; firstName: string }[] }[] };
      const id = scott.items[0]!.residents.find((r) => r.firstName === 'Scott')!.id;
      await world.desk.updatePerson(world.corp, 'owner', id, { email: 'scott@legacy.example', phones: [{ type: 'home', number: '416-555-0111' }], firstName: 'Scotty' });
      const job = await world.sync();
      const user = await ccUserOf(world, id);
      expect(user).toMatchObject({ email: 'scott.mills@example.com', firstName: 'Scotty', phones: [{ type: 'home', number: '416-555-0111' }], active: true });
      const [o] = outcomesFor(job, id);
      expect(o).toMatchObject({ outcome: 'conflict' });
      expect(o!.message).toContain('scott@legacy.example');
      expect(o!.message).toContain('Information → Owner');
      expect(o!.changes?.map((c) => c.field).sort()).toEqual(['firstName', 'phones']);
      // Corrected in Condo Manager: it lands on the next sync, and the flag clears.
      await refuse([]);
      await world.desk.updatePerson(world.corp, 'owner', id, { email: 'scott.mills2@example.com' });
      const fixed = await world.sync();
      expect(outcomesFor(fixed, id)).toEqual([expect.objectContaining({ outcome: 'updated' })]);
      expect((await ccUserOf(world, id))!.email).toBe('scott.mills2@example.com');
      expect((await flaggedPeople(world))).not.toContain(id);
    });

    it('a refused first name on a create: the user still exists, with the last name', async () => {
      await refuse([{ field: 'firstName', contains: '#' }]);
      const p = await world.desk.createPerson(world.corp, 'owner', { firstName: 'Unit#2 Holdings', lastName: 'Inc.', email: null, unitIds: [unitId('1204')] });
      const job = await world.sync();
      expect(await ccUserOf(world, p.id)).toMatchObject({ firstName: '', lastName: 'Inc.', groupIds: [groups.get('Owners')] });
      expect(outcomesFor(job, p.id)[0]!.message).toMatch(/refused the first name/);
      await refuse([]);
    });

    it('a refused last name (required, nothing to leave out) fails that record alone; the others are synced', async () => {
      await refuse([{ field: 'lastName', contains: '!' }]);
      const bad = await world.desk.createPerson(world.corp, 'owner', { firstName: 'Bad', lastName: 'Name!', email: null, unitIds: [unitId('1104')] });
      const good = await world.desk.createPerson(world.corp, 'owner', { firstName: 'Good', lastName: 'Name', email: null, unitIds: [unitId('1104')] });
      const job = await world.sync();
      expect(job.status).toBe('partial');
      expect(outcomesFor(job, bad.id)).toEqual([expect.objectContaining({ outcome: 'failed' })]);
      expect(outcomesFor(job, good.id)).toEqual([expect.objectContaining({ outcome: 'created' })]);
      expect(await ccUserOf(world, bad.id)).toBeUndefined();
      await refuse([]);
    });
  });
});
