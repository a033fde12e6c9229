// Issue 13: the commerce ledger's repository answers alike on SQLite and
// PostgreSQL. The same messy account (an invoice whose line is written with
// NFD accents and a typographic apostrophe, a void, a payment later reversed,
// 2^40 cents) goes through both backends; the lines, balances, aging
// buckets, delivery states, feed position and history marks read back equal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { defaultMigrationsDir } from '../../electron/core/core';
import { migrateEngine } from '../../electron/core/db/migrate-postgres';
import { LedgerRepository } from '../../electron/core/db/repositories/ledger';
import type { DB } from '../../electron/core/db/schema';
import { SyncCache } from '../../electron/core/sync/cache';
import { agingOf, balanceCents } from '../../electron/core/sync/ledger-math';
import type { CmUnit, Invoice, Payment } from '../../electron/core/systems/schemas';
import { openTestEngine } from '../helpers/test-db';

type Opened = Awaited<ReturnType<typeof openTestEngine>>;

const AT = '2026-11-30T12:00:00.000Z';
const NOW_MS = Date.parse(AT);
const BIG = 2 ** 40;
const DESCRIPTION = 'Frais de copropriété — L’Érablière'.normalize('NFD');

const unit = (id: string, number: string): CmUnit => ({
  id,
  number,
  legalDescription: `Level ${number}`,
  kind: 'residential',
  occupancy: 'OwnerOccupied',
  accountId: `acct-${id}`,
  updatedAt: AT,
});

const invoice = (id: string, date: string, totalCents: number, extra: Partial<Invoice> = {}): Invoice => ({
  id,
  accountId: 'acct-u1',
  unitId: 'u1',
  number: id.toUpperCase(),
  date,
  dueDate: date,
  kind: 'CommonExpense',
  lines: [{ description: DESCRIPTION, amountCents: totalCents }],
  totalCents,
  status: 'Open',
  updatedAt: AT,
  ...extra,
});

const payment = (id: string, date: string, amountCents: number, extra: Partial<Payment> = {}): Payment => ({
  id,
  accountId: 'acct-u1',
  unitId: 'u1',
  date,
  method: 'PAD',
  amountCents,
  reference: null,
  status: 'Posted',
  updatedAt: AT,
  ...extra,
});

