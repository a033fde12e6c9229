// Issue 10: the Unit File lists buildings as people read their codes
// (MTCC 254 before MTCC 2067 before TSCC 1869), units by number within each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, UnitSummary } from '@shared/types';
import { createWorld, type World, dbRows } from '../helpers/world';

describe('units.list orders buildings naturally by code', () => {
  let world: World;
  const codes = ['TSCC 1869', 'MTCC 2067', 'mtcc 254', 'MTCC 1869'];

  beforeAll(async () => {
    world = await createWorld();
    await world.sync();
    // Extra buildings straight into the real cache, ids chosen so id order and byte order both disagree with reading order.
    const now = new Date().toISOString();
    for (const [i, code] of codes.entries()) {
      const id = `a-corp-${i}`;
      await dbRows(world, "INSERT INTO corporations (id, code, legal_name, timezone, updated_at) VALUES (?, ?, ?, 'America/Toronto', ?)", id, code, `Corporation ${code}`, now);
      for (const n of ['1101', '204', 'PH2', '99']) await dbRows(world, "INSERT INTO units (id, corporation_id, number, kind, occupancy, updated_at) VALUES (?, ?, ?, 'residential', 'vacant', ?)", `${id}-${n}`, id, n, now);
    }
  });
  afterAll(() => world?.close());

  it('MTCC 254 before MTCC 1869 before MTCC 2067 before TSCC; units 99, 204, 1101 within each', async () => {
    const page = (await world.core.call('units.list', { limit: 500 })) as Page<UnitSummary>;
    const extra = page.items.filter((u) => u.corporationId.startsWith('a-corp-'));
    const code = (id: string) => codes[Number(id.slice('a-corp-'.length))];
    const buildings = [...new Set(extra.map((u) => code(u.corporationId)))];
    expect(buildings).toEqual(['mtcc 254', 'MTCC 1869', 'MTCC 2067', 'TSCC 1869']);
    expect(extra.filter((u) => u.corporationId === 'a-corp-2').map((u) => u.number)).toEqual(['99', '204', '1101', 'PH2']);
    // Each row is still its own unit: the id opens the unit, and its number matches.
    expect(extra.filter((u) => u.corporationId === 'a-corp-2').map((u) => u.id)).toEqual(['a-corp-2-99', 'a-corp-2-204', 'a-corp-2-1101', 'a-corp-2-PH2']);
    const first = page.items[0]!;
    expect(((await world.core.call('units.get', { id: first.id })) as UnitSummary).number).toBe(first.number);
  });

  it('paging follows the same order: no building split out of place between pages', async () => {
    const all = ((await world.core.call('units.list', { limit: 500 })) as Page<UnitSummary>).items.map((u) => u.id);
    const paged: string[] = [];
    for (let offset = 0; offset < all.length; offset += 7) {
      paged.push(...((await world.core.call('units.list', { limit: 7, offset })) as Page<UnitSummary>).items.map((u) => u.id));
    }
    expect(paged).toEqual(all);
  });
});
