// The other side of bad input: random answers from the systems, as both
// clients see them. A scripted loopback server answers every request with a
// random status, random headers (X-Total-Count, Retry-After) and a random
// body: any JSON, JSON cut short, lists of half-right records, a change feed
// with spoiled events. Every call must resolve with what its schema promises
// or reject with a typed SystemError; never a TypeError, never a hang.
import fc from 'fast-check';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '@shared/errors';
import { CondoControlClient, CondoManagerClient, SystemError } from '../../electron/core/systems';
import { startServer, type ScriptedServer } from '../systems/scripted-server';

interface Answer {
  status: number;
  total?: string;
  retryAfter?: string;
  body: string;
}

const person = fc.record(
  {
    id: fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.integer(), fc.constant(null)),
    unitIds: fc.oneof(fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }), fc.constant('u1')),
    firstName: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null)),
    lastName: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
    email: fc.oneof(fc.constant(null), fc.emailAddress(), fc.string({ maxLength: 6 })),
    language: fc.constantFrom('en', 'fr', 'de', 5),
    status: fc.constantFrom('Active', 'Past', 'Gone'),
    updatedAt: fc.oneof(fc.constant('2026-11-30T12:00:00.000Z'), fc.string({ maxLength: 6 }), fc.integer()),
    phones: fc.oneof(fc.constant([]), fc.constant([{ type: 'fax', number: 1 }]), fc.constant('416')),
  },
  { requiredKeys: [] },
);
const feedEvent = fc.record(
  {
    seq: fc.oneof(fc.nat(), fc.string({ maxLength: 3 })),
    type: fc.constantFrom('invoice.created', 'payment.posted', 'person.updated', 'bogus', 7),
    entityType: fc.constantFrom('invoice', 'payment', 'person', 'unit', null),
    entityId: fc.oneof(fc.string({ maxLength: 5 }), fc.constant(null)),
    occurredAt: fc.oneof(fc.constant('2026-11-30T12:00:00Z'), fc.string({ maxLength: 4 })),
  },
  { requiredKeys: [] },
);
const json = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: fc.array(fc.oneof(person, fc.jsonValue({ maxDepth: 2 })), { maxLength: 5 }) },
  { weight: 2, arbitrary: fc.record({ events: fc.oneof(fc.array(feedEvent, { maxLength: 4 }), fc.jsonValue({ maxDepth: 1 })), nextCursor: fc.oneof(fc.string({ maxLength: 6 }), fc.constant(null), fc.integer()), hasMore: fc.oneof(fc.boolean(), fc.constant('yes')) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.record({ totalCents: fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.double()), aging: fc.jsonValue({ maxDepth: 1 }), accessToken: fc.string({ maxLength: 4 }), expiresIn: fc.oneof(fc.integer(), fc.constant('1h')) }, { requiredKeys: [] }) },
);
const body = fc.oneof(
  { weight: 6, arbitrary: json.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: json.map((v) => JSON.stringify(v)).map((t) => t.slice(0, Math.max(0, Math.floor(t.length / 2)))) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const answer: fc.Arbitrary<Answer> = fc.record({
  status: fc.constantFrom(200, 200, 200, 201, 204, 400, 401, 404, 409, 410, 422, 429, 500, 503, 302),
  // Totals stay small: a page loop bounded by a lying total of millions would be slow, not wrong.
  total: fc.option(fc.oneof(fc.nat({ max: 40 }).map(String), fc.constantFrom('-1', 'lots', '1e309', '')), { nil: undefined }),
  retryAfter: fc.option(fc.constantFrom('0', '1', 'soon', '-5', 'Wed, 21 Oct 2015 07:28:00 GMT', '99999'), { nil: undefined }),
  body,
});

type Call = (cm: CondoManagerClient, cc: CondoControlClient) => Promise<unknown>;

const drain = async (pages: AsyncIterable<unknown>) => {
  let n = 0;
  // A malicious X-Total-Count must not page for ever: the server repeats its answer, so stop after a few.
  for await (const _ of pages) if (++n >= 5) break;
  return n;
};

const calls: Record<string, Call> = {
  'CM corporations': (cm) => cm.listCorporations(),
  'CM units': (cm) => drain(cm.iterateUnits('c1')),
  'CM owners': (cm) => drain(cm.iterateOwners('c1', { includePast: true })),
  'CM tenants': (cm) => drain(cm.iterateTenants('c1')),
  'CM invoices': (cm) => drain(cm.iterateInvoices('c1')),
  'CM payments': (cm) => drain(cm.iteratePayments('c1')),
  'CM balance': (cm) => cm.getBalance('c1', 'a1'),
  'CM change feed': (cm) => cm.getChanges('c1', { cursor: 'x' }),
  'CC workspaces': (_cm, cc) => cc.listWorkspaces(),
  'CC groups': (_cm, cc) => cc.listGroups('w1'),
  'CC units': (_cm, cc) => cc.listUnits('w1'),
  'CC users': (_cm, cc) => cc.listAllUsers('w1'),
  'CC find users': (_cm, cc) => cc.findUsers('w1', { externalId: 'p1' }),
  'CC create user': (_cm, cc) => cc.createUser('w1', { externalId: 'p1', lastName: 'B', groupIds: ['g1'], unitIds: ['u1'] }, 'key-1'),
  'CC update user': (_cm, cc) => cc.updateUser('w1', 'x1', { firstName: 'É' }),
  'CC upsert invoice': (_cm, cc) => cc.upsertInvoice('w1', 'u1', 'i1', { number: '1', date: '2026-11-30', dueDate: '2026-12-01', kind: 'Other', lines: [], totalCents: 0, status: 'Open' } as never),
  'CC transactions': (_cm, cc) => cc.listTransactions('w1', 'u1'),
  'CC balance': (_cm, cc) => cc.getAccountBalance('w1', 'u1'),
};

let server: ScriptedServer;
let current: Answer = { status: 200, body: '[]' };
const FAST = { backoffBaseMs: 1, backoffCapMs: 2, maxAttempts: 2, maxRateLimitRetries: 1, maxPauseMs: 5, timeoutMs: 500, rate: { requestsPerSecond: 100_000, burst: 100_000, concurrency: 8 } };

function reply(res: ServerResponse, path: string): void {
  // Logins succeed, so Condo Control's calls reach the answer under test.
  if (path === '/api/v1/auth/token') {
    const text = JSON.stringify({ accessToken: 't', expiresIn: 3600 });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    return void res.end(text);
  }
  const text = current.status === 204 ? '' : current.body;
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) };
  if (current.total !== undefined) headers['x-total-count'] = current.total;
  if (current.retryAfter !== undefined) headers['retry-after'] = current.retryAfter;
  res.writeHead(current.status, headers);
  res.end(text);
}