/** Everything the commerce sync reads back, after the same writes. */
async function answers(db: Kysely<DB>) {
  const cache = new SyncCache(db);
  await cache.upsertCorporations(
    [
      { id: 'c-1869', code: 'MTCC 1869', legalName: 'Tour Côté', timezone: 'America/Toronto' },
      { id: 'c-254', code: 'MTCC 254', legalName: 'Les Jardins', timezone: 'America/Montreal' },
      { id: 'c-9', code: 'MTCC 9', legalName: 'Pas encore liée', timezone: 'America/Montreal' },
    ],
    AT,
  );
  await cache.setWorkspace('c-254', 'ws-254');
  await cache.setWorkspace('c-1869', 'ws-1869');
  await cache.stageUnits('c-254', [unit('u1', '1203'), unit('u2', '99')], AT);
  await cache.stageUnits('c-1869', [unit('v1', 'b'), unit('v2', 'B')], AT);

  const ledger = new LedgerRepository(db);
  await ledger.transaction(async (l) => {
    await l.stageInvoice('c-254', invoice('inv-big', '2026-07-01', BIG));
    await l.stageInvoice('c-254', invoice('inv-void', '2026-11-20', 5_000, { status: 'Void' }));
    await l.stageInvoice('c-254', invoice('inv-oct', '2026-10-15', 12_345));
    await l.stagePayment('c-254', payment('pay-1', '2026-11-01', 20_000, { reference: 'Chèque nº 12' }));
    await l.stagePayment('c-254', payment('pay-2', '2026-11-02', 7_000));
  });
  // The reversal arrives later; an older read of the same payment (a
  // reconcile page read before it) must not put it back to Posted.
  await ledger.stagePayment('c-254', payment('pay-2', '2026-11-02', 7_000, { status: 'Reversed', updatedAt: '2026-11-30T13:00:00.000Z' }));
  await ledger.stagePayment('c-254', payment('pay-2', '2026-11-02', 7_000, { updatedAt: '2026-11-30T12:30:00.000Z' }));

  // A transaction that fails leaves nothing behind: no line, no feed position.
  const rolledBack = await ledger
    .transaction(async (l) => {
      await l.stageInvoice('c-254', invoice('inv-lost', '2026-11-29', 1));
      await l.setFeed('c-254', { cursor: 'lost', pendingSince: AT, lastEventAt: AT, pendingRev: 9 }, AT);
      throw new Error('page failed');
    })
    .catch((err: Error) => err.message);

  const { invoices, payments } = await ledger.ledgerOf('acct-u1');
  const aging = agingOf(invoices, payments, NOW_MS);
  const cents = balanceCents(invoices, payments);
  await ledger.setBalance({ accountId: 'acct-u1', corp: 'c-254', unitId: 'u1', cents, aging, at: AT });
  await ledger.setCcBalance('acct-u1', cents, '2026-11-30T12:01:00.000Z');
  await ledger.setCcBalance('acct-nobody', 1, AT);

  await ledger.markPushed('invoice', 'inv-big', { targetId: 'cc-1', workspaceId: 'ws-254' }, 'h1', AT);
  await ledger.markHeld('invoice', 'inv-oct', 'attention', 'Condo Control refused the line.', null, 0);
  await ledger.markHeld('payment', 'pay-1', 'failed', 'Condo Control did not answer.', '2026-11-30T12:10:00.000Z', 2);
  await ledger.markHeld('payment', 'pay-2', 'failed', 'Condo Control did not answer.', '2026-11-30T14:00:00.000Z', 1);

  const feedBefore = await ledger.feed('c-254');
  await ledger.setFeed('c-254', { cursor: 'c1', pendingSince: '2026-11-30T11:00:00.000Z', lastEventAt: AT, pendingRev: 3 }, AT);
  await ledger.clearPending('c-254', 2, AT); // a page added to the mark since: kept
  const feedKept = await ledger.feed('c-254');
  await ledger.clearPending('c-254', 3, AT);

  await ledger.setHistoryMark('j_1', 'c-254', 'invoice', { updatedAt: AT, id: 'inv-oct' });
  await ledger.setHistoryMark('jx1', 'c-254', 'invoice', { updatedAt: AT, id: 'inv-big' });
  await ledger.setHistoryMark('J_1', 'c-254', 'payment', { updatedAt: AT, id: 'pay-1' });
  await ledger.setHistoryMark('j_1', 'c-254', 'payment', { updatedAt: AT, id: 'pay-2' });
  await ledger.clearHistoryMarks('j_1');

  return {
    rolledBack,
    lost: (await ledger.invoice('inv-lost')) ?? null,
    invoices,
    payments,
    bigOne: await ledger.invoice('inv-big'),
    reversed: await ledger.payment('pay-2'),
    cents,
    aging,
    balance: await ledger.balance('acct-u1'),
    nobody: (await ledger.balance('acct-nobody')) ?? null,
    unit: await ledger.unit('u1'),
    missingUnit: (await ledger.unit('zz')) ?? null,
    delivery: await ledger.delivery('invoice', 'inv-big'),
    due: await ledger.due('c-254', '2026-11-30T12:15:00.000Z'),
    dueElsewhere: await ledger.due('c-1869', '2026-11-30T23:00:00.000Z'),
    nextRetry: await ledger.nextRetryAt(),
    attention: await ledger.attention(),
    attentionCount: await ledger.attentionCount(),
    feedBefore,
    feedKept,
    feedCleared: await ledger.feed('c-254'),
    marks: {
      cleared: (await ledger.historyMark('j_1', 'c-254', 'invoice')) ?? null,
      other: await ledger.historyMark('jx1', 'c-254', 'invoice'),
      upper: await ledger.historyMark('J_1', 'c-254', 'payment'),
    },
    mapped: await ledger.mappedCorporations(),
    accounts: (await ledger.accounts()).map((a) => `${a.corporationCode}/${a.number}`),
    accountsOf1869: (await ledger.accounts('c-1869')).map((a) => a.unitId),
  };
}

