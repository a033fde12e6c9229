import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORP, cmSandbox, type Json } from './helpers';

let sb: Awaited<ReturnType<typeof cmSandbox>>;
beforeAll(async () => {
  sb = await cmSandbox();
});
afterAll(() => sb.close());

const C = `/v1/corporations/${CORP}`;
type Row = { id: string; updatedAt: string; [k: string]: Json };

async function scott() {
  const owners = (await sb.cm<Row[]>(`${C}/owners?limit=1000`)).body;
  return owners.find((o) => o.firstName === 'Scott')!;
}

describe('Condo Manager auth', () => {
  it('answers 401 with the error body without or with wrong credentials', async () => {
    const attempts: Array<Record<string, string>> = [{}, { 'x-cm-client-id': 'demo' }, { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'nope' }];
    for (const headers of attempts) {
      const res = await sb.raw(`/v1/corporations`, { headers });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ errorCode: 'unauthorized', errors: [] });
      expect(typeof res.body.userMessage).toBe('string');
    }
  });

  it('accepts other credentials when started with them', async () => {
    const other = await cmSandbox({ clientId: 'acme', clientSecret: 's3' });
    try {
      expect((await other.raw('/v1/corporations', { headers: { 'x-cm-client-id': 'acme', 'x-cm-client-secret': 's3' } })).status).toBe(200);
      expect((await other.cm('/v1/corporations')).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('Condo Manager reads', () => {
  it('lists corporations with X-Total-Count', async () => {
    const res = await sb.cm('/v1/corporations');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('1');
    expect(res.body).toEqual([{ id: CORP, code: 'TSCC 2750', legalName: expect.stringContaining('2750'), timezone: 'America/Toronto' }]);
    expect((await sb.cm(C)).body.code).toBe('TSCC 2750');
  });

  it('lists units in the SYSTEMS.md shape', async () => {
    const res = await sb.cm<Row[]>(`${C}/units?limit=1000`);
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('x-total-count'))).toBe(res.body.length);
    const unit = res.body.find((u) => u.number === '1203')!;
    expect(Object.keys(unit)).toEqual(['id', 'number', 'legalDescription', 'kind', 'occupancy', 'accountId', 'updatedAt']);
    expect(new Set(res.body.map((u) => u.kind))).toEqual(new Set(['residential', 'parking', 'locker', 'commercial']));
    expect((await sb.cm(`${C}/units/${unit.id}`)).body).toEqual(unit);
  });

  it('lists owners and tenants; Past people only with includePast=true', async () => {
    const active = await sb.cm<Row[]>(`${C}/owners?limit=1000`);
    const all = await sb.cm<Row[]>(`${C}/owners?limit=1000&includePast=true`);
    expect(active.body.every((p) => p.status === 'Active')).toBe(true);
    expect(all.body.some((p) => p.status === 'Past' && p.endDate)).toBe(true);
    expect(Number(all.headers.get('x-total-count'))).toBeGreaterThan(Number(active.headers.get('x-total-count')));
    const person = active.body[0]!;
    expect(Object.keys(person)).toEqual([
      'id', 'unitIds', 'title', 'firstName', 'lastName', 'email', 'phones', 'mailingAddress', 'language', 'status', 'startDate', 'endDate', 'updatedAt',
    ]);
    const tenants = await sb.cm<Row[]>(`${C}/tenants?limit=1000&includePast=true`);
    expect(tenants.body.length).toBeGreaterThan(0);
    expect(tenants.body.every((t) => 'moveInDate' in t && 'moveOutDate' in t)).toBe(true);
    expect(tenants.body.some((t) => t.status === 'Past' && t.moveOutDate)).toBe(true);
    expect((await sb.cm(`${C}/owners/${person.id}`)).body).toEqual(person);
    expect((await sb.cm(`${C}/tenants/${person.id}`)).status).toBe(404);
    expect((await sb.cm(`${C}/owners?includePast=yes`)).status).toBe(400);
  });

  it('lists invoices and payments, and an account balance with aging', async () => {
    const invoices = await sb.cm<Row[]>(`${C}/invoices?limit=1000`);
    expect(invoices.status).toBe(200);
    const inv = invoices.body[0]!;
    expect(Object.keys(inv)).toEqual(['id', 'accountId', 'unitId', 'number', 'date', 'dueDate', 'kind', 'lines', 'totalCents', 'status', 'updatedAt']);
    const payments = await sb.cm<Row[]>(`${C}/payments?limit=5`);
    expect(Object.keys(payments.body[0]!)).toEqual(['id', 'accountId', 'unitId', 'date', 'method', 'amountCents', 'reference', 'status', 'updatedAt']);
    expect((await sb.cm(`${C}/invoices/${inv.id}`)).body).toEqual(inv);
    expect((await sb.cm(`${C}/payments/${payments.body[0]!.id}`)).body).toEqual(payments.body[0]);
    const balance = await sb.cm(`${C}/accounts/${inv.accountId}/balance`);
    expect(balance.status).toBe(200);
    const { totalCents, aging } = balance.body;
    expect(aging.d0_30 + aging.d31_60 + aging.d61_90 + aging.over90).toBe(totalCents);
    expect((await sb.cm(`${C}/accounts/nope/balance`)).status).toBe(404);
  });
});

describe('Condo Manager paging and watermarks', () => {
  it('pages with offset and limit, including past the end', async () => {
    const all = (await sb.cm<Row[]>(`${C}/units?limit=1000`)).body;
    const first = await sb.cm<Row[]>(`${C}/units?limit=1`);
    expect(first.body).toEqual([all[0]]);
    const second = await sb.cm<Row[]>(`${C}/units?offset=1&limit=2`);
    expect(second.body).toEqual(all.slice(1, 3));
    const past = await sb.cm<Row[]>(`${C}/units?offset=5000`);
    expect(past.status).toBe(200);
    expect(past.body).toEqual([]);
    expect(Number(past.headers.get('x-total-count'))).toBe(all.length);
    expect((await sb.cm<Row[]>(`${C}/units`)).body).toHaveLength(Math.min(100, all.length));
  });

  it('rejects malformed paging with 400 naming the parameter', async () => {
    for (const q of ['limit=0', 'limit=1001', 'limit=x', 'limit=-1', 'limit=1.5', 'offset=-1', 'offset=abc']) {
      const res = await sb.cm(`${C}/owners?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.errors[0].key).toBe(q.split('=')[0]);
    }
    expect((await sb.cm(`${C}/owners?limit=1000`)).status).toBe(200);
    expect((await sb.cm(`${C}/owners?lastupdatedfrom=yesterday`)).status).toBe(400);
  });

  it('orders by (updatedAt, id): equal timestamps are broken by id', async () => {
    const rows = (await sb.cm<Row[]>(`${C}/owners?limit=1000&includePast=true`)).body;
    const key = (r: Row) => `${r.updatedAt}|${r.id}`;
    const sorted = [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
    const ties = rows.filter((r) => r.updatedAt === rows[0]!.updatedAt);
    expect(ties.length).toBeGreaterThan(5);
    // Paging one row at a time gives the same order as one big page.
    const paged: string[] = [];
    for (let offset = 0; offset < 12; offset++) {
      paged.push((await sb.cm<Row[]>(`${C}/owners?limit=1&offset=${offset}&includePast=true`)).body[0]!.id);
    }
    expect(paged).toEqual(rows.slice(0, 12).map((r) => r.id));
  });

  it('lastupdatedfrom is inclusive and accepts a date or a time', async () => {
    const rows = (await sb.cm<Row[]>(`${C}/invoices?limit=1000`)).body;
    const mark = rows[Math.floor(rows.length / 2)]!.updatedAt;
    const from = await sb.cm<Row[]>(`${C}/invoices?limit=1000&lastupdatedfrom=${encodeURIComponent(mark)}`);
    expect(from.body.length).toBe(rows.filter((r) => r.updatedAt >= mark).length);
    expect(from.body[0]!.updatedAt).toBe(mark);
    const future = await sb.cm<Row[]>(`${C}/invoices?lastupdatedfrom=2999-01-01`);
    expect(future.body).toEqual([]);
    expect(future.headers.get('x-total-count')).toBe('0');
  });
});

describe('Condo Manager writes', () => {
  it('PATCH owner bumps updatedAt past every other row and shows up after the watermark', async () => {
    const before = await scott();
    const rows = (await sb.cm<Row[]>(`${C}/owners?limit=1000&includePast=true`)).body;
    const watermark = rows.reduce((m, r) => (r.updatedAt > m ? r.updatedAt : m), '');
    const res = await sb.cm(`${C}/owners/${before.id}`, { method: 'PATCH', json: { email: 'scott@example.org', phones: [{ type: 'home', number: '416-555-0111' }] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: before.id, email: 'scott@example.org', firstName: 'Scott' });
    expect(res.body.updatedAt > watermark).toBe(true);
    expect(res.body.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const changed = (await sb.cm<Row[]>(`${C}/owners?lastupdatedfrom=${encodeURIComponent(res.body.updatedAt)}`)).body;
    expect(changed.map((r) => r.id)).toEqual([before.id]);
    // Saving the same values again changes nothing.
    const again = await sb.cm(`${C}/owners/${before.id}`, { method: 'PATCH', json: { email: 'scott@example.org' } });
    expect(again.body.updatedAt).toBe(res.body.updatedAt);
  });

  it('successive writes get strictly increasing updatedAt', async () => {
    const s = await scott();
    const stamps: string[] = [];
    for (let i = 0; i < 5; i++) stamps.push((await sb.cm(`${C}/owners/${s.id}`, { method: 'PATCH', json: { title: `T${i}` } })).body.updatedAt);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(5);
  });

  it('validates PATCH bodies (422) and unknown ids (404)', async () => {
    const s = await scott();
    expect((await sb.cm(`${C}/owners/p_missing`, { method: 'PATCH', json: { firstName: 'x' } })).status).toBe(404);
    const bad = await sb.cm(`${C}/owners/${s.id}`, { method: 'PATCH', json: { lastName: '', id: 'x', language: 'de' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { key: string }) => e.key).sort()).toEqual(['body', 'language', 'lastName']);
    expect((await sb.cm(`${C}/owners/${s.id}`, { method: 'PATCH', json: { unitIds: ['u_nope'] } })).status).toBe(422);
    expect((await sb.cm(`${C}/owners/${s.id}`, { method: 'PATCH', json: { moveInDate: '2020-01-01' } })).status).toBe(422);
    // Condo Manager keeps what the desk typed, even an invalid email: flagging it is the sync's job.
    expect((await sb.cm(`${C}/owners/${s.id}`, { method: 'PATCH', json: { email: 'not-an-email' } })).body.email).toBe('not-an-email');
  });

  it('ends a tenant (Past) with an end date', async () => {
    const tenant = (await sb.cm<Row[]>(`${C}/tenants?limit=1`)).body[0]!;
    const res = await sb.cm(`${C}/tenants/${tenant.id}`, { method: 'PATCH', json: { status: 'Past' } });
    expect(res.body).toMatchObject({ status: 'Past', endDate: expect.any(String), moveOutDate: expect.any(String) });
    const active = (await sb.cm<Row[]>(`${C}/tenants?limit=1000`)).body;
    expect(active.some((t) => t.id === tenant.id)).toBe(false);
  });

  it('creates owners and tenants, edits units (sandbox extensions)', async () => {
    const unit = (await sb.cm<Row[]>(`${C}/units?limit=1`)).body[0]!;
    const owner = await sb.cm(`${C}/owners`, { method: 'POST', json: { firstName: 'Nora', lastName: 'Quinn', unitIds: [unit.id], email: 'nora@example.com' } });
    expect(owner.status).toBe(201);
    expect(owner.body).toMatchObject({ status: 'Active', language: 'en', unitIds: [unit.id] });
    const tenant = await sb.cm(`${C}/tenants`, { method: 'POST', json: { lastName: 'Quinn', unitIds: [unit.id] } });
    expect(tenant.body).toMatchObject({ moveInDate: expect.any(String), moveOutDate: null });
    expect((await sb.cm(`${C}/owners`, { method: 'POST', json: { firstName: 'No last name' } })).status).toBe(422);
    const patched = await sb.cm(`${C}/units/${unit.id}`, { method: 'PATCH', json: { occupancy: 'Vacant' } });
    expect(patched.body.occupancy).toBe('Vacant');
    expect(patched.body.updatedAt > unit.updatedAt).toBe(true);
  });

  it('posts an invoice and a payment; the payment settles the invoice', async () => {
    const s = await scott();
    const unitId = s.unitIds[0];
    const inv = await sb.cm(`${C}/invoices`, {
      method: 'POST',
      json: { unitId, kind: 'CommonExpense', date: '2026-11-01', dueDate: '2026-11-01', lines: [{ description: 'Common expenses – November 2026', amountCents: 61250 }] },
    });
    expect(inv.status).toBe(201);
    expect(inv.body).toMatchObject({ unitId, kind: 'CommonExpense', totalCents: 61250, status: 'Open', number: expect.stringMatching(/^2750-\d{6}$/) });
    const balance = (await sb.cm(`${C}/accounts/${inv.body.accountId}/balance`)).body;
    const pay = await sb.cm(`${C}/payments`, { method: 'POST', json: { unitId, date: '2026-11-01', method: 'PAD', amountCents: 61250, reference: 'PAD 2026-11' } });
    expect(pay.status).toBe(201);
    expect(pay.body).toMatchObject({ accountId: inv.body.accountId, status: 'Posted' });
    expect((await sb.cm(`${C}/invoices/${inv.body.id}`)).body.status).toBe('Paid');
    expect((await sb.cm(`${C}/accounts/${inv.body.accountId}/balance`)).body.totalCents).toBe(balance.totalCents - 61250);
    // Reverse the payment and void the invoice (sandbox extensions).
    expect((await sb.cm(`${C}/payments/${pay.body.id}/reverse`, { method: 'POST' })).body.status).toBe('Reversed');
    expect((await sb.cm(`${C}/invoices/${inv.body.id}`)).body.status).toBe('Open');
    expect((await sb.cm(`${C}/invoices/${inv.body.id}/void`, { method: 'POST' })).body.status).toBe('Void');
    expect((await sb.cm(`${C}/accounts/${inv.body.accountId}/balance`)).body.totalCents).toBe(balance.totalCents - 61250 - 61250 + 61250);
  });

  it('keeps quotes, backslashes and accents intact in invoice lines and payment references', async () => {
    const s = await scott();
    const description = 'Chargeback – "window" repair \\ unité 804';
    const inv = await sb.cm(`${C}/invoices`, {
      method: 'POST',
      json: { unitId: s.unitIds[0], kind: 'Chargeback', date: '2026-11-02', dueDate: '2026-12-02', lines: [{ description, amountCents: 100 }, { description: 'Tax', amountCents: 13 }] },
    });
    expect(inv.body.lines).toEqual([{ description, amountCents: 100 }, { description: 'Tax', amountCents: 13 }]);
    expect(inv.body.totalCents).toBe(113);
    const listed = (await sb.cm<Row[]>(`${C}/invoices?limit=10&lastupdatedfrom=${encodeURIComponent(inv.body.updatedAt)}`)).body;
    expect(listed.find((i) => i.id === inv.body.id)).toEqual(inv.body);
    const pay = await sb.cm(`${C}/payments`, { method: 'POST', json: { unitId: s.unitIds[0], date: '2026-11-02', method: 'Cheque', amountCents: 113, reference: 'Cheque "#12" \\ é' } });
    expect((await sb.cm(`${C}/payments/${pay.body.id}`)).body).toEqual(pay.body);
  });

  it('validates invoices and payments (422)', async () => {
    const bad = await sb.cm(`${C}/invoices`, { method: 'POST', json: { unitId: 'u_nope', kind: 'Rent', date: '2026-13-01', dueDate: '2026-11-01', lines: [] } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { key: string }) => e.key)).toEqual(expect.arrayContaining(['kind', 'date', 'lines']));
    const s = await scott();
    const noUnit = await sb.cm(`${C}/invoices`, { method: 'POST', json: { unitId: 'u_nope', kind: 'Other', date: '2026-11-01', dueDate: '2026-11-01', lines: [{ description: 'x', amountCents: 1 }] } });
    expect(noUnit.status).toBe(422);
    expect((await sb.cm(`${C}/payments`, { method: 'POST', json: { unitId: s.unitIds[0], date: '2026-11-01', method: 'Bitcoin', amountCents: 0 } })).status).toBe(422);
  });
});

describe('Condo Manager bad input', () => {
  it('answers the error body for unknown corporations, routes, methods, JSON and size', async () => {
    const unknownCorp = await sb.cm('/v1/corporations/corp_nope/owners');
    expect(unknownCorp.status).toBe(404);
    expect(unknownCorp.body).toMatchObject({ errorCode: 'not_found', errors: [{ key: 'corporation', value: 'corp_nope' }] });
    for (const path of ['/v1/corporations/corp_nope/units', '/v1/corporations/corp_nope/changes', '/v1/corporations/corp_nope']) {
      expect((await sb.cm(path)).status).toBe(404);
    }
    const route = await sb.cm('/v1/nothing-here');
    expect(route.status).toBe(404);
    expect(route.body.errorCode).toBe('not_found');
    const method = await sb.cm(`${C}/owners`, { method: 'DELETE' });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET, POST');
    expect(method.body.errorCode).toBe('method_not_allowed');
    const s = await scott();
    const json = await sb.cm(`${C}/owners/${s.id}`, { method: 'PATCH', body: '{"firstName":', headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(400);
    expect(json.body.errorCode).toBe('invalid_json');
    const big = await sb.cm(`${C}/owners/${s.id}`, { method: 'PATCH', body: JSON.stringify({ firstName: 'x'.repeat(1024 * 1024 + 10) }), headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    expect(big.body.errorCode).toBe('payload_too_large');
    // The server is still fine afterwards.
    expect((await sb.cm('/v1/corporations')).status).toBe(200);
  });
});