beforeAll(async () => {
  server = await startServer((req, res) => reply(res, req.path));
});
afterAll(async () => {
  await server?.close();
});

describe('clients fuzz: random answers become typed errors or valid results', () => {
  it.each(Object.keys(calls).map((k) => [k]))('%s', async (name) => {
    await fc.assert(
      fc.asyncProperty(answer, async (a) => {
        current = a;
        // Fresh clients each time: nothing one answer did (a pause, a token) carries into the next.
        const cm = new CondoManagerClient({ baseUrl: server.url, clientId: 'demo', clientSecret: 'demo-secret', ...FAST });
        const cc = new CondoControlClient({ baseUrl: server.url, username: 'demo', password: 'demo-password', ...FAST });
        let timer: ReturnType<typeof setTimeout> | undefined;
        try {
          await Promise.race([
            calls[name]!(cm, cc),
            new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('hung for 3 s')), 3_000))),
          ]);
        } catch (err) {
          // Typed: a SystemError with one of the contract's codes, never a crash inside the client.
          expect(err, `${name} on ${JSON.stringify(a).slice(0, 300)}: ${String(err)}`).toBeInstanceOf(SystemError);
          expect(errorCodes).toContain((err as SystemError).code);
        } finally {
          clearTimeout(timer);
          cm.close();
          cc.close();
        }
      }),
      { numRuns: 150, seed: 2750, endOnFailure: true },
    );
  }, 60_000);
});