describe('the commerce ledger repository on SQLite and PostgreSQL', () => {
  const opened: Partial<Record<'sqlite' | 'postgres', Opened>> = {};
  const seen: Partial<Record<'sqlite' | 'postgres', Awaited<ReturnType<typeof answers>>>> = {};

  beforeAll(async () => {
    for (const backend of ['sqlite', 'postgres'] as const) {
      const o = (opened[backend] = await openTestEngine(backend));
      await migrateEngine(o.database, defaultMigrationsDir());
      seen[backend] = await answers(o.database.kysely as Kysely<DB>);
    }
  });
  afterAll(async () => {
    await opened.sqlite?.cleanup();
    await opened.postgres?.cleanup();
  });

  it('keeps lines exactly: NFD text, 2^40 cents, a void, a reversal that an older read does not undo', () => {
    const lite = seen.sqlite!;
    expect(lite.invoices.map((i) => i.id)).toEqual(['inv-big', 'inv-oct', 'inv-void']);
    expect(lite.bigOne!.totalCents).toBe(BIG);
    expect(lite.bigOne!.lines[0]!.description).toBe(DESCRIPTION);
    expect(lite.bigOne!.lines[0]!.description).not.toBe(DESCRIPTION.normalize('NFC'));
    expect(lite.invoices.find((i) => i.id === 'inv-void')!.status).toBe('Void');
    expect(lite.reversed!.status).toBe('Reversed');
    expect(lite.payments.find((p) => p.id === 'pay-1')!.reference).toBe('Chèque nº 12');
    expect(lite.payments.find((p) => p.id === 'pay-2')!.reference).toBeNull();
    expect(lite.rolledBack).toBe('page failed');
    expect(lite.lost).toBeNull();
    expect(lite.feedBefore).toEqual({ cursor: null, pendingSince: null, lastEventAt: null, pendingRev: 0 });
  });

  it('balances and aging: the void and the reversal do not count, the buckets add up to the balance', () => {
    const lite = seen.sqlite!;
    expect(lite.cents).toBe(BIG + 12_345 - 20_000);
    expect(lite.aging).toEqual({ d0_30: 0, d31_60: 12_345, d61_90: 0, over90: BIG - 20_000 });
    expect(lite.balance).toEqual({ balance_cents: lite.cents, aging: JSON.stringify(lite.aging), read_at: AT, cc_balance_cents: lite.cents, cc_read_at: '2026-11-30T12:01:00.000Z' });
    expect(lite.nobody).toBeNull();
  });

  it('delivery states, due retries, the attention list, the feed mark and history marks', () => {
    const lite = seen.sqlite!;
    expect(lite.unit).toEqual({ unitId: 'u1', number: '1203', corporationId: 'c-254', accountId: 'acct-u1', targetId: null, workspaceId: 'ws-254' });
    expect(lite.missingUnit).toBeNull();
    expect(lite.delivery).toMatchObject({ sync_status: 'in_sync', target_id: 'cc-1', workspace_id: 'ws-254', attention: '[]', attempts: 0 });
    expect(lite.due).toEqual([{ entity: 'payment', id: 'pay-1' }]);
    expect(lite.dueElsewhere).toEqual([]);
    expect(lite.nextRetry).toBe('2026-11-30T12:10:00.000Z');
    expect(lite.attentionCount).toBe(1);
    expect(lite.attention).toEqual([
      { entity: 'invoice', id: 'inv-oct', unitId: 'u1', unitNumber: '1203', corporationCode: 'MTCC 254', number: 'INV-OCT', attention: '["Condo Control refused the line."]', at: AT },
    ]);
    expect(lite.feedKept.pendingSince).toBe('2026-11-30T11:00:00.000Z');
    expect(lite.feedCleared).toEqual({ cursor: 'c1', pendingSince: null, lastEventAt: AT, pendingRev: 3 });
    // Only job j_1's marks go: not jx1 (which `_` as a LIKE wildcard would match) nor J_1.
    expect(lite.marks).toEqual({ cleared: null, other: { updatedAt: AT, id: 'inv-big' }, upper: { updatedAt: AT, id: 'pay-1' } });
    expect(lite.mapped.map((c) => c.code)).toEqual(['MTCC 1869', 'MTCC 254']);
    expect(lite.accounts).toEqual(['MTCC 1869/B', 'MTCC 1869/b', 'MTCC 254/1203', 'MTCC 254/99']);
    expect(lite.accountsOf1869).toEqual(['v2', 'v1']);
  });

  it('PostgreSQL answers exactly as SQLite does', () => {
    expect(seen.postgres).toEqual(seen.sqlite);
  });
});
