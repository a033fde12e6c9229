// An existing person whose NEW email Condo Control cannot accept: the same
// outcome whether the console's own check caught it (no request spent) or
// Condo Control answered 422: the user keeps the email Condo Control has, the
// person's other changes land, and they are flagged with what to fix in
// Condo Manager. Corrected in Condo Manager, the email lands and the flag clears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/world';
import { ccUserOf, cmPeople, flaggedPeople, outcomesFor, resetStats, stats, writeRequests } from '../sync/helpers';

const KEPT = /^The (owner|tenant) of unit [^.]+ has an email Condo Control cannot accept \((.+)\)\. Condo Control keeps the email it has\. Correct it in Condo Manager \(Information → (Owner|Tenant)\)\.$/;

describe("an existing person's new email that Condo Control cannot accept", () => {
  let world: World;
  const refuse = (rules: { field: string; contains: string }[]) => world.sandbox('cc', '/refusals', { rules }, 'PUT');

  beforeAll(async () => {
    world = await createWorld();
    expect((await world.sync()).status).toBe('succeeded');
  });
  afterAll(() => world?.close());

  // Bad emails as people type them; each with a new phone, and a name in NFD (Zoë as Z o ¨ e).
  const ownCheck = [
    'noémie.tremblay@exemple.ca',
    'jean..guy@example.org',
    'O’Brien <obrien@example.ie>',
    'marc@localhost',
    'josée@',
  ];
  // Emails that pass the console's check but this Condo Control refuses (422).
  const refused = ['ana.souza@old-domain.example', 'BEN.OKAFOR@OLD-DOMAIN.EXAMPLE'];

  it('both paths: Condo Control keeps its email, the new phone and name land, and the person is flagged with the same note', async () => {
    await refuse([{ field: 'email', contains: 'old-domain.example' }, { field: 'email', contains: 'OLD-DOMAIN.EXAMPLE' }]);
    const people = (await cmPeople(world)).filter((p) => p.status === 'Active' && p.email && p.lastName !== 'Mills');
    const cases = [...ownCheck.map((email) => ({ email, via: 'check' })), ...refused.map((email) => ({ email, via: '422' }))].map((c, i) => ({
      ...c,
      person: people[i]!,
      phone: `514-555-01${String(10 + i)}`,
    }));
    const before = new Map<string, string | null>();
    for (const c of cases) {
      before.set(c.person.id, (await ccUserOf(world, c.person.id))!.email);
      await world.desk.updatePerson(world.corp, c.person.role, c.person.id, {
        email: c.email,
        firstName: 'Zoe\u0308',
        phones: [{ type: 'mobile', number: c.phone }],
      });
    }
    await resetStats(world);
    const job = await world.sync();
    expect(job.status).toBe('succeeded');
    const flagged = (await flaggedPeople(world));
    for (const c of cases) {
      const user = await ccUserOf(world, c.person.id);
      expect(before.get(c.person.id), c.email).toBeTruthy();
      expect(user, c.email).toMatchObject({ email: before.get(c.person.id), firstName: 'Zoe\u0308', phones: [{ type: 'mobile', number: c.phone }], active: true });
      const [o] = outcomesFor(job, c.person.id);
      expect(o, c.email).toMatchObject({ outcome: 'conflict' });
      const m = KEPT.exec(o!.message ?? '');
      expect(m, `${c.via}: ${o!.message}`).not.toBeNull();
      expect(m![2]).toBe(c.email);
      expect(m![3]).toBe(c.person.role === 'owner' ? 'Owner' : 'Tenant');
      // What landed is what the history lists: never the email.
      expect(o!.changes?.map((x) => x.field).sort(), c.email).toEqual(['firstName', 'phones']);
      expect(flagged.has(c.person.id), c.email).toBe(true);
    }
    // The console's own check spends no request; only the emails it cannot know of were refused.
    expect((await stats(world, 'cc')).statuses['422'] ?? 0).toBe(refused.length);

    // The next sync writes nothing, does not count them again, and keeps them in Needs attention.
    await resetStats(world);
    const again = await world.sync();
    expect(again.counts.failed).toBe(0);
    expect(again.outcomes.items.filter((o) => o.outcome === 'conflict')).toEqual([]);
    expect(again.counts.conflict).toBe(0);
    for (const c of cases) expect(outcomesFor(again, c.person.id).map((o) => o.outcome), c.email).toEqual(['unchanged']);
    expect(writeRequests(await stats(world, 'cc'))).toEqual({});
    for (const c of cases) expect((await flaggedPeople(world)).has(c.person.id), c.email).toBe(true);

    // Corrected in Condo Manager: the email lands on both paths and the flag clears.
    await refuse([]);
    for (const [i, c] of cases.entries()) await world.desk.updatePerson(world.corp, c.person.role, c.person.id, { email: `zoe.${i}@exemple.ca` });
    const fixed = await world.sync();
    for (const [i, c] of cases.entries()) {
      expect(outcomesFor(fixed, c.person.id).map((o) => o.outcome), c.email).toEqual(['updated']);
      expect((await ccUserOf(world, c.person.id))!.email).toBe(`zoe.${i}@exemple.ca`);
      expect((await flaggedPeople(world)).has(c.person.id)).toBe(false);
    }
  });

  it('a user without an email in Condo Control stays without one, and the note says so', async () => {
    const p = (await cmPeople(world)).find((x) => x.status === 'Active' && x.role === 'tenant' && x.email && !x.email.startsWith('zoe.'))!;
    await world.desk.updatePerson(world.corp, 'tenant', p.id, { email: null });
    await world.sync();
    expect((await ccUserOf(world, p.id))!.email).toBeNull();
    await world.desk.updatePerson(world.corp, 'tenant', p.id, { email: 'gaëlle@exemple.ca', phones: [{ type: 'home', number: '418-555-0199' }] });
    const job = await world.sync();
    expect(await ccUserOf(world, p.id)).toMatchObject({ email: null, phones: [{ type: 'home', number: '418-555-0199' }] });
    expect(outcomesFor(job, p.id)[0]!.message).toMatch(/cannot accept \(gaëlle@exemple\.ca\)\. They were synced without one\. Correct it in Condo Manager \(Information → Tenant\)\./);
  });

  it('the email such a person keeps is not handed to someone else meanwhile: flagged, not a refused write every night', async () => {
    const [a, b] = (await cmPeople(world)).filter((x) => x.status === 'Active' && x.role === 'owner' && x.email && !x.email.startsWith('zoe.') && x.lastName !== 'Mills').slice(-2);
    const x = (await ccUserOf(world, a!.id))!.email!;
    await world.desk.updatePerson(world.corp, 'owner', a!.id, { email: 'a.b.@exemple.ca' });
    await world.desk.updatePerson(world.corp, 'owner', b!.id, { email: x.toUpperCase() });
    await resetStats(world);
    const job = await world.sync();
    expect((await ccUserOf(world, a!.id))!.email).toBe(x);
    expect((await ccUserOf(world, b!.id))!.email).not.toBe(x);
    expect(outcomesFor(job, b!.id)[0]!.message).toMatch(/which belongs to another Condo Control user\. They were synced without it\./);
    expect((await stats(world, 'cc')).statuses['409'] ?? 0).toBe(0);
    // Once the first corrects theirs in Condo Manager, the second gets it in the same run.
    await world.desk.updatePerson(world.corp, 'owner', a!.id, { email: 'a.b@exemple.ca' });
    await world.sync();
    expect((await ccUserOf(world, a!.id))!.email).toBe('a.b@exemple.ca');
    expect((await ccUserOf(world, b!.id))!.email?.toLowerCase()).toBe(x.toLowerCase());
  });
});
