// A line break inside a value must stay inside its cell: Excel ends a row at a
// bare LF as well as at CRLF, so a value with either is quoted, or the row
// splits in two and every column after it shifts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFile } from '@shared/types';
import { createWorld, type World } from '../helpers/world';
import { parseCsv } from '../helpers/parse-csv';
import { cmUnits } from '../sync/helpers';

describe('CSV exports with line breaks inside values', () => {
  let world: World;
  const lastName = 'Côté\nTremblay'; // pasted into Condo Manager from a two-line address label

  beforeAll(async () => {
    world = await createWorld();
    const unit = (await cmUnits(world)).find((u) => u.number === '602')!;
    await world.desk.createPerson(world.corp, 'tenant', { firstName: 'Zoé', lastName, email: 'zoe.cote@example.ca', unitIds: [unit.id] });
    await world.sync();
  });
  afterAll(() => world?.close());

  it('the Unit File: the unit with that resident is one row, its columns in place', async () => {
    const file = (await world.core.call('export.csv', { what: 'units', corporationId: world.corp })) as ExportFile;
    const { rows } = parseCsv(file.text);
    expect(rows.length - 1).toBe(file.rows);
    for (const r of rows) expect(r).toHaveLength(rows[0]!.length);
    const row602 = rows.find((r) => r[1] === '602')!;
    expect(row602[4]).toContain('Zoé Côté');
  });

  it('the audit log: a key named with a line break is one entry, one row', async () => {
    // Made before names had to be one line (the contract now refuses it): its calls are still recorded under that name.
    const key = await world.core.access.createKey({ name: 'Réception\nsoir', role: 'support' });
    const caller = { kind: 'key' as const, keyId: key.id, name: key.name, role: key.role };
    await world.core.call('sync.pause', {}, caller).catch(() => undefined); // refused: support cannot pause
    const file = (await world.core.call('audit.export', { language: 'fr' })) as ExportFile & { rows: number };
    const { rows } = parseCsv(file.text);
    expect(rows.length - 1).toBe(file.rows);
    for (const r of rows) expect(r).toHaveLength(rows[0]!.length);
    expect(rows.some((r) => r[1] === 'Réception\nsoir')).toBe(true);
  });
});
