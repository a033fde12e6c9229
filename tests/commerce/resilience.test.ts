import { afterEach, describe, expect, it } from 'vitest';
import { dbRows, type World } from '../helpers/world';
import { clearFaults, setFaults, store } from '../sync/helpers';
import { balance, ccTransactions, cmBalance, commerceWorld, invoiceBody, status, syncedWorld, unitByNumber, waitFor } from './helpers';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Saves an invoice the way the accounting desk does, through Condo Manager's own page (never faulted). */
async function deskPageInvoice(w: World, unitId: string, dollars: string): Promise<void> {
  const form = new URLSearchParams({ kind: 'LateFee', date: '2026-11-30', dueDate: '2026-12-15', description: 'Late fee', amount: dollars });
  const res = await fetch(`${w.sandboxes.condoManagerUrl}/corporations/${w.corp}/accounts/${unitId}/invoices`, { method: 'POST', body: form, redirect: 'manual' });
  expect(res.status).toBeLessThan(400);
}

describe('real-time sync when things go wrong', () => {
  it('a feed outage pauses real-time sync with the reason, and it recovers by itself', async () => {
    world = await commerceWorld();
    await syncedWorld(world);
    const unit = await unitByNumber(world, '804');
    await setFaults(world, 'cm', { errorRate: 1 });
    const paused = await waitFor('the paused status', async () => {
      const s = await status(world!);
      return s.state === 'paused' ? s : undefined;
    }, 15_000);
    expect(paused.reason).toMatch(/Condo Manager is not answering/);
    expect(paused.reason).not.toMatch(/corp_|http|50\d/);
    await deskPageInvoice(world, unit.cmId, '25.00');
    await clearFaults(world);
    await waitFor('live again', async () => (await status(world!)).state === 'live', 10_000);
    await waitFor('the invoice saved during the outage', async () => (await ccTransactions(world!, unit.ccId)).some((t) => t.amountCents === 2_500 && t.type === 'invoice'), 10_000);
  });

  it('an invoice saved while a commerce job is writing the previous one is not skipped', async () => {
    world = await commerceWorld();
    await syncedWorld(world);
    const unit = await unitByNumber(world, '804');
    await setFaults(world, 'cc', { latencyMs: 400 });
    const a = await world.desk.createInvoice(world.corp, invoiceBody(unit.cmId, 4_100));
    await waitFor('the first job writing', async () => {
      const jobs = (await world!.core.call('jobs.list', { kind: 'commerce', status: 'running' })) as { items: { phase: string }[] };
      return jobs.items[0]?.phase === 'writing';
    }, 5_000);
    const b = await world.desk.createInvoice(world.corp, invoiceBody(unit.cmId, 4_200));
    await clearFaults(world);
    await waitFor('both invoices', async () => {
      const txs = await ccTransactions(world!, unit.ccId);
      return txs.some((t) => t.externalId === a.id) && txs.some((t) => t.externalId === b.id);
    }, 10_000);
  });

  it('an invoice Condo Manager sends unreadable fails on its own, named; the invoice beside it still goes', async () => {
    world = await commerceWorld();
    await syncedWorld(world);
    const unit = await unitByNumber(world, '804');
    const spoiled = await world.desk.createInvoice(world.corp, invoiceBody(unit.cmId, 5_000));
    await waitFor('the first copy', async () => (await ccTransactions(world!, unit.ccId)).some((t) => t.externalId === spoiled.id), 5_000);
    await world.core.runner.idle();
    const cmDb = store(world, 'cm');
    cmDb.prepare("UPDATE invoices SET kind = 'Mystery', updated_at = ? WHERE id = ?").run(new Date(Date.now() + 500).toISOString(), spoiled.id);
    cmDb.close();
    const good = await world.desk.createInvoice(world.corp, invoiceBody(unit.cmId, 6_000));
    await waitFor('the good invoice', async () => (await ccTransactions(world!, unit.ccId)).some((t) => t.externalId === good.id), 5_000);
    await world.core.runner.idle();
    const jobs = (await world.core.call('jobs.list', { kind: 'commerce' })) as { items: { id: string; counts: { failed: number } }[] };
    const withFailure = jobs.items.find((j) => j.counts.failed > 0)!;
    const detail = (await world.core.call('jobs.get', { id: withFailure.id, outcome: 'failed' })) as { status: string; outcomes: { items: { entityId: string; message: string }[] } };
    expect(detail.status).toBe('partial');
    expect(detail.outcomes.items).toEqual([expect.objectContaining({ entityId: spoiled.id, message: expect.stringMatching(/could not be read \(kind: /) })]);
  });

  it('a 410 (cursor expired while the console was off) falls back to reading what changed since the last event', async () => {
    world = await commerceWorld();
    await syncedWorld(world);
    const unit = await unitByNumber(world, '804');
    const seed = await world.desk.createInvoice(world.corp, invoiceBody(unit.cmId, 1_111));
    await waitFor('the first invoice', async () => (await ccTransactions(world!, unit.ccId)).some((t) => t.externalId === seed.id), 5_000);
    await world.core.runner.idle();
    await world.core.stop();
    await world.offlineSql('UPDATE feed_state SET cursor = ?', Buffer.from('v1:0:999999999').toString('base64url'));
    const missed = await world.desk.createInvoice(world.corp, invoiceBody(unit.cmId, 2_222));
    const payment = await world.desk.createPayment(world.corp, { unitId: unit.cmId, date: '2026-11-30', method: 'Cheque', amountCents: 3_333, reference: 'Cheque 1042' });
    await world.restartCore();
    await waitFor('both lines after the 410', async () => {
      const txs = await ccTransactions(world!, unit.ccId);
      return txs.some((t) => t.externalId === missed.id) && txs.some((t) => t.externalId === payment.id);
    }, 10_000);
    await waitFor('live', async () => (await status(world!)).state === 'live');
    const cursor = (await dbRows<{ cursor: string }>(world, 'SELECT cursor FROM feed_state'))[0]!.cursor;
    expect(Buffer.from(cursor, 'base64url').toString()).not.toContain('999999999');
  });

  it('a 410 with no event seen before (a cursor from another system) still sends the invoices the feed holds by the real-time path', async () => {
    world = await commerceWorld();
    await syncedWorld(world);
    const unit = await unitByNumber(world, '804');
    await world.core.runner.idle();
    const before = new Set(((await world.core.call('jobs.list', { kind: 'commerce', limit: 100 })) as { items: { id: string }[] }).items.map((j) => j.id));
    await world.core.stop();
    // The cursor the console kept from its sandbox: another feed's, and no event ever seen from this one.
    await world.offlineSql('UPDATE feed_state SET cursor = ?, last_event_at = NULL', Buffer.from('v1:0:999999999').toString('base64url'));
    const saved = await world.desk.createInvoice(world.corp, invoiceBody(unit.cmId, 2_468));
    await world.restartCore();
    await waitFor('a real-time commerce job after the 410', async () => {
      const jobs = (await world!.core.call('jobs.list', { kind: 'commerce', limit: 100 })) as { items: { id: string; finishedAt?: string | null }[] };
      return jobs.items.some((j) => !before.has(j.id) && j.finishedAt);
    }, 10_000);
    await waitFor('the invoice in Condo Control', async () => (await ccTransactions(world!, unit.ccId)).some((t) => t.externalId === saved.id), 10_000);
  });

  it('"Get Account Balance" while Condo Manager is down answers the cached ledger, marked stale with the last success time', async () => {
    world = await commerceWorld();
    await syncedWorld(world);
    const unit = await unitByNumber(world, '804');
    const live = await balance(world, unit.cmId, true);
    expect(live.source).toBe('live');
    expect(live.lines.length).toBeGreaterThan(3);
    await setFaults(world, 'cm', { errorRate: 1 });
    const cached = await balance(world, unit.cmId, true);
    expect(cached.stale).toBe(true);
    expect(cached.source).toBe('cached');
    expect(cached.staleReason).toMatch(/Condo Manager could not be reached/);
    expect(cached.asOf).toBe(live.asOf);
    expect(cached.lines.map((l) => l.id)).toEqual(live.lines.map((l) => l.id));
    expect(cached.balanceCents).toBe(live.balanceCents);
    // And the same answer at once without asking.
    const quick = await balance(world, unit.cmId, false);
    expect(quick.stale).toBe(false);
    expect(quick.balanceCents).toBe(live.balanceCents);
    await clearFaults(world);
    expect(live.balanceCents).toBe(await cmBalance(world, unit.accountId));
  });

  it('an invoice for a unit Condo Control lacks is held in Needs attention with what to fix; the others still go', async () => {
    world = await commerceWorld();
    // Unit 1204 was never created in Condo Control.
    const cc = store(world, 'cc');
    cc.prepare("DELETE FROM units WHERE name = '1204'").run();
    cc.close();
    await syncedWorld(world);
    const lacking = await unitByNumber(world, '1204');
    const fine = await unitByNumber(world, '804');
    expect(lacking.ccId).toBe('');
    const held = await world.desk.createInvoice(world.corp, invoiceBody(lacking.cmId, 50_000));
    const sent = await world.desk.createInvoice(world.corp, invoiceBody(fine.cmId, 50_000));
    await waitFor('the other invoice', async () => (await ccTransactions(world!, fine.ccId)).some((t) => t.externalId === sent.id), 5_000);
    await world.core.runner.idle();
    const s = await status(world);
    const note = s.attention.find((a) => a.id === held.id);
    expect(note?.message).toMatch(/unit 1204 is not in Condo Control's Unit File/);
    expect(note?.message).toMatch(/Add it there/);
    // The history import held that unit's older invoices the same way, without stopping.
    const history = (await world.core.call('jobs.list', { kind: 'commerce-reconcile' })) as { items: { status: string; counts: { conflict: number; created: number } }[] };
    expect(history.items[0]?.status).toBe('succeeded');
    expect(history.items[0]?.counts.conflict).toBeGreaterThan(0);
    expect(history.items[0]?.counts.created).toBeGreaterThan(100);
    const ledger = await balance(world, lacking.cmId, false);
    expect(ledger.condoControl.mapped).toBe(false);
    expect(ledger.lines.every((l) => l.condoControl.state === 'attention')).toBe(true);
  });
});
