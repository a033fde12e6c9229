// Issue 10 at portfolio scale (the `medium` sandbox: 5 buildings): groups per
// building, and exports that name every unit's building.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildingGroups, DataQualityReport, ExportFile } from '@shared/types';
import { createWorld, type World } from '../helpers/world';
import { parseCsv } from '../helpers/parse-csv';

describe('a portfolio of buildings', () => {
  let world: World;

  beforeAll(async () => {
    world = await createWorld({ size: 'medium' });
    await world.sync();
  }, 180_000);
  afterAll(() => world?.close());

  it('groups.list names every building with its own groups, each tied to its corporation', async () => {
    const list = (await world.core.call('groups.list', {})) as BuildingGroups[];
    const corps = (await world.core.call('corporations.list', {})) as { id: string }[];
    expect(list.filter((b) => b.corporationId).map((b) => b.corporationId).sort()).toEqual(corps.map((c) => c.id).sort());
    for (const b of list) expect(b.groups.map((g) => g.name)).toContain('Owners');
    const one = (await world.core.call('groups.list', { corporationId: corps[1]!.id })) as BuildingGroups[];
    expect(one).toHaveLength(1);
  });

  it('the Unit File CSV has one row per unit of every building, each naming its building', async () => {
    const file = (await world.core.call('export.csv', { what: 'units' })) as ExportFile;
    const { rows } = parseCsv(file.text);
    const total = ((await world.core.call('units.list', { limit: 1 })) as { total: number }).total;
    expect(rows.length - 1).toBe(total);
    const corps = (await world.core.call('corporations.list', {})) as { code: string }[];
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(corps.map((c) => c.code)));
  });

  it('the Data-quality report for one building lists only that building', async () => {
    const corps = (await world.core.call('corporations.list', {})) as { id: string }[];
    const r = (await world.core.call('reports.dataQuality', { corporationId: corps[2]!.id })) as DataQualityReport;
    const ids = [
      ...r.sharedEmails.flatMap((s) => s.people.map((p) => p.corporationId)),
      ...r.invalidEmails.map((p) => p.corporationId),
      ...r.unitsWithoutOwners.map((u) => u.corporationId),
      ...r.peopleWithoutUnits.map((p) => p.corporationId),
      ...r.unfinishedMoveOuts.map((p) => p.corporationId),
    ];
    expect(ids.every((id) => id === corps[2]!.id)).toBe(true);
  });
});
