import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORP, cmSandbox } from './helpers';

let sb: Awaited<ReturnType<typeof cmSandbox>>;
beforeAll(async () => {
  sb = await cmSandbox({ feedRetention: 20 });
});
afterAll(() => sb.close());

const C = `/v1/corporations/${CORP}`;
type Feed = { events: Array<{ seq: number; type: string; entityType: string; entityId: string; occurredAt: string }>; nextCursor: string; hasMore: boolean };

async function head(): Promise<string> {
  let page = (await sb.cm<Feed>(`${C}/changes?limit=1000`)).body;
  while (page.hasMore) page = (await sb.cm<Feed>(`${C}/changes?limit=1000&cursor=${page.nextCursor}`)).body;
  return page.nextCursor;
}

async function anyUnit(): Promise<string> {
  return (await sb.cm<Array<{ id: string }>>(`${C}/units?limit=1`)).body[0]!.id;
}

function newInvoice(unitId: string, amountCents = 1000) {
  return sb.cm(`${C}/invoices`, {
    method: 'POST',
    json: { unitId, kind: 'Chargeback', date: '2026-11-02', dueDate: '2026-12-02', lines: [{ description: 'Chargeback – lobby repair', amountCents }] },
  });
}

describe('Condo Manager change feed', () => {
  it('starts empty after seeding, with a cursor', async () => {
    const res = await sb.cm<Feed>(`${C}/changes`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ events: [], nextCursor: expect.any(String), hasMore: false });
  });

  it('delivers an event per write, in seq order, after the cursor', async () => {
    const cursor = await head();
    const unitId = await anyUnit();
    const inv = (await newInvoice(unitId)).body;
    const owner = (await sb.cm<Array<{ id: string }>>(`${C}/owners?limit=1`)).body[0]!;
    await sb.cm(`${C}/owners/${owner.id}`, { method: 'PATCH', json: { firstName: 'Renamed' } });
    const page = (await sb.cm<Feed>(`${C}/changes?cursor=${cursor}`)).body;
    expect(page.events.map((e) => [e.type, e.entityType, e.entityId])).toEqual([
      ['invoice.created', 'invoice', inv.id],
      ['person.updated', 'person', owner.id],
    ]);
    expect(page.events[1]!.seq).toBeGreaterThan(page.events[0]!.seq);
    expect(page.events[0]!.occurredAt).toBe(inv.updatedAt);
    // Reading from the new cursor gives nothing more.
    expect((await sb.cm<Feed>(`${C}/changes?cursor=${page.nextCursor}`)).body.events).toEqual([]);
    // At least once: the old cursor still replays the same events.
    expect((await sb.cm<Feed>(`${C}/changes?cursor=${cursor}`)).body.events).toEqual(page.events);
  });

  it('pages with limit and hasMore', async () => {
    const cursor = await head();
    const unitId = await anyUnit();
    for (let i = 0; i < 3; i++) await newInvoice(unitId, 100 + i);
    const first = (await sb.cm<Feed>(`${C}/changes?cursor=${cursor}&limit=2`)).body;
    expect(first.events).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const second = (await sb.cm<Feed>(`${C}/changes?cursor=${first.nextCursor}&limit=2`)).body;
    expect(second.events.length).toBeGreaterThanOrEqual(1);
    expect(second.events[0]!.seq).toBeGreaterThan(first.events[1]!.seq);
  });

  it('emits person.ended, payment.posted, payment.reversed, invoice.voided, unit.updated', async () => {
    const cursor = await head();
    const unitId = await anyUnit();
    const tenant = (await sb.cm<Array<{ id: string }>>(`${C}/tenants?limit=1`)).body[0]!;
    await sb.cm(`${C}/tenants/${tenant.id}`, { method: 'PATCH', json: { status: 'Past' } });
    const pay = (await sb.cm(`${C}/payments`, { method: 'POST', json: { unitId, date: '2026-11-03', method: 'Cheque', amountCents: 500, reference: 'Cheque #9' } })).body;
    await sb.cm(`${C}/payments/${pay.id}/reverse`, { method: 'POST' });
    const inv = (await newInvoice(unitId)).body;
    await sb.cm(`${C}/invoices/${inv.id}/void`, { method: 'POST' });
    const unit = (await sb.cm(`${C}/units/${unitId}`)).body;
    await sb.cm(`${C}/units/${unitId}`, { method: 'PATCH', json: { occupancy: unit.occupancy === 'Rental' ? 'Vacant' : 'Rental' } });
    const types = (await sb.cm<Feed>(`${C}/changes?cursor=${cursor}`)).body.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['person.ended', 'payment.posted', 'payment.reversed', 'invoice.created', 'invoice.voided', 'unit.updated']));
  });

  it('long-poll: wait holds an empty feed and wakes at once on a new invoice', async () => {
    const cursor = await head();
    const unitId = await anyUnit();
    const started = Date.now();
    const polling = sb.cm<Feed>(`${C}/changes?cursor=${cursor}&wait=20`);
    await new Promise((r) => setTimeout(r, 300));
    const inv = (await newInvoice(unitId)).body;
    const res = await polling;
    const took = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.events.map((e) => e.entityId)).toContain(inv.id);
    expect(took).toBeLessThan(5000);
    expect(took).toBeGreaterThanOrEqual(250);
  });

  it('long-poll: answers empty when the wait runs out', async () => {
    const cursor = await head();
    const started = Date.now();
    const res = await sb.cm<Feed>(`${C}/changes?cursor=${cursor}&wait=1`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(res.body.events).toEqual([]);
    expect((await sb.cm(`${C}/changes?wait=31`)).status).toBe(400);
    expect((await sb.cm(`${C}/changes?wait=x`)).status).toBe(400);
  });

  it('answers 410 for an unreadable cursor and one older than the retention window', async () => {
    const garbage = await sb.cm(`${C}/changes?cursor=not-a-cursor`);
    expect(garbage.status).toBe(410);
    expect(garbage.body).toMatchObject({ errorCode: 'cursor_expired', errors: [{ key: 'cursor' }] });
    const old = await head();
    const unitId = await anyUnit();
    // Retention is 20 events in this sandbox: 25 writes push the old cursor out.
    for (let i = 0; i < 25; i++) await newInvoice(unitId, i + 1);
    const expired = await sb.cm(`${C}/changes?cursor=${old}`);
    expect(expired.status).toBe(410);
    expect(expired.body.errorCode).toBe('cursor_expired');
  });

  it('answers 410 for a cursor from before a reset, and wakes long-polls on reset', async () => {
    const cursor = await head();
    const polling = sb.cm(`${C}/changes?cursor=${cursor}&wait=20`);
    await new Promise((r) => setTimeout(r, 200));
    expect((await sb.raw('/_sandbox/reset', { method: 'POST', json: {} })).status).toBe(200);
    expect((await polling).status).toBe(410);
    expect((await sb.cm(`${C}/changes?cursor=${cursor}`)).status).toBe(410);
    expect((await sb.cm<Feed>(`${C}/changes`)).body.events).toEqual([]);
  });
});
