import { afterEach, describe, expect, it } from 'vitest';
import { CondoControlClient, ConflictError, ValidationError, isConflict, isValidationError } from '../../electron/core/systems';
import { send, sleep, startServer, type Handler, type ScriptedServer } from './scripted-server';

let server: ScriptedServer | undefined;
let client: CondoControlClient | undefined;
afterEach(async () => {
  client?.close();
  await server?.close();
});

const user = (id: string) => ({ id, externalId: `p-${id}`, firstName: 'A', lastName: 'B', email: null, phones: [], language: 'en', active: true, groupIds: [], unitIds: [], updatedAt: '2025-01-01T00:00:00Z' });

/** Token endpoint issuing tok-1, tok-2, …; `api` answers everything else. */
function withAuth(api: Handler, counters = { logins: 0 }): Handler {
  return async (r, res, raw) => {
    if (r.path === '/api/v1/auth/token') {
      counters.logins++;
      await sleep(30); // long enough for concurrent callers to pile up
      const ok = (r.body as { username?: string }).username === 'demo';
      return ok ? send(res, 200, { accessToken: `tok-${counters.logins}`, expiresIn: 3600 }) : send(res, 401, { userMessage: 'bad login', errorCode: 'unauthorized', errors: [] });
    }
    return api(r, res, raw);
  };
}

async function setup(handler: Handler, username = 'demo') {
  server = await startServer(handler);
  client = new CondoControlClient({ baseUrl: server.url, username, password: 'demo-password', backoffBaseMs: 5, rate: { requestsPerSecond: 1000, burst: 100 } });
  return { server, client };
}

