// Issue 10, section 4: CSV exports a spreadsheet opens with its accents, and
// the accounting desk's Data-quality report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataQualityReport, ExportFile, JobDetail } from '@shared/types';
import { cmPeople, createWorld, type World } from '../helpers/world';
import { parseCsv } from '../helpers/parse-csv';
import { cmUnits, store } from '../sync/helpers';

describe('exports and the data-quality report', () => {
  let world: World;
  let job: JobDetail;
  let badId: string;
  let looseId: string;
  let decomposed: string;

  beforeAll(async () => {
    world = await createWorld();
    const units = await cmUnits(world);
    const unit = units.find((u) => u.number === '602')!;
    // Real data: a name typed with combining accents (NFD), an apostrophe, an email Condo Control refuses.
    decomposed = 'Zoe\u0301'; // "Zoé" in NFD
    badId = (await world.desk.createPerson(world.corp, 'tenant', { firstName: decomposed, lastName: 'O’Brien-Lévesque', email: 'zoe@@example', unitIds: [unit.id] })).id;
    // A person whose only unit is gone from Condo Manager's unit list.
    const gone = units.filter((u) => u.kind === 'residential').at(-1)!;
    looseId = (await world.desk.createPerson(world.corp, 'tenant', { firstName: 'Noé', lastName: "D'Amours", email: 'noe.damours@example.ca', unitIds: [gone.id] })).id;
    const cm = store(world, 'cm');
    cm.prepare('DELETE FROM units WHERE id = ?').run(gone.id);
    cm.close();
    job = await world.sync();
  });
  afterAll(() => world?.close());

  const csv = async (input: Record<string, unknown>) => (await world.core.call('export.csv', input)) as ExportFile;

  it('the Unit File as CSV: a BOM for Excel, a header, one row per unit, accents intact', async () => {
    const file = await csv({ what: 'units', corporationId: world.corp });
    expect(file.filename).toMatch(/^unit-file-TSCC-2750-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.mimeType).toMatch(/^text\/csv/);
    const { bom, rows } = parseCsv(file.text);
    expect(bom).toBe(true);
    expect(rows[0]).toEqual(['Building', 'Unit', 'Kind', 'Occupancy', 'Residents', 'Sync status', 'Last synced (UTC)']);
    const units = await cmUnits(world);
    expect(rows.length - 1).toBe(units.length);
    expect(file.rows).toBe(units.length);
    const row602 = rows.find((r) => r[1] === '602')!;
    expect(row602[0]).toBe('TSCC 2750');
    expect(row602[4]).toContain(`${decomposed} O’Brien-Lévesque (Tenant)`);
    // Occupancy only where it means something: a locker or parking spot has none.
    const storage = rows.filter((r) => r[2] === 'Locker' || r[2] === 'Parking');
    for (const r of storage) expect(r[3]).toBe('');
  });

  it('French headings and words when the console is in French', async () => {
    const { rows } = parseCsv((await csv({ what: 'units', language: 'fr' })).text);
    expect(rows[0]![0]).toBe('Immeuble');
    expect(rows[0]![5]).toBe('État de la synchronisation');
  });

  it('the Needs attention list: one row per note, naming building, unit and person', async () => {
    const { rows } = parseCsv((await csv({ what: 'attention' })).text);
    expect(rows[0]).toEqual(['Building', 'Unit', 'Resident', 'Role', 'Sync status', 'What to fix']);
    const zoe = rows.find((r) => r[2] === `${decomposed} O’Brien-Lévesque`)!;
    expect(zoe).toMatchObject(['TSCC 2750', '602', `${decomposed} O’Brien-Lévesque`, 'Tenant', 'Needs attention', expect.stringContaining('zoe@@example')]);
    expect(rows.some((r) => r[1] === '1203' && /share the email/.test(r[5]!))).toBe(true);
  });

  it("a sync's outcomes, with every record of the job", async () => {
    const file = await csv({ what: 'job', jobId: job.id });
    const { rows } = parseCsv(file.text);
    expect(rows[0]).toEqual(['Record', 'Outcome', 'Message', 'Changes (Condo Manager → Condo Control)', 'When (UTC)']);
    expect(rows.length - 1).toBe(job.outcomes.total);
    // A new tenant whose email Condo Control refuses is still added: the row says both.
    expect(rows.some((r) => r[0] === `${decomposed} O’Brien-Lévesque` && r[1] === 'Added; Needs attention')).toBe(true);
    await expect(world.core.call('export.csv', { what: 'job' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(world.core.call('export.csv', { what: 'job', jobId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('the Data-quality report lists shared and invalid emails, units without owners, people without units and unfinished move-outs', async () => {
    const people = await cmPeople(world);
    // A tenant whose move-out date has passed but who is still current in Condo Manager.
    const tenant = people.find((p) => p.role === 'tenant' && p.status === 'Active' && p.id !== badId && p.id !== looseId)!;
    await world.desk.updatePerson(world.corp, 'tenant', tenant.id, { moveOutDate: '2020-01-31' });
    await world.sync({ dryRun: true });
    const r = (await world.core.call('reports.dataQuality', { corporationId: world.corp })) as DataQualityReport;
    const tremblay = r.sharedEmails.find((s) => s.email === 'famille.tremblay@example.ca')!;
    expect(tremblay.people.map((p) => p.name).sort()).toEqual(['Julie Tremblay', 'Marc Tremblay']);
    expect(tremblay.people[0]!.units).toEqual(['1203']);
    expect(r.invalidEmails).toContainEqual(expect.objectContaining({ personId: badId, email: 'zoe@@example', units: ['602'] }));
    expect(r.peopleWithoutUnits.map((p) => p.personId)).toContain(looseId);
    expect(r.unfinishedMoveOuts).toContainEqual(expect.objectContaining({ personId: tenant.id, moveOutDate: '2020-01-31', reason: 'still-current' }));
    // Every unit listed as owner-less really has no current owner in Condo Manager.
    const units = await cmUnits(world);
    for (const u of r.unitsWithoutOwners) {
      expect(units.find((x) => x.id === u.unitId)).toBeDefined();
      expect(people.some((p) => p.role === 'owner' && p.status === 'Active' && p.unitIds.includes(u.unitId))).toBe(false);
    }
    const owned = units.find((u) => u.number === '1203')!;
    expect(r.unitsWithoutOwners.map((u) => u.unitId)).not.toContain(owned.id);
  });
});
