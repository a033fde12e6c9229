// Issue 9, kind 2: the Unit File's search finds people as they are read, not
// as their bytes are stored, on the real sandboxes and the real SQLite cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, UnitSummary } from '@shared/types';
import { createWorld, type World, dbRows } from '../helpers/world';
import { cmUnits } from '../sync/helpers';

describe('units.list search: case, accents and typography folded', () => {
  let world: World;
  const search = async (query: string) => (await world.core.call('units.list', { query, limit: 200 })) as Page<UnitSummary>;
  const numbers = async (query: string) => (await search(query)).items.map((u) => u.number).sort();

  beforeAll(async () => {
    world = await createWorld();
    const units = await cmUnits(world);
    const unit = (n: string) => units.find((u) => u.number === n)!.id;
    // Names typed by the accounting desk in forms other systems would store differently.
    await world.desk.createPerson(world.corp, 'tenant', { firstName: 'Siobhán', lastName: 'O’Connor', email: 'siobhan.oconnor@example.ie', unitIds: [unit('503')] });
    await world.desk.createPerson(world.corp, 'owner', { firstName: 'Anne–Sophie', lastName: 'Bérubé'.normalize('NFD'), email: 'AS.Berube@Example.ca', unitIds: [unit('1101')] });
    await world.desk.createPerson(world.corp, 'owner', { firstName: 'Zoë', lastName: 'Lefebvre\u00a0Roy', email: null, unitIds: [unit('1102')] });
    await world.sync();
  });
  afterAll(() => world?.close());

  it('a lower-case or unaccented query finds the accented name, as the accented one does', async () => {
    const elodie = await numbers('Élodie');
    expect(elodie).toContain('702');
    expect(await numbers('élodie')).toEqual(elodie);
    expect(await numbers('elodie')).toEqual(elodie);
    expect(await numbers('ELODIE')).toEqual(elodie);
  });

  it("'CÔTÉ', 'cote' and 'Côté' find the same units", async () => {
    const cote = await numbers('Côté');
    expect(cote.length).toBeGreaterThanOrEqual(2);
    expect(await numbers('CÔTÉ')).toEqual(cote);
    expect(await numbers('cote')).toEqual(cote);
    expect(await numbers('Côté'.normalize('NFD'))).toEqual(cote);
  });

  it('apostrophes, dashes and spaces in any typographic form', async () => {
    expect(await numbers("O'Connor")).toEqual(['503']);
    expect(await numbers('o’connor')).toEqual(['503']);
    expect(await numbers('siobhan')).toEqual(['503']);
    expect(await numbers('Anne-Sophie Berube')).toEqual(['1101']);
    expect(await numbers('anne–sophie bérubé')).toEqual(['1101']);
    expect(await numbers('lefebvre roy')).toEqual(['1102']);
    expect(await numbers('ZOE')).toEqual(['1102']);
  });

  it('emails and unit numbers too; LIKE wildcards are plain characters', async () => {
    expect(await numbers('as.berube@example.CA')).toEqual(['1101']);
    expect((await numbers('1101'))).toContain('1101');
    expect((await search('%')).total).toBe(0);
    expect((await search('_')).total).toBe(0);
  });

  it('a search by name on a large list stays in the database: the folded key is stored, not computed per query', async () => {
    const [missing] = await dbRows<{ n: number }>(world, 'SELECT count(*) AS n FROM people WHERE search_key IS NULL');
    expect(Number(missing!.n)).toBe(0);
  });
});
