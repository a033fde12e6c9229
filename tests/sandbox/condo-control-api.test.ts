import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccSandbox, type Json } from './helpers';

let sb: Awaited<ReturnType<typeof ccSandbox>>;
beforeAll(async () => {
  sb = await ccSandbox();
});
afterAll(() => sb.close());

const W = '/api/v1/workspaces/ws_1';
type Unit = { id: string; name: string; unitType: string; externalId: string | null };
type User = { id: string; email: string | null; [k: string]: Json };

async function unitNamed(name: string): Promise<Unit> {
  return (await sb.cc<Unit[]>(`${W}/units?limit=1000`)).body.find((u) => u.name === name)!;
}

let n = 0;
const newUser = (extra: Record<string, unknown> = {}) => ({ firstName: 'Test', lastName: `User${++n}`, groupIds: ['grp_4'], ...extra });

describe('Condo Control auth', () => {
  it('issues a bearer token for the demo login, and 401 otherwise', async () => {
    const ok = await sb.raw('/api/v1/auth/token', { method: 'POST', json: { username: 'demo', password: 'demo-password' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ accessToken: expect.any(String), expiresIn: 3600 });
    expect(ok.body.expiresIn).toBeGreaterThanOrEqual(3600);
    const bad = await sb.raw('/api/v1/auth/token', { method: 'POST', json: { username: 'demo', password: 'wrong' } });
    expect(bad.status).toBe(401);
    expect(bad.body.errorCode).toBe('unauthorized');
    expect((await sb.raw('/api/v1/auth/token', { method: 'POST', json: {} })).status).toBe(422);
  });

  it('refuses calls without a token, with a wrong one, or after expiry', async () => {
    expect((await sb.raw('/api/v1/workspaces')).status).toBe(401);
    expect((await sb.raw('/api/v1/workspaces', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await sb.cc('/api/v1/workspaces')).status).toBe(200);
    expect((await sb.raw('/_sandbox/expire-tokens', { method: 'POST' })).body.expired).toBeGreaterThan(0);
    const expired = await sb.cc('/api/v1/workspaces');
    expect(expired.status).toBe(401);
    expect(expired.body.errorCode).toBe('unauthorized');
    await sb.login();
    expect((await sb.cc('/api/v1/workspaces')).status).toBe(200);
  });

  it('expires tokens after tokenTtlSec', async () => {
    const short = await ccSandbox({ tokenTtlSec: 1 });
    try {
      expect((await short.cc('/api/v1/workspaces')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await short.cc('/api/v1/workspaces')).status).toBe(401);
    } finally {
      await short.close();
    }
  });
});

describe('Condo Control directory', () => {
  it('lists one workspace named after the corporation', async () => {
    const res = await sb.cc('/api/v1/workspaces');
    expect(res.headers.get('x-total-count')).toBe('1');
    expect(res.body).toEqual([{ id: 'ws_1', name: expect.stringMatching(/^TSCC 2750 — /) }]);
    expect((await sb.cc('/api/v1/workspaces/ws_9/units')).status).toBe(404);
  });

  it('lists the six built-in groups', async () => {
    const res = await sb.cc(`${W}/groups`);
    expect(res.body.map((g: { name: string }) => g.name)).toEqual([
      'Board Members', 'Property Managers', 'Security/Concierge', 'Owners', 'Residents', 'Renters',
    ]);
    expect(res.body.every((g: { builtIn: boolean }) => g.builtIn)).toBe(true);
  });

  it('has the units with Condo Manager names and no externalId; PUT sets type and externalId', async () => {
    const units = (await sb.cc<Unit[]>(`${W}/units?limit=1000`)).body;
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(['1203', '804', 'P-12', 'L-4']));
    expect(units.every((u) => u.externalId === null)).toBe(true);
    expect(Object.keys(units[0]!)).toEqual(['id', 'name', 'unitType', 'externalId']);
    const u = units[0]!;
    const put = await sb.cc(`${W}/units/${u.id}`, { method: 'PUT', json: { unitType: 'Rental', externalId: 'u_abc' } });
    expect(put.body).toEqual({ ...u, unitType: 'Rental', externalId: 'u_abc' });
    expect((await sb.cc(`${W}/units/${u.id}`)).body).toEqual(put.body);
    expect((await sb.cc(`${W}/units/${u.id}`, { method: 'PUT', json: { unitType: 'Condo' } })).status).toBe(422);
    expect((await sb.cc(`${W}/units/unit_999999`, { method: 'PUT', json: {} })).status).toBe(404);
    const page = await sb.cc<Unit[]>(`${W}/units?offset=2&limit=3`);
    expect(page.body.map((x) => x.id)).toEqual(units.slice(2, 5).map((x) => x.id));
    expect((await sb.cc(`${W}/units?limit=0`)).status).toBe(400);
  });
});

describe('Condo Control users', () => {
  it('starts with only the hand-made users, none linked', async () => {
    const users = (await sb.cc<User[]>(`${W}/users`)).body.filter((u) => !u.lastName.startsWith('User'));
    expect(users.length).toBeGreaterThanOrEqual(2);
    expect(users.every((u) => u.externalId === null)).toBe(true);
    expect(Object.keys(users[0]!)).toEqual(['id', 'externalId', 'firstName', 'lastName', 'email', 'phones', 'language', 'active', 'groupIds', 'unitIds', 'updatedAt']);
  });

  it('creates a user with groups and units in one call, and finds it by externalId and email', async () => {
    const unit = await unitNamed('804');
    const res = await sb.cc(`${W}/users`, {
      method: 'POST',
      json: newUser({ externalId: 'p_scott', email: 'Scott.Mills@Example.com', unitIds: [unit.id], phones: [{ type: 'mobile', number: '416-555-0142' }], language: 'en' }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ externalId: 'p_scott', active: true, groupIds: ['grp_4'], unitIds: [unit.id], updatedAt: expect.any(String) });
    expect((await sb.cc<User[]>(`${W}/users?externalId=p_scott`)).body.map((u) => u.id)).toEqual([res.body.id]);
    const byEmail = await sb.cc<User[]>(`${W}/users?email=${encodeURIComponent('scott.mills@example.COM')}`);
    expect(byEmail.body.map((u) => u.id)).toEqual([res.body.id]);
    expect(byEmail.headers.get('x-total-count')).toBe('1');
    expect((await sb.cc<User[]>(`${W}/users?externalId=nobody`)).body).toEqual([]);
    expect((await sb.cc(`${W}/users/${res.body.id}`)).body).toEqual(res.body);
  });

  it('Idempotency-Key: the same key returns the same user; a different body with it is refused', async () => {
    const body = newUser({ email: 'idem@example.com' });
    const headers = { 'idempotency-key': 'key-123' };
    const first = await sb.cc(`${W}/users`, { method: 'POST', json: body, headers });
    const again = await sb.cc(`${W}/users`, { method: 'POST', json: body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect((await sb.cc<User[]>(`${W}/users?email=idem@example.com`)).body).toHaveLength(1);
    const reused = await sb.cc(`${W}/users`, { method: 'POST', json: { ...body, firstName: 'Other' }, headers });
    expect(reused.status).toBe(422);
    expect(reused.body.errorCode).toBe('idempotency_key_reused');
    // Without a key, the same body is a second request: its email is taken now.
    expect((await sb.cc(`${W}/users`, { method: 'POST', json: body })).status).toBe(409);
  });

  it('409 on a duplicate login email, case-insensitively; many users may have no email', async () => {
    const first = await sb.cc(`${W}/users`, { method: 'POST', json: newUser({ email: 'dup@example.com' }) });
    expect(first.status).toBe(201);
    const dup = await sb.cc(`${W}/users`, { method: 'POST', json: newUser({ email: 'DUP@example.com' }) });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ errorCode: 'duplicate_email', errors: expect.arrayContaining([{ key: 'existingUserId', value: first.body.id }]) });
    for (let i = 0; i < 2; i++) expect((await sb.cc(`${W}/users`, { method: 'POST', json: newUser({ email: null }) })).status).toBe(201);
    const other = await sb.cc(`${W}/users`, { method: 'POST', json: newUser() });
    expect((await sb.cc(`${W}/users/${other.body.id}`, { method: 'PATCH', json: { email: 'Dup@Example.com' } })).status).toBe(409);
  });

  it('a deactivated user has no login, so its email is free; reactivating it then conflicts', async () => {
    const leaving = (await sb.cc(`${W}/users`, { method: 'POST', json: newUser({ email: 'moved@example.com' }) })).body;
    await sb.cc(`${W}/users/${leaving.id}/deactivate`, { method: 'POST' });
    const newcomer = await sb.cc(`${W}/users`, { method: 'POST', json: newUser({ email: 'moved@example.com' }) });
    expect(newcomer.status).toBe(201);
    const back = await sb.cc(`${W}/users/${leaving.id}`, { method: 'PATCH', json: { active: true } });
    expect(back.status).toBe(409);
    expect((await sb.cc(`${W}/users?email=moved@example.com`)).body).toHaveLength(2);
  });

  it('422 on validation: last name, a group, email format, language, unknown ids', async () => {
    const res = await sb.cc(`${W}/users`, { method: 'POST', json: { email: 'not an email', language: 'de', groupIds: [] } });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { key: string }) => e.key).sort()).toEqual(['email', 'groupIds', 'language', 'lastName']);
    expect((await sb.cc(`${W}/users`, { method: 'POST', json: { lastName: 'X' } })).status).toBe(422);
    const unknown = await sb.cc(`${W}/users`, { method: 'POST', json: newUser({ groupIds: ['grp_99'], unitIds: ['unit_999999'] }) });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { key: string }) => e.key)).toEqual(['groupIds.0', 'unitIds.0']);
    expect((await sb.cc(`${W}/users`, { method: 'POST', json: newUser({ surprise: 1 }) })).status).toBe(422);
  });

  it('updates, deactivates, sets groups and related units', async () => {
    const created = (await sb.cc(`${W}/users`, { method: 'POST', json: newUser() })).body;
    const patched = await sb.cc(`${W}/users/${created.id}`, { method: 'PATCH', json: { firstName: 'Renée', language: 'fr' } });
    expect(patched.body).toMatchObject({ firstName: 'Renée', language: 'fr' });
    expect(patched.body.updatedAt > created.updatedAt).toBe(true);
    const same = await sb.cc(`${W}/users/${created.id}`, { method: 'PATCH', json: { firstName: 'Renée' } });
    expect(same.body.updatedAt).toBe(patched.body.updatedAt);
    expect((await sb.cc(`${W}/users/${created.id}`, { method: 'PATCH', json: { lastName: '' } })).status).toBe(422);

    const groups = await sb.cc(`${W}/users/${created.id}/groups`, { method: 'PUT', json: { groupIds: ['grp_6', 'grp_5'] } });
    expect(groups.body.groupIds).toEqual(['grp_6', 'grp_5']);
    expect((await sb.cc(`${W}/users/${created.id}/groups`, { method: 'PUT', json: { groupIds: [] } })).status).toBe(422);

    const unit = await unitNamed('1203');
    const related = await sb.cc(`${W}/users/${created.id}/units/${unit.id}`, { method: 'PUT' });
    expect(related.body.unitIds).toEqual([unit.id]);
    expect((await sb.cc(`${W}/users/${created.id}/units/${unit.id}`, { method: 'PUT' })).body.unitIds).toEqual([unit.id]);
    expect((await sb.cc(`${W}/users/${created.id}/units/unit_999999`, { method: 'PUT' })).status).toBe(404);
    expect((await sb.cc(`${W}/users/${created.id}/units/${unit.id}`, { method: 'DELETE' })).body.unitIds).toEqual([]);

    const off = await sb.cc(`${W}/users/${created.id}/deactivate`, { method: 'POST' });
    expect(off.body.active).toBe(false);
    expect((await sb.cc(`${W}/users/${created.id}`)).body.active).toBe(false);
    expect((await sb.cc(`${W}/users/user_999999/deactivate`, { method: 'POST' })).status).toBe(404);
  });

  it('pages users with X-Total-Count', async () => {
    const all = await sb.cc<User[]>(`${W}/users?limit=1000`);
    const total = Number(all.headers.get('x-total-count'));
    expect(total).toBe(all.body.length);
    const page = await sb.cc<User[]>(`${W}/users?offset=1&limit=2`);
    expect(page.body.map((u) => u.id)).toEqual(all.body.slice(1, 3).map((u) => u.id));
    expect((await sb.cc<User[]>(`${W}/users?offset=100000`)).body).toEqual([]);
    expect((await sb.cc(`${W}/users?limit=1001`)).status).toBe(400);
  });
});

