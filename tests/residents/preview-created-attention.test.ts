// Issue 10: a preview must not undercount new users. A new resident who also
// needs attention (an email another resident already has, an email Condo
// Control refuses) is still created by the real run, and Condo Control still
// sends them its welcome email: the preview counts them as created, says that
// some of them also need attention, and every count adds up to the total.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsInWords, tally } from '@shared/job-summary';
import { previewEffects } from '@shared/preview';
import { isStandingAttention } from '@shared/standing-attention';
import type { JobDetail, Resident } from '@shared/types';
import { cmPeople, createWorld, type World } from '../helpers/world';
import { ccUserOf, outcomesFor } from '../sync/helpers';

/** Every processed record in exactly one bucket. */
function bucketsAddUp(job: JobDetail): void {
  const n = tally(job.counts);
  const processed = Object.entries(job.counts)
    .filter(([k]) => k !== 'alsoWritten')
    .reduce((sum, [, v]) => sum + (v as number), 0);
  expect(n.created + n.updated + n.deactivated + n.attention + n.failed + n.unchanged).toBe(processed);
  expect(job.outcomes.total).toBe(processed);
}

describe('a preview counts every new user, including those who also need attention', () => {
  let world: World;
  const ids: Record<'shared' | 'refused' | 'plain', string> = { shared: '', refused: '', plain: '' };
  let sharedWith = '';

  beforeAll(async () => {
    world = await createWorld();
    expect((await world.sync()).status).toBe('succeeded');
    const people = await cmPeople(world);
    const owner = people.find((p) => p.status === 'Active' && p.role === 'owner' && p.email)!;
    sharedWith = owner.id;
    const unit = owner.unitIds[0]!;
    // The same address as the owner's, as another person types it: capitals, and the NFD form of any accent.
    const sharedEmail = owner.email!.toUpperCase().normalize('NFD');
    ids.shared = (await world.desk.createPerson(world.corp, 'tenant', { unitIds: [unit], firstName: 'Zoé', lastName: 'D’Arcy', email: sharedEmail, language: 'fr' })).id;
    ids.refused = (await world.desk.createPerson(world.corp, 'tenant', { unitIds: [unit], firstName: 'Chloé', lastName: 'N’Guessan', email: 'chloé@exämple.ca', language: 'fr' })).id;
    ids.plain = (await world.desk.createPerson(world.corp, 'tenant', { unitIds: [unit], firstName: 'Émile', lastName: "O'Brien", email: 'emile.obrien@example.ca', language: 'en' })).id;
  });
  afterAll(() => world?.close());

  it('the preview says 3 will be created, 2 of them also needing attention, and the counts add up', async () => {
    const dry = await world.sync({ dryRun: true });
    expect(dry.status).toBe('succeeded');
    for (const key of ['shared', 'refused'] as const) {
      expect(outcomesFor(dry, ids[key])).toEqual([expect.objectContaining({ outcome: 'conflict', effect: 'created' })]);
    }
    expect(outcomesFor(dry, ids.plain)).toEqual([expect.objectContaining({ outcome: 'created' })]);
    expect(outcomesFor(dry, ids.plain)[0]).not.toHaveProperty('effect');

    const n = tally(dry.counts);
    expect(n.created).toBe(3);
    expect(n.createdAttention).toBe(2);
    expect(dry.counts.alsoWritten).toEqual({ created: 2, updated: 0, deactivated: 0 });
    bucketsAddUp(dry);
    expect(countsInWords(dry.counts)[0]).toBe('3 created (2 of them also need attention)');

    const e = previewEffects(dry.outcomes.items);
    expect(e.created.map((o) => o.entityId).sort()).toEqual(Object.values(ids).sort());
    // The person already holding the email is flagged too, but writes nothing: attention only.
    expect(e.attention.map((o) => o.entityId)).not.toContain(ids.shared);
    const listed = e.created.length + e.updated.length + e.deactivated.length + e.attention.length + e.standing.length + e.failed.length + e.units.length;
    // A standing note (unchanged, still open from the first sync) is listed under attention, not as unchanged.
    const unchanged = dry.outcomes.items.filter((o) => o.outcome === 'unchanged' && !isStandingAttention(o)).length;
    expect(listed + unchanged).toBe(dry.outcomes.total);
  });

  it('the real run creates the same three, with the same counts, and keeps the creation in the history', async () => {
    const dry = (await world.core.call('jobs.list', { limit: 1 })) as { items: JobDetail[] };
    const real = await world.sync();
    expect(real.status).toBe('succeeded');
    expect(real.counts).toEqual(dry.items[0]!.counts);
    bucketsAddUp(real);
    expect(await ccUserOf(world, ids.shared)).toMatchObject({ firstName: 'Zoé', lastName: 'D’Arcy', email: null, active: true });
    expect(await ccUserOf(world, ids.refused)).toMatchObject({ firstName: 'Chloé', email: null, active: true });
    expect(await ccUserOf(world, ids.plain)).toMatchObject({ lastName: "O'Brien", email: 'emile.obrien@example.ca' });
    // The owner who had the email first keeps it.
    expect((await ccUserOf(world, sharedWith))?.email).toBeTruthy();

    const zoe = (await world.core.call('residents.get', { id: ids.shared })) as Resident;
    expect(zoe.history[0]).toMatchObject({ outcome: 'conflict', effect: 'created' });
    expect(zoe.attention.length).toBeGreaterThan(0);

    // Nothing new the next time: the standing notes are not counted again, nobody is created twice.
    const again = await world.sync();
    expect(tally(again.counts)).toMatchObject({ created: 0, createdAttention: 0 });
  });
});