describe('CondoControlClient auth', () => {
  it('logs in once for many concurrent first calls', async () => {
    const counters = { logins: 0 };
    const { client, server } = await setup(withAuth((_r, res) => send(res, 200, [{ id: 'g1', name: 'Owners', builtIn: true }], { 'x-total-count': 1 }), counters));
    await Promise.all(Array.from({ length: 10 }, () => client.listGroups('w1')));
    expect(counters.logins).toBe(1);
    const api = server.requests.filter((r) => r.path !== '/api/v1/auth/token');
    expect(api.every((r) => r.headers.authorization === 'Bearer tok-1')).toBe(true);
  });

  it('on 401 logs in again once, shared by concurrent callers, and repeats each call once', async () => {
    const counters = { logins: 0 };
    const { client } = await setup(
      withAuth((r, res) => (r.headers.authorization === 'Bearer tok-1' ? send(res, 401, { userMessage: 'expired', errorCode: 'token_expired', errors: [] }) : send(res, 200, [], { 'x-total-count': 0 })), counters),
    );
    // All five get tok-1 from one login, all are refused, and share one re-login.
    await Promise.all(Array.from({ length: 5 }, () => client.listGroups('w1')));
    expect(counters.logins).toBe(2);
    await Promise.all(Array.from({ length: 5 }, () => client.listUnits('w1')));
    expect(counters.logins).toBe(2);
  });

  it('gives up after three re-logins in a row when 401 persists (each refused token earns one login)', async () => {
    const counters = { logins: 0 };
    const { client, server } = await setup(withAuth((_r, res) => send(res, 401, { userMessage: 'no', errorCode: 'unauthorized', errors: [] }), counters));
    await expect(client.listGroups('w1')).rejects.toMatchObject({ code: 'unauthorized' });
    expect(counters.logins).toBe(4);
    expect(server.requests.filter((r) => r.path.endsWith('/groups'))).toHaveLength(4);
  });

  it('reports wrong credentials as unauthorized without calling the API', async () => {
    const { client, server } = await setup(withAuth((_r, res) => send(res, 200, [])), 'wrong');
    await expect(client.ping()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(server.requests.map((r) => r.path)).toEqual(['/api/v1/auth/token']);
  });
});

describe('CondoControlClient users', () => {
  it('creates a user with one POST carrying an Idempotency-Key, retried with the same key', async () => {
    let posts = 0;
    const { client, server } = await setup(withAuth((r, res) => (r.method === 'POST' && posts++ === 0 ? send(res, 503, {}) : send(res, 201, user('x1')))));
    const created = await client.createUser('w1', { externalId: 'p1', lastName: 'B', groupIds: ['g1'], unitIds: ['u1'] }, 'create-p1');
    expect(created.id).toBe('x1');
    const calls = server.requests.filter((r) => r.path === '/api/v1/workspaces/w1/users');
    expect(calls.map((r) => r.headers['idempotency-key'])).toEqual(['create-p1', 'create-p1']);
    expect(calls[0]!.body).toEqual({ externalId: 'p1', lastName: 'B', groupIds: ['g1'], unitIds: ['u1'] });
  });

  it('raises ConflictError on 409 and ValidationError with fields on 422', async () => {
    const { client } = await setup(
      withAuth((r, res) =>
        (r.body as { lastName?: string }).lastName === 'dup'
          ? send(res, 409, { userMessage: 'Email in use', errorCode: 'duplicate_email', errors: [{ key: 'email', value: 'a@b.ca' }] })
          : send(res, 422, { userMessage: 'Invalid', errorCode: 'validation_failed', errors: [{ key: 'email', value: 'Invalid email' }] }),
      ),
    );
    const conflict = await client.createUser('w1', { lastName: 'dup', email: 'a@b.ca', groupIds: ['g1'] }, 'k1').catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(isConflict(conflict)).toBe(true);
    const invalid = await client.createUser('w1', { lastName: 'x', email: 'nope', groupIds: ['g1'] }, 'k2').catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(isValidationError(invalid) && invalid.fields).toEqual(['email']);
  });

  it('finds users by externalId or email and lists all users across pages', async () => {
    const all = Array.from({ length: 1500 }, (_, i) => user(`u${i}`));
    const { client, server } = await setup(
      withAuth((r, res) => {
        const offset = Number(r.query.get('offset'));
        const limit = Number(r.query.get('limit'));
        send(res, 200, all.slice(offset, offset + limit), { 'x-total-count': all.length });
      }),
    );
    const found = await client.findUsers('w1', { externalId: 'p-u1', email: 'x@y.ca', limit: 5 });
    expect(found.items).toHaveLength(5);
    const q = server.requests.at(-1)!.query;
    expect([q.get('externalId'), q.get('email')]).toEqual(['p-u1', 'x@y.ca']);
    const { items } = await client.listAllUsers('w1');
    expect(items).toHaveLength(1500);
  });

  it('routes every write to its endpoint, retrying the idempotent ones', async () => {
    let failedOnce = false;
    const { client, server } = await setup(
      withAuth((r, res) => {
        if (r.path.endsWith('/deactivate') && !failedOnce) {
          failedOnce = true;
          return send(res, 503, {});
        }
        if (r.path.includes('/units/') && r.path.includes('/users/')) return send(res, 204);
        if (r.path.endsWith('/balance')) return send(res, 200, { unitId: 'cu1', totalCents: 100, invoicedCents: 200, paidCents: 100, currency: 'CAD' });
        if (r.path.endsWith('/transactions')) return send(res, 200, [], { 'x-total-count': 0 });
        if (r.path.includes('/invoices/')) return send(res, 201, { id: 'inv_1', type: 'invoice', externalId: 'inv1', unitId: 'cu1', number: null, date: '2025-01-01', dueDate: null, kind: null, description: '', lines: [], amountCents: 100, status: 'Open', updatedAt: '2025-01-01T00:00:00Z' });
        if (r.path.includes('/payments/')) return send(res, 200, { id: 'pay_1', type: 'payment', externalId: 'pay1', unitId: 'cu1', date: '2025-01-02', method: null, reference: null, amountCents: 100, status: 'Posted', updatedAt: '2025-01-02T00:00:00Z' });
        if (r.path.includes('/units/')) return send(res, 200, { id: 'cu1', name: '101', unitType: 'Rental', externalId: 'u1' });
        send(res, 200, user('x1'));
      }),
    );
    await client.updateUnit('w1', 'cu1', { unitType: 'Rental', externalId: 'u1' });
    await client.updateUser('w1', 'x1', { email: 'new@example.com' });
    await client.deactivateUser('w1', 'x1');
    await client.setUserGroups('w1', 'x1', ['g2']);
    await client.addUserUnit('w1', 'x1', 'cu1');
    await client.removeUserUnit('w1', 'x1', 'cu1');
    const inv = await client.upsertInvoice('w1', 'cu1', 'inv1', { date: '2025-01-01', totalCents: 100 });
    expect(inv).toMatchObject({ created: true, record: { type: 'invoice', externalId: 'inv1' } });
    const pay = await client.upsertPayment('w1', 'cu1', 'pay1', { date: '2025-01-02', amountCents: 100 });
    expect(pay).toMatchObject({ created: false, record: { type: 'payment' } });
    await client.listTransactions('w1', 'cu1');
    expect((await client.getAccountBalance('w1', 'cu1')).totalCents).toBe(100);
    const calls = server.requests.filter((r) => r.path !== '/api/v1/auth/token').map((r) => `${r.method} ${r.path.replace('/api/v1/workspaces/w1', '')}`);
    expect(calls).toEqual([
      'PUT /units/cu1',
      'PATCH /users/x1',
      'POST /users/x1/deactivate',
      'POST /users/x1/deactivate',
      'PUT /users/x1/groups',
      'PUT /users/x1/units/cu1',
      'DELETE /users/x1/units/cu1',
      'PUT /accounts/cu1/invoices/inv1',
      'PUT /accounts/cu1/payments/pay1',
      'GET /accounts/cu1/transactions',
      'GET /accounts/cu1/balance',
    ]);
  });
});