describe('Condo Control accounts', () => {
  it('upserts invoices and payments idempotently and computes the balance', async () => {
    const unit = await unitNamed('804');
    const A = `${W}/accounts/${unit.id}`;
    const invoice = { number: '2750-000999', date: '2026-11-01', dueDate: '2026-11-01', kind: 'CommonExpense', lines: [{ description: 'Common expenses – November 2026', amountCents: 61250 }], totalCents: 61250, status: 'Open' };
    const created = await sb.cc(`${A}/invoices/inv_cm_1`, { method: 'PUT', json: invoice });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'invoice', externalId: 'inv_cm_1', unitId: unit.id, amountCents: 61250, status: 'Open' });
    const replay = await sb.cc(`${A}/invoices/inv_cm_1`, { method: 'PUT', json: invoice });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(created.body);
    const changed = await sb.cc(`${A}/invoices/inv_cm_1`, { method: 'PUT', json: { ...invoice, status: 'Paid' } });
    expect(changed.body).toMatchObject({ id: created.body.id, status: 'Paid' });
    expect(changed.body.updatedAt > created.body.updatedAt).toBe(true);
    await sb.cc(`${A}/invoices/inv_cm_2`, { method: 'PUT', json: { date: '2026-11-05', kind: 'Other', totalCents: 1000, status: 'Void' } });

    const pay = { date: '2026-11-01', amountCents: 61250, method: 'PAD', reference: 'PAD 2026-11', status: 'Posted' };
    expect((await sb.cc(`${A}/payments/pay_cm_1`, { method: 'PUT', json: pay })).status).toBe(201);
    expect((await sb.cc(`${A}/payments/pay_cm_1`, { method: 'PUT', json: pay })).status).toBe(200);
    await sb.cc(`${A}/payments/pay_cm_2`, { method: 'PUT', json: { ...pay, amountCents: 100, status: 'Reversed' } });

    const txns = await sb.cc(`${A}/transactions`);
    expect(txns.headers.get('x-total-count')).toBe('4');
    expect(txns.body.map((t: { type: string; externalId: string }) => `${t.type}:${t.externalId}`)).toEqual([
      'invoice:inv_cm_1', 'payment:pay_cm_1', 'payment:pay_cm_2', 'invoice:inv_cm_2',
    ]);
    // Open and Paid invoices count, Void does not; Posted payments count, Reversed do not.
    expect((await sb.cc(`${A}/balance`)).body).toMatchObject({ totalCents: 0, invoicedCents: 61250, paidCents: 61250 });
    await sb.cc(`${A}/invoices/inv_cm_3`, { method: 'PUT', json: { date: '2026-11-10', lines: [{ description: 'Late fee', amountCents: 5000 }] } });
    expect((await sb.cc(`${A}/balance`)).body.totalCents).toBe(5000);
  });

  it('validates upserts and unknown units', async () => {
    const unit = await unitNamed('1203');
    const A = `${W}/accounts/${unit.id}`;
    expect((await sb.cc(`${A}/invoices/x`, { method: 'PUT', json: { date: '2026-11-01' } })).status).toBe(422);
    expect((await sb.cc(`${A}/invoices/x`, { method: 'PUT', json: { date: 'soon', totalCents: 1 } })).status).toBe(422);
    const mismatch = await sb.cc(`${A}/invoices/x`, { method: 'PUT', json: { date: '2026-11-01', totalCents: 2, lines: [{ description: 'a', amountCents: 1 }] } });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors[0].key).toBe('totalCents');
    expect((await sb.cc(`${A}/payments/x`, { method: 'PUT', json: { date: '2026-11-01', amountCents: 1.5 } })).status).toBe(422);
    expect((await sb.cc(`${W}/accounts/unit_999999/balance`)).status).toBe(404);
    expect((await sb.cc(`${W}/accounts/unit_999999/transactions`)).status).toBe(404);
  });
});

describe('Condo Control bad input', () => {
  it('answers the error body for unknown routes, methods, invalid JSON and big bodies', async () => {
    const route = await sb.cc('/api/v1/nothing');
    expect(route.status).toBe(404);
    expect(route.body.errorCode).toBe('not_found');
    const method = await sb.cc(`${W}/groups`, { method: 'POST' });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET');
    const json = await sb.cc(`${W}/users`, { method: 'POST', body: '{nope', headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(400);
    expect(json.body.errorCode).toBe('invalid_json');
    const big = await sb.cc(`${W}/users`, { method: 'POST', body: JSON.stringify({ lastName: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
    expect((await sb.cc(`${W}/users?limit=abc`)).status).toBe(400);
    expect((await sb.cc('/api/v1/workspaces')).status).toBe(200);
  });
});
