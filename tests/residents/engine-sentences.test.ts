// Issue 10: a French reader never gets the engine's English. Every sentence
// a resident sync stores for people (each record's outcome, each standing
// attention note, a job's error) must be one of shared/core-messages.ts, so
// the console can say it from the catalogue. Run on the sandboxes with messy
// data: a shared email typed in capitals and NFD, an email Condo Control
// refuses, move-out and move-in dates that disagree with the status, a
// resident who vanished, a preview and a full reconcile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMessages } from '@shared/core-messages';
import type { JobDetail } from '@shared/types';
import { i18n } from '../../renderer/src/i18n';
import { coreText } from '../../renderer/src/lib/core-text';
import { cmPeople, createWorld, type World, dbRows } from '../helpers/world';

describe('every sentence the resident sync stores has a code', () => {
  let world: World;
  const jobs: JobDetail[] = [];

  beforeAll(async () => {
    world = await createWorld();
    jobs.push(await world.sync());
    const people = await cmPeople(world);
    const owner = people.find((p) => p.status === 'Active' && p.role === 'owner' && p.email)!;
    const unitIds = [owner.unitIds[0]!];
    await world.desk.createPerson(world.corp, 'tenant', { unitIds, firstName: 'Zoé', lastName: 'D’Arcy', email: owner.email!.toUpperCase().normalize('NFD'), language: 'fr' });
    await world.desk.createPerson(world.corp, 'tenant', { unitIds, firstName: 'Chloé', lastName: 'N’Guessan', email: 'chloé@exämple.ca', language: 'fr' });
    await world.desk.createPerson(world.corp, 'tenant', { unitIds, firstName: 'Émile', lastName: "O'Brien", email: null, moveInDate: '2024-05-01', moveOutDate: '2026-10-31', language: 'en' });
    await world.desk.createPerson(world.corp, 'tenant', { unitIds, firstName: 'Anaïs', lastName: 'Côté', email: null, moveInDate: '2030-01-15', language: 'fr' });
    const leaving = people.find((p) => p.status === 'Active' && p.role === 'tenant' && p.id !== owner.id)!;
    await world.desk.updatePerson(world.corp, 'tenant', leaving.id, { firstName: 'Renée' });
    jobs.push(await world.sync({ dryRun: true }));
    jobs.push(await world.sync());
    jobs.push(await world.sync({ kind: 'reconcile', dryRun: true }));
  });
  afterAll(() => world?.close());

  it('each outcome, note and error reads back to codes, and says itself in French', async () => {
    const texts = new Set<string>();
    for (const job of jobs) {
      if (job.error) texts.add(job.error.message);
      for (const o of job.outcomes.items) if (o.message) texts.add(o.message);
    }
    const attention = await dbRows<{ attention: string }>(world, `SELECT attention FROM id_map WHERE attention IS NOT NULL AND attention != '[]'`);
    for (const row of attention) for (const note of JSON.parse(row.attention) as string[]) texts.add(note);
    expect(texts.size).toBeGreaterThan(5);
    const unread = [...texts].filter((t) => !readMessages(t));
    expect(unread).toEqual([]);

    await i18n.changeLanguage('fr');
    try {
      for (const text of texts) expect(coreText(text)).not.toBe(text);
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
