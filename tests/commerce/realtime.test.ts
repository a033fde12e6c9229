import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../helpers/world';
import { cmPeople, dbRows } from '../helpers/world';
import { store } from '../sync/helpers';
import {
  balance, ccBalance, ccTransactions, cmBalance, commerceWorld, invoiceBody, status, syncedWorld, unitByNumber, waitFor, type UnitPair,
} from './helpers';

describe("the source story: Scott's maintenance-fee invoice reaches Condo Control by itself", () => {
  let world: World;
  let scott: UnitPair;
  beforeAll(async () => {
    world = await commerceWorld();
    await syncedWorld(world);
    scott = await unitByNumber(world, '804');
  });
  afterAll(() => world.close());

  it('an invoice saved in Condo Manager is in Condo Control within seconds, with no manual sync', async () => {
    const before = await ccTransactions(world, scott.ccId);
    const invoice = await world.desk.createInvoice(world.corp, invoiceBody(scott.cmId, 61_234));
    const seen = await waitFor('the invoice in Condo Control', async () => (await ccTransactions(world, scott.ccId)).find((t) => t.externalId === invoice.id), 5_000);
    expect(seen).toMatchObject({ type: 'invoice', amountCents: 61_234, status: 'Open' });
    expect((await ccTransactions(world, scott.ccId)).length).toBe(before.length + 1);
    const job = (await world.core.call('jobs.list', { kind: 'commerce' })) as { items: { trigger: string }[] };
    expect(job.items[0]?.trigger).toBe('realtime');
  });

  it('"Get Account Balance" lists it, and the balance equals both systems to the cent', async () => {
    const invoice = await world.desk.createInvoice(world.corp, invoiceBody(scott.cmId, 1_005, 'Locker rental'));
    const ledger = await balance(world, scott.cmId, true);
    expect(ledger.source).toBe('live');
    expect(ledger.stale).toBe(false);
    const line = ledger.lines.find((l) => l.id === invoice.id);
    expect(line).toMatchObject({ type: 'invoice', kind: 'CommonExpense', amountCents: 1_005, counts: true });
    expect(line?.condoControl.state).toBe('in_condo_control');
    const cm = await cmBalance(world, scott.accountId);
    expect(ledger.balanceCents).toBe(cm);
    expect(await ccBalance(world, scott.ccId)).toBe(cm);
    expect(ledger.condoControl.balanceCents).toBe(cm);
    expect(ledger.lines.at(-1)?.runningBalanceCents).toBe(cm);
    expect(ledger.aging.d0_30 + ledger.aging.d31_60 + ledger.aging.d61_90 + ledger.aging.over90).toBe(cm);
  });

  it('asked by person, Scott gets the account of each of his units', async () => {
    const person = (await cmPeople(world)).find((p) => p.firstName === 'Scott' && p.lastName === 'Mills')!;
    const answer = (await world.core.call('balances.get', { personId: person.id })) as { accounts: { unitNumber: string }[] };
    expect(answer.accounts.map((a) => a.unitNumber).sort()).toEqual(['804', 'P-7']);
  });

  it('an event delivered twice writes nothing the second time', async () => {
    const invoice = await world.desk.createInvoice(world.corp, invoiceBody(scott.cmId, 2_500));
    await waitFor('the invoice', async () => (await ccTransactions(world, scott.ccId)).some((t) => t.externalId === invoice.id), 5_000);
    await world.core.runner.idle();
    await world.sandbox('cc', '/stats/reset', {});
    // Replay the same event: rewind the cursor by putting the pending mark back as the feed would.
    await dbRows(world, 'UPDATE feed_state SET pending_since = ?', invoice.updatedAt);
    const job = (await world.core.call('sync.start', { kind: 'commerce', trigger: 'realtime', scope: { corporationId: world.corp } })) as { id: string };
    await world.core.runner.idle();
    const done = (await world.core.call('jobs.get', { id: job.id })) as { status: string; counts: Record<string, number> };
    expect(done.status).toBe('succeeded');
    expect(done.counts.unchanged).toBeGreaterThanOrEqual(1);
    expect((done.counts.created ?? 0) + (done.counts.updated ?? 0)).toBe(0);
    const stats = (await world.sandbox('cc', '/stats')) as { requests: Record<string, number> };
    expect(Object.keys(stats.requests).filter((k) => k.startsWith('PUT'))).toEqual([]);
    const txs = (await ccTransactions(world, scott.ccId)).filter((t) => t.externalId === invoice.id);
    expect(txs).toHaveLength(1);
  });

  it('a voided invoice and a reversed payment show as such in Condo Control; nothing is deleted', async () => {
    const invoice = await world.desk.createInvoice(world.corp, invoiceBody(scott.cmId, 7_700, 'Chargeback – key fob'));
    const payment = await world.desk.createPayment(world.corp, { unitId: scott.cmId, date: '2026-11-30', method: 'PAD', amountCents: 4_400, reference: 'PAD 2026-11' });
    await waitFor('both lines', async () => {
      const txs = await ccTransactions(world, scott.ccId);
      return txs.some((t) => t.externalId === invoice.id) && txs.some((t) => t.externalId === payment.id);
    }, 5_000);
    const count = (await ccTransactions(world, scott.ccId)).length;
    await world.desk.voidInvoice(world.corp, invoice.id);
    await world.desk.reversePayment(world.corp, payment.id);
    await waitFor('void and reversal', async () => {
      const txs = await ccTransactions(world, scott.ccId);
      return txs.find((t) => t.externalId === invoice.id)?.status === 'Void' && txs.find((t) => t.externalId === payment.id)?.status === 'Reversed';
    }, 5_000);
    expect((await ccTransactions(world, scott.ccId)).length).toBe(count);
    await world.core.runner.idle();
    const ledger = await balance(world, scott.cmId, false);
    expect(ledger.lines.find((l) => l.id === invoice.id)).toMatchObject({ status: 'Void', counts: false });
    expect(ledger.lines.find((l) => l.id === payment.id)).toMatchObject({ status: 'Reversed', counts: false, amountCents: -4_400 });
    const cm = await cmBalance(world, scott.accountId);
    expect(ledger.balanceCents).toBe(cm);
    expect(await ccBalance(world, scott.ccId)).toBe(cm);
  });

  it("an owner's edit shows as pending in the Unit File within seconds, and nothing is written to Condo Control", async () => {
    const tremblay = (await cmPeople(world)).find((p) => p.lastName === 'Tremblay' && p.status === 'Active')!;
    await world.sandbox('cc', '/stats/reset', {});
    await world.desk.updatePerson(world.corp, 'owner', tremblay.id, { lastName: 'Tremblay-Côté' });
    const resident = await waitFor('the pending difference', async () => {
      const r = (await world.core.call('residents.get', { id: tremblay.id })) as { syncStatus: string; pendingDifferences: { field: string; condoManager: unknown }[] };
      return r.pendingDifferences.length ? r : undefined;
    }, 5_000);
    expect(resident.syncStatus).toBe('pending');
    expect(resident.pendingDifferences).toContainEqual(expect.objectContaining({ field: 'lastName', condoManager: 'Tremblay-Côté' }));
    const stats = (await world.sandbox('cc', '/stats')) as { requests: Record<string, number> };
    expect(Object.keys(stats.requests).filter((k) => /^(POST|PUT|PATCH|DELETE) /.test(k) && !k.includes('/auth/'))).toEqual([]);
  });

  it('the status is live and names the time of the last commerce event', async () => {
    const s = await status(world);
    expect(s.state).toBe('live');
    expect(s.lastEventAt).toBeDefined();
    expect(s.buildings).toHaveLength(1);
  });

  it('an invoice whose lines do not add up is held in Needs attention with what to fix; the next one still goes', async () => {
    // Condo Manager's own API always totals the lines; a broken record comes from its database.
    const bad = await world.desk.createInvoice(world.corp, invoiceBody(scott.cmId, 10_000, 'Special assessment – roof'));
    await waitFor('the first copy', async () => (await ccTransactions(world, scott.ccId)).some((t) => t.externalId === bad.id), 5_000);
    const cmDb = store(world, 'cm');
    const later = new Date(Date.now() + 1000).toISOString();
    cmDb.prepare('UPDATE invoices SET total_cents = 12000, updated_at = ? WHERE id = ?').run(later, bad.id);
    cmDb.close();
    const good = await world.desk.createInvoice(world.corp, invoiceBody(scott.cmId, 3_300, 'Late fee'));
    await waitFor('the good invoice', async () => (await ccTransactions(world, scott.ccId)).some((t) => t.externalId === good.id), 5_000);
    await world.core.runner.idle();
    const s = await status(world);
    const flagged = s.attention.find((a) => a.id === bad.id);
    expect(flagged?.message).toMatch(/lines add up to \$100\.00 but its total is \$120\.00/);
    expect(flagged?.message).toMatch(/Correct the invoice in Condo Manager/);
    expect(flagged?.unitNumber).toBe('804');
    const ledger = await balance(world, scott.cmId, false);
    expect(ledger.lines.find((l) => l.id === bad.id)?.condoControl.state).toBe('attention');
  });

  it('the nightly run imports the history again and writes nothing already there', async () => {
    await world.core.runner.idle();
    await world.sandbox('cc', '/stats/reset', {});
    await world.sync({ trigger: 'schedule' });
    await world.core.runner.idle();
    const imports = (await world.core.call('jobs.list', { kind: 'commerce-reconcile' })) as { items: { trigger: string; status: string; counts: Record<string, number> }[] };
    expect(imports.items.map((j) => j.trigger)).toEqual(['schedule', 'initial']);
    expect(imports.items[0]).toMatchObject({ status: 'succeeded' });
    expect(imports.items[0]!.counts.unchanged).toBeGreaterThan(500);
    const stats = (await world.sandbox('cc', '/stats')) as { requests: Record<string, number> };
    expect(Object.keys(stats.requests).filter((k) => k.startsWith('PUT ') && k.includes('/accounts/'))).toEqual([]);
  });

  it('asking for an account that does not exist, or for two at once, is a typed error', async () => {
    await expect(world.core.call('balances.get', { unitId: 'no-such-unit' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(world.core.call('balances.get', { personId: 'no-such-person', refresh: true })).rejects.toMatchObject({ code: 'not_found' });
    await expect(world.core.call('balances.get', { unitId: scott.cmId, personId: 'x' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
