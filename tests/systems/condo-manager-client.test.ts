import { afterEach, describe, expect, it } from 'vitest';
import { CondoManagerClient, CursorExpiredError, isCursorExpired, type Owner } from '../../electron/core/systems';
import { send, startServer, type Handler, type ScriptedServer } from './scripted-server';

let server: ScriptedServer | undefined;
let client: CondoManagerClient | undefined;
afterEach(async () => {
  client?.close();
  await server?.close();
});

async function setup(handler: Handler) {
  server = await startServer(handler);
  client = new CondoManagerClient({
    baseUrl: server.url,
    clientId: 'demo',
    clientSecret: 'demo-secret',
    backoffBaseMs: 5,
    rate: { requestsPerSecond: 1000, burst: 100 },
  });
  return { server, client };
}

const person = (i: number): Row => ({
  id: `p${i}`,
  unitIds: ['u1'],
  title: '',
  firstName: 'F',
  lastName: `L${i}`,
  email: null,
  phones: [],
  mailingAddress: null,
  language: 'en',
  status: i % 5 === 0 ? 'Past' : 'Active',
  startDate: '2020-01-01',
  endDate: null,
  updatedAt: `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
});

type Row = Record<string, unknown>;
const key = (r: Row) => `${String(r.updatedAt)}|${String(r.id)}`;

/** A list endpoint like the sandbox's: lastupdatedfrom (inclusive), (updatedAt, id) order, offset/limit, X-Total-Count. */
const listOf =
  (rows: Row[]): Handler =>
  (r, res) => {
    const offset = Number(r.query.get('offset') ?? 0);
    const limit = Number(r.query.get('limit') ?? 100);
    const from = r.query.get('lastupdatedfrom');
    const matching = rows.filter((x) => !from || Date.parse(String(x.updatedAt)) >= Date.parse(from)).sort((a, b) => (key(a) < key(b) ? -1 : 1));
    send(res, 200, matching.slice(offset, offset + limit), { 'x-total-count': matching.length });
  };

describe('CondoManagerClient', () => {
  it('sends credentials as headers and lists corporations', async () => {
    const { client, server } = await setup(listOf([{ id: 'c1', code: 'TSCC 2750', legalName: 'Toronto Standard Condominium Corporation No. 2750', timezone: 'America/Toronto' }]));
    const { items, errors } = await client.listCorporations();
    expect(items.map((c) => c.code)).toEqual(['TSCC 2750']);
    expect(errors).toEqual([]);
    expect(server.requests[0]!.headers['x-cm-client-id']).toBe('demo');
    expect(server.requests[0]!.headers['x-cm-client-secret']).toBe('demo-secret');
  });

  it('asks for past people and the watermark, and reports paging from X-Total-Count', async () => {
    const { client, server } = await setup(listOf(Array.from({ length: 7 }, (_, i) => person(i))));
    const page = await client.listOwnersPage('c 1', { offset: 2, limit: 3, lastUpdatedFrom: '2025-01-01T00:00:00Z' });
    expect(page).toMatchObject({ total: 7, offset: 2, limit: 3, nextOffset: 5 });
    expect(page.items.map((p) => p.id)).toEqual(['p2', 'p3', 'p4']);
    const q = server.requests[0]!.query;
    expect(server.requests[0]!.path).toBe('/v1/corporations/c%201/owners');
    expect([q.get('offset'), q.get('limit'), q.get('lastupdatedfrom'), q.get('includePast')]).toEqual(['2', '3', '2025-01-01T00:00:00Z', 'true']);
  });

  it('can leave past tenants out', async () => {
    const { client, server } = await setup(listOf([]));
    await client.listTenantsPage('c1', { includePast: false });
    expect(server.requests[0]!.query.get('includePast')).toBe('false');
  });

  it('iterates every page, isolating a malformed record without stopping', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => person(i));
    rows[12] = { ...rows[12], language: 'klingon' };
    const { client, server } = await setup(listOf(rows));
    const seen: Owner[] = [];
    const errors = [];
    for await (const page of client.iterateOwners('c1', { limit: 10 })) {
      seen.push(...page.items);
      errors.push(...page.errors);
    }
    expect(server.requests).toHaveLength(3);
    expect(seen).toHaveLength(24);
    expect(errors).toEqual([{ entity: 'owner', index: expect.any(Number), id: 'p12', field: 'language', message: expect.any(String) }]);
  });

  it('pages by keyset, so an edit during the read cannot make it skip a row', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => person(i));
    const { client, server } = await setup(listOf(rows));
    const seen = new Set<string>();
    for await (const page of client.iterateOwners('c1', { limit: 10, lastUpdatedFrom: '2025-01-01T00:00:00Z' })) {
      for (const p of page.items) seen.add(p.id);
      // The desk edits p2 after the first page: it moves to the end.
      if (server.requests.length === 1) rows[2] = { ...rows[2], updatedAt: '2025-01-01T00:05:00Z' };
    }
    expect(seen.size).toBe(30);
    expect(server.requests.map((r) => r.query.get('lastupdatedfrom'))).toEqual(['2025-01-01T00:00:00Z', '2025-01-01T00:00:09Z', '2025-01-01T00:00:19Z', '2025-01-01T00:00:29Z']);
  });

  it('pages through many rows sharing one updatedAt', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ ...person(i), id: `p${String(i).padStart(2, '0')}`, updatedAt: '2025-01-01T00:00:00.000Z' }));
    const { client, server } = await setup(listOf(rows));
    const ids: string[] = [];
    for await (const page of client.iterateOwners('c1', { limit: 10 })) ids.push(...page.items.map((p) => p.id));
    expect(ids).toEqual(rows.map((r) => r.id));
    expect(server.requests.map((r) => r.query.get('offset'))).toEqual(['0', '10', '20']);
  });

  it('stops on a short page when X-Total-Count is missing', async () => {
    const { client, server } = await setup((r, res) => send(res, 200, r.query.get('offset') === '0' ? [person(1), person(2)] : [person(3)]));
    const pages = [];
    for await (const p of client.iterateOwners('c1', { limit: 2 })) pages.push(p);
    expect(pages.map((p) => p.items.length)).toEqual([2, 1]);
    expect(server.requests).toHaveLength(2);
  });

  it('reads a balance and the change feed, with wait and cursor', async () => {
    const { client, server } = await setup((r, res) => {
      if (r.path.endsWith('/balance')) return send(res, 200, { totalCents: 12345, aging: { d0_30: 12345, d31_60: 0, d61_90: 0, over90: 0 } });
      send(res, 200, {
        events: [
          { seq: 7, type: 'invoice.created', entityType: 'invoice', entityId: 'i1', occurredAt: '2025-01-01T00:00:00Z' },
          { seq: 8, type: 'payment.posted', entityType: 'payment', occurredAt: '2025-01-01T00:00:00Z' },
        ],
        nextCursor: 'c9',
        hasMore: false,
      });
    });
    expect((await client.getBalance('c1', 'a1')).totalCents).toBe(12345);
    const feed = await client.getChanges('c1', { cursor: 'c7', limit: 50, waitSec: 2 });
    expect(feed.events.map((e) => e.entityId)).toEqual(['i1']);
    expect(feed.errors[0]).toMatchObject({ index: 1, field: 'entityId' });
    expect(feed).toMatchObject({ nextCursor: 'c9', hasMore: false });
    const q = server.requests[1]!.query;
    expect([q.get('cursor'), q.get('limit'), q.get('wait')]).toEqual(['c7', '50', '2']);
  });

  it('turns 410 on the feed into CursorExpiredError', async () => {
    const { client } = await setup((_r, res) => send(res, 410, { userMessage: 'expired', errorCode: 'cursor_expired', errors: [] }));
    const err = await client.getChanges('c1', { cursor: 'old' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CursorExpiredError);
    expect(isCursorExpired(err)).toBe(true);
  });

  it('ping fails fast on wrong credentials', async () => {
    const { client, server } = await setup((_r, res) => send(res, 401, { userMessage: 'bad', errorCode: 'unauthorized', errors: [] }));
    await expect(client.ping()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(server.requests).toHaveLength(1);
  });
});
