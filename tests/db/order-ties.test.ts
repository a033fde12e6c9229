// Lists whose sort keys tie, on the backend the run asks for (this file runs
// in both vitest projects). SQLite hands tied rows back in its index order
// and NULLs last in a DESC sort; PostgreSQL's sort (a bounded heap under
// LIMIT) hands ties back in any order, differently per page, and NULLs first
// in a DESC sort. Every list the console pages through, or cuts at a limit,
// therefore ends on a unique key and says where NULLs go, or a unit shows on
// two pages and another on none, and two engines show different lists.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../../electron/core/core';
import { migrateEngine } from '../../electron/core/db/migrate-postgres';
import { createRepositories, type Repositories } from '../../electron/core/db/repositories';
import type { DB } from '../../electron/core/db/schema';
import { SyncCache } from '../../electron/core/sync/cache';
import type { CmUnit, Invoice, Owner } from '../../electron/core/systems/schemas';
import { openTestEngine, testBackend } from '../helpers/test-db';

const AT = '2026-11-01T05:00:00.000Z';
const LATER = '2026-11-15T14:30:00.000Z';

const unit = (id: string, number: string): CmUnit => ({
  id,
  number,
  legalDescription: `Niveau ${number}`,
  kind: 'residential',
  occupancy: 'OwnerOccupied',
  accountId: `acct-${id}`,
  updatedAt: AT,
});

const invoice = (id: string, updatedAt = AT): Invoice => ({
  id,
  accountId: 'acct-u001',
  unitId: 'u001',
  number: id.toUpperCase(),
  date: '2026-11-01',
  dueDate: '2026-11-01',
  kind: 'CommonExpense',
  lines: [{ description: 'Frais de copropriété — L’Érablière'.normalize('NFD'), amountCents: 41_250 }],
  totalCents: 41_250,
  status: 'Open',
  updatedAt,
});

const owner = (id: string, firstName: string, lastName: string, unitIds: string[]): Owner => ({
  id,
  unitIds,
  title: null,
  firstName,
  lastName,
  email: null,
  phones: [],
  mailingAddress: null,
  language: 'fr',
  status: 'Active',
  startDate: '2020-01-01',
  endDate: null,
  updatedAt: AT,
});

