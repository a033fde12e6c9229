import { describe, expect, it } from 'vitest';
import { SystemError, backoffDelay, ownerSchema, parseList, parseOne, parseRetryAfter, tenantSchema, ccUserSchema, balanceSchema } from '../../electron/core/systems';

const owner = (over: Record<string, unknown> = {}) => ({
  id: 'p1',
  unitIds: ['u1'],
  title: 'Mr.',
  firstName: 'Scott',
  lastName: 'Tremblay',
  email: 'scott@example.com',
  phones: [{ type: 'mobile', number: '416-555-0100' }],
  mailingAddress: null,
  language: 'en',
  status: 'Active',
  startDate: '2019-05-01',
  endDate: null,
  updatedAt: '2025-01-02T03:04:05.000Z',
  ...over,
});

describe('parseList', () => {
  it('keeps good records and reports each bad one by id and field, without its value', () => {
    const rows = [owner(), owner({ id: 'p2', phones: [{ type: 'fax', number: '1' }] }), owner({ id: 'p3', lastName: 42 }), owner({ id: 'p4' })];
    const { items, errors } = parseList(ownerSchema, rows, { entity: 'owner' });
    expect(items.map((i) => i.id)).toEqual(['p1', 'p4']);
    expect(errors).toEqual([
      { entity: 'owner', index: 1, id: 'p2', field: 'phones.0.type', message: expect.not.stringContaining('phones') },
      { entity: 'owner', index: 2, id: 'p3', field: 'lastName', message: expect.not.stringContaining('lastName') },
    ]);
    expect(JSON.stringify(errors)).not.toMatch(/Tremblay|fax|416/);
  });

  it('reports a record that is not even an object, with no id', () => {
    const { items, errors } = parseList(ownerSchema, [null, 'x', owner()], { entity: 'owner' });
    expect(items).toHaveLength(1);
    expect(errors.map((e) => [e.index, e.id, e.field])).toEqual([
      [0, undefined, '(record)'],
      [1, undefined, '(record)'],
    ]);
  });

  it('throws upstream_error when the body is not an array', () => {
    let err: unknown;
    try {
      parseList(ownerSchema, { items: [] }, { entity: 'owner', system: 'Condo Manager', route: '/v1/corporations/c1/owners' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SystemError);
    expect((err as SystemError).code).toBe('upstream_error');
    expect((err as SystemError).message).toBe('Condo Manager sent an owner list that is not an array for GET /v1/corporations/c1/owners');
  });

  it('parseOne names the bad field', () => {
    expect(() => parseOne(balanceSchema, { totalCents: 1, aging: { d0_30: 1 } }, { entity: 'balance', system: 'Condo Manager', route: '/b' })).toThrow(/field aging\.d31_60/);
  });
});

describe('schemas', () => {
  it('normalizes optional person fields to null and keeps an invalid email for the engine to flag', () => {
    const p = ownerSchema.parse(owner({ email: 'not-an-email', title: undefined, mailingAddress: undefined, phones: null, firstName: null }));
    expect(p).toMatchObject({ email: 'not-an-email', title: null, mailingAddress: null, phones: [], firstName: '' });
  });

  it('tenants carry move-in and move-out dates', () => {
    const t = tenantSchema.parse(owner({ moveInDate: '2024-07-01', moveOutDate: null }));
    expect(t.moveInDate).toBe('2024-07-01');
    expect(t.moveOutDate).toBeNull();
    expect(tenantSchema.safeParse(owner({ moveInDate: 'soon' })).success).toBe(false);
  });

  it('rejects an unknown language or status, and strips unknown fields', () => {
    expect(ownerSchema.safeParse(owner({ language: 'de' })).success).toBe(false);
    expect(ownerSchema.safeParse(owner({ status: 'Gone' })).success).toBe(false);
    expect(ownerSchema.parse(owner({ extra: 1 }))).not.toHaveProperty('extra');
  });

  it('parses a Condo Control user', () => {
    const u = ccUserSchema.parse({ id: 'x1', externalId: null, firstName: 'A', lastName: 'B', email: null, phones: [], language: 'fr', active: true, groupIds: ['g'], unitIds: [], updatedAt: '2025-01-01T00:00:00Z' });
    expect(u.externalId).toBeNull();
  });
});

describe('backoff helpers', () => {
  it('full jitter stays within [0, min(cap, base·2^(n−1))]', () => {
    expect(backoffDelay(1, 250, 8000, () => 0.999)).toBeLessThan(250);
    expect(backoffDelay(3, 250, 8000, () => 0.999)).toBeLessThan(1000);
    expect(backoffDelay(10, 250, 8000, () => 0.999)).toBeLessThan(8000);
    expect(backoffDelay(10, 250, 8000, () => 0.999)).toBeGreaterThan(7900);
    expect(backoffDelay(4, 250, 8000, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
