import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { ConflictError, HttpPolicy, SystemError, ValidationError } from '../../electron/core/systems';
import { hang, policyPerTest, rejectionOf, send } from './scripted-server';

const setup = policyPerTest('Condo Manager');
const failure = (p: Promise<unknown>) => rejectionOf<SystemError>(p);

describe('retries', () => {
  it('retries a GET after 503 and counts both attempts', async () => {
    const { policy, server, seen } = await setup((r, res) => (r.n === 0 ? send(res, 503, {}) : send(res, 200, [{ id: 'a' }])));
    const res = await policy.request({ method: 'GET', path: '/v1/corporations' });
    expect(res.data).toEqual([{ id: 'a' }]);
    expect(server.requests).toHaveLength(2);
    expect(seen.map((s) => s[2])).toEqual([503, 200]);
  });

  it.each([500, 502, 504, 408])('retries status %i', async (status) => {
    const { policy, server } = await setup((r, res) => (r.n < 2 ? send(res, status, {}) : send(res, 200, {})));
    await policy.request({ method: 'GET', path: '/x' });
    expect(server.requests).toHaveLength(3);
  });

  it.each([400, 401, 403, 404])('does not retry %i', async (status) => {
    const { policy, server } = await setup((_r, res) => send(res, status, { userMessage: 'no', errorCode: 'nope', errors: [] }));
    const err = await failure(policy.request({ method: 'GET', path: '/x' }));
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(status);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after maxAttempts with the last status kept', async () => {
    const { policy, server } = await setup((_r, res) => send(res, 502, {}), { maxAttempts: 3 });
    const err = await failure(policy.request({ method: 'GET', path: '/x' }));
    expect(err.code).toBe('upstream_error');
    expect(err.details).toMatchObject({ system: 'Condo Manager', method: 'GET', route: '/x', status: 502, attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it('retries PUT, PATCH and DELETE (idempotent for our use)', async () => {
    const { policy, server } = await setup((r, res) => (r.n % 2 === 0 ? send(res, 503, {}) : send(res, 200, {})));
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) await policy.request({ method, path: '/x', body: { a: 1 } });
    expect(server.requests.map((r) => r.method)).toEqual(['PUT', 'PUT', 'PATCH', 'PATCH', 'DELETE', 'DELETE']);
  });

  it('never retries a POST without an Idempotency-Key', async () => {
    const { policy, server } = await setup((_r, res) => send(res, 503, {}));
    const err = await failure(policy.request({ method: 'POST', path: '/users', body: {} }));
    expect(err.code).toBe('unavailable');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a POST with an Idempotency-Key, sending the same key each time', async () => {
    const { policy, server } = await setup((r, res) => (r.n < 2 ? send(res, 500, {}) : send(res, 201, { id: 'u1' })));
    const res = await policy.request({ method: 'POST', path: '/users', body: {}, headers: { 'Idempotency-Key': 'k-1' } });
    expect(res.status).toBe(201);
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['k-1', 'k-1', 'k-1']);
  });

  it('turns a connection refused into unavailable after its attempts', async () => {
    const { policy: p, server } = await setup((_r, res) => send(res, 200, {}), { maxAttempts: 2 });
    const closed = new HttpPolicy({ system: 'Condo Control', baseUrl: server.url, backoffBaseMs: 1, maxAttempts: 2 });
    p.close();
    await server.close();
    const err = await failure(closed.request({ method: 'GET', path: '/api/v1/workspaces' }));
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain('Condo Control');
    closed.close();
  });
});

describe('timeouts', () => {
  it('times out a hanging answer per attempt, then raises timeout', async () => {
    const { policy, server } = await setup(hang, { timeoutMs: 150, maxAttempts: 2 });
    const started = performance.now();
    const err = await failure(policy.request({ method: 'GET', path: '/v1/corporations/c1/owners' }));
    expect(err.code).toBe('timeout');
    expect(err.message).toContain('GET /v1/corporations/c1/owners');
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('recovers when a later attempt answers in time', async () => {
    const { policy } = await setup((r, res) => (r.n === 0 ? hang() : send(res, 200, { ok: true })), { timeoutMs: 150 });
    expect((await policy.request({ method: 'GET', path: '/x' })).data).toEqual({ ok: true });
  });
});

describe('bodies and error bodies', () => {
  it('retries malformed JSON like a transport fault, then raises upstream_error naming the system and endpoint', async () => {
    const { policy, server } = await setup((_r, res) => send(res, 200, '[{"id": "a", "email": "x@y.ca"'), { maxAttempts: 2 });
    const err = await failure(policy.request({ method: 'GET', path: '/v1/corporations/c1/owners', query: { offset: 0 } }));
    expect(err.code).toBe('upstream_error');
    expect(err.message).toBe('Condo Manager sent a body that is not valid JSON for GET /v1/corporations/c1/owners');
    expect(err.message).not.toContain('x@y.ca');
    expect(server.requests).toHaveLength(2);
  });

  it('recovers from one malformed body on a GET, but not on a POST without a key', async () => {
    const { policy, server } = await setup((r, res) => (r.n % 2 === 0 ? send(res, 200, '{"a":') : send(res, 200, { a: 1 })));
    expect((await policy.request({ method: 'GET', path: '/x' })).data).toEqual({ a: 1 });
    await expect(policy.request({ method: 'POST', path: '/y' })).rejects.toMatchObject({ code: 'upstream_error' });
    expect(server.requests).toHaveLength(3);
  });

  it('treats an empty 204 as success with no data', async () => {
    const { policy } = await setup((_r, res) => send(res, 204));
    expect((await policy.request({ method: 'DELETE', path: '/x' })).data).toBeUndefined();
  });

  it('keeps the system error body in details, masked, and the status', async () => {
    const body = { userMessage: 'Email jane.doe@example.com is already used', errorCode: 'duplicate_email', errors: [{ key: 'email', value: 'jane.doe@example.com' }] };
    const { policy } = await setup((_r, res) => send(res, 409, body));
    const err = await failure(policy.request({ method: 'POST', path: '/api/v1/workspaces/w1/users', headers: { 'Idempotency-Key': 'k' } }));
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.code).toBe('conflict');
    expect(err.details).toMatchObject({ status: 409, errorCode: 'duplicate_email', errors: [{ key: 'email', value: '[email]' }] });
    expect(err.details.userMessage).toBe('Email [email] is already used');
    expect(JSON.stringify(err.toBody())).not.toContain('jane.doe');
  });

  it('raises ValidationError with the field list on 422', async () => {
    const body = { userMessage: 'bad', errorCode: 'validation_failed', errors: [{ key: 'lastName', value: 'Required' }, { key: 'phones.0.type', value: 'Invalid' }] };
    const { policy } = await setup((_r, res) => send(res, 422, body));
    const err = await failure(policy.request({ method: 'PATCH', path: '/u/1' }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual(['lastName', 'phones.0.type']);
    expect(err.code).toBe('invalid_input');
  });

  it('masks private query values in the request hook and keeps them out of messages', async () => {
    const { policy, seen } = await setup((_r, res) => send(res, 404, { userMessage: 'x', errorCode: 'not_found', errors: [] }));
    const err = await failure(policy.request({ method: 'GET', path: '/api/v1/workspaces/w1/users', query: { email: 'scott@example.com', offset: 0 } }));
    expect(err.message).toBe('Condo Manager answered 404 to GET /api/v1/workspaces/w1/users (not_found)');
    expect(seen[0]?.[1]).toContain('email=%5Bredacted%5D');
    expect(seen[0]?.[1]).not.toContain('scott');
  });
});