const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** A fixed shuffle, so rows go in neither in id order nor in its reverse. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1, seed = 7; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe(`lists with tied sort keys on ${testBackend}`, () => {
  let opened: Awaited<ReturnType<typeof openTestEngine>>;
  let db: Kysely<DB>;
  let repos: Repositories;

  // One building whose 60 units share a handful of numbers: a tower's
  // parking spots, storage lockers and suites imported with the same labels.
  const NUMBERS = ['101', '101', '101', '7', 'P1', 'P1'];
  const units = Array.from({ length: 60 }, (_, i) => unit(`u${String(i).padStart(3, '0')}`, NUMBERS[i % NUMBERS.length]!));

  beforeAll(async () => {
    opened = await openTestEngine(testBackend, { prefix: 'ties', icuLocale: 'fr-CA', poolSize: 2 });
    db = opened.database.kysely as Kysely<DB>;
    await migrateEngine(opened.database, defaultMigrationsDir());
    repos = createRepositories(db);
    const cache = new SyncCache(db);
    await cache.upsertCorporations(
      [
        { id: 'c-b', code: 'SDC 12', legalName: 'Les Tours Côté', timezone: 'America/Montreal' },
        // The same code twice: two syndicates Condo Manager lists under one code.
        { id: 'c-a', code: 'SDC 12', legalName: 'Le Jardin d’Élodie', timezone: 'America/Montreal' },
      ],
      AT,
    );
    await cache.setWorkspace('c-b', 'ws-b');
    await cache.setWorkspace('c-a', 'ws-a');
    await cache.stageUnits('c-b', shuffled(units), AT);
    await cache.stageUnits('c-a', [unit('a1', '101')], AT);
    // Two owners with one name in one unit (a parent and a child), both in attention: the export lists them in a fixed order.
    await cache.stagePeople('c-b', 'owner', shuffled([owner('p-2', 'Jean', 'Tremblay', ['u001']), owner('p-1', 'Jean', 'Tremblay', ['u001'])]), AT);
    for (const id of ['p-2', 'p-1']) cache.markFailed('person', id, 'Condo Control refused this record.');
    await cache.flush();

    const ledger = repos.ledger;
    // 30 invoices of one monthly run share their updatedAt, one came later, and one held payment is not in the local copy (yet).
    const monthly = Array.from({ length: 30 }, (_, i) => `inv-${String(i).padStart(2, '0')}`);
    for (const id of shuffled(monthly)) await ledger.stageInvoice('c-b', invoice(id));
    await ledger.stageInvoice('c-b', invoice('inv-late', LATER));
    for (const id of shuffled([...monthly, 'inv-late'])) await ledger.markHeld('invoice', id, 'attention', 'Condo Control has no Account Balance for this unit.', null, 0);
    await ledger.markHeld('payment', 'pay-not-staged', 'attention', 'Condo Control has no Account Balance for this unit.', null, 0);
  }, 60_000);
  afterAll(async () => {
    await opened?.cleanup();
  });

  it('the Unit File pages through units that share a number: each unit once, tied numbers by id', async () => {
    const filter = { corporationId: 'c-b' };
    const total = await repos.unitFile.count(filter);
    expect(total).toBe(60);
    const paged: string[] = [];
    for (let offset = 0; offset < total; offset += 7) paged.push(...(await repos.unitFile.page(filter, offset, 7)).map((u) => u.id));
    // Numeric numbers first, by length then text; then the others; ties by id.
    const expected = [...units]
      .sort((a, b) => {
        const digit = (n: string) => (/^\d/.test(n) ? 0 : 1);
        return digit(a.number) - digit(b.number) || a.number.length - b.number.length || bytes(a.number, b.number) || bytes(a.id, b.id);
      })
      .map((u) => u.id);
    expect(new Set(paged).size, 'units shown once each').toBe(60);
    expect(paged).toEqual(expected);
  });

  it('two buildings with one code keep one order (by id) in every list of buildings', async () => {
    expect((await repos.unitFile.corporations()).map((c) => c.id)).toEqual(['c-a', 'c-b']);
    expect((await new SyncCache(db).corporations()).map((c) => c.id)).toEqual(['c-a', 'c-b']);
    expect((await repos.ledger.mappedCorporations()).map((c) => c.id)).toEqual(['c-a', 'c-b']);
    const all = await repos.unitFile.page({}, 0, 100);
    expect(all[0]!.id, 'c-a sorts first').toBe('a1');
  });

  it('held invoice lines: newest first, tied instants by record, a line not in the local copy last; a shorter list is its start', async () => {
    const lines = await repos.ledger.attention(50);
    const expected = [
      'invoice:inv-late',
      ...Array.from({ length: 30 }, (_, i) => `invoice:inv-${String(i).padStart(2, '0')}`),
      'payment:pay-not-staged',
    ];
    expect(lines.map((l) => `${l.entity}:${l.id}`)).toEqual(expected);
    expect((await repos.ledger.attention(12)).map((l) => `${l.entity}:${l.id}`)).toEqual(expected.slice(0, 12));
  });

  it('the attention export lists two residents of one unit with one name in one order', async () => {
    const rows = (await repos.reports.attention('c-b')).filter((r) => r.entity === 'person');
    expect(rows.map((r) => `${r.firstName} ${r.lastName} ${r.units}`)).toEqual(['Jean Tremblay 101', 'Jean Tremblay 101']);
    expect(rows.map((r) => r.id)).toEqual(['p-1', 'p-2']);
  });

  it('units without an owner, in the Unit File order (ties by id)', async () => {
    const ids = (await repos.reports.unitsWithoutOwners('c-b')).map((u) => u.unitId);
    const withOwner = new Set(['u001']);
    expect(ids.filter((id) => withOwner.has(id))).toEqual([]);
    const paged: string[] = [];
    for (let offset = 0; offset < 60; offset += 7) paged.push(...(await repos.unitFile.page({ corporationId: 'c-b' }, offset, 7)).map((u) => u.id));
    expect(ids).toEqual(paged.filter((id) => !withOwner.has(id)));
  });
});
