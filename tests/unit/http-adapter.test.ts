import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log';
import { createHttpHandler } from '../../electron/runtime/http-adapter';
import { tempDir } from '../helpers/temp-dir';

const TOKEN = 'test-token';

describe('HTTP adapter of the contract', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: Core;
  let server: Server;
  let base: string;
  let closeStreams: () => void;

  beforeAll(async () => {
    dir = tempDir();
    core = createCore({ dataDir: dir.path, adapter: 'http', logger: silentLogger });
    const adapter = createHttpHandler({ call: core.call, events: core.events, token: TOKEN, isReady: () => true });
    closeStreams = adapter.closeStreams;
    server = createServer((req, res) => void adapter.handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    closeStreams();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await core.stop();
    dir.cleanup();
  });

  const post = (method: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('answers health without a token', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, status: 'ready' });
  });

  it('round-trips app.info with the version and mode', async () => {
    const res = await post('app.info', {});
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), mode: 'sandbox', adapter: 'http', dataDir: dir.path });
  });

  it('refuses a call without the token with 401 and a typed error', async () => {
    const res = await post('app.info', {}, { authorization: '' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
    const wrong = await post('app.info', {}, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
  });

  it('answers bad input with 400 and a typed error naming the field', async () => {
    const res = await post('units.list', { limit: 'x' });
    expect(res.status).toBe(400);
    const { ok, error } = await res.json();
    expect(ok).toBe(false);
    expect(error.code).toBe('invalid_input');
    expect(error.details.fields).toEqual([expect.objectContaining({ field: 'limit' })]);
    expect(error.message).toMatch(/limit/);
  });

  it('rejects unknown fields instead of silently ignoring them', async () => {
    const res = await post('units.list', { limt: 5 });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_input');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await post('units.list', '{"limit":');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/not valid JSON/) });
  });

  it('answers 404 for an unknown method, including prototype names', async () => {
    for (const name of ['nope.nothing', 'constructor', '__proto__']) {
      const res = await post(name, {});
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('unknown_method');
    }
  });

  it('answers 405 for a GET on a method', async () => {
    const res = await fetch(`${base}/api/app.info`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(405);
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const res = await post('units.list', JSON.stringify({ query: 'x'.repeat(1024 * 1024 + 10) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('answers 403 to a state-changing call from a foreign Origin', async () => {
    const res = await post('settings.set', { groups: { owners: 'Owners', tenants: 'Renters' } }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    const same = await post('app.info', {}, { origin: base });
    expect(same.status).toBe(200);
  });

  it('answers typed errors without a connection, never placeholder data', async () => {
    const res = await post('balances.get', { unitId: 'u1' });
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatchObject({ code: 'unavailable' });
    // Without a connection there is nothing to sync: a typed error, not a fake job.
    const sync = await post('sync.start', { kind: 'residents' });
    expect(sync.status).toBe(501);
  });

  it('lists the (empty) Unit File from the local cache', async () => {
    const res = await post('units.list', { limit: 10 });
    expect(await res.json()).toEqual({ ok: true, result: { items: [], total: 0 } });
  });

  it('keeps settings: group defaults round-trip, bad values are refused', async () => {
    expect((await (await post('settings.get')).json()).result.groups).toEqual({ owners: 'Owners', tenants: 'Renters' });
    const set = await post('settings.set', { groups: { owners: 'Owners', tenants: 'Residents' } });
    expect((await set.json()).result.groups.tenants).toBe('Residents');
    expect((await (await post('settings.get')).json()).result.groups.tenants).toBe('Residents');
    const bad = await post('settings.set', { groups: { owners: '', tenants: 'Renters' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.fields[0].field).toBe('groups.owners');
  });

  it('streams events over SSE, with the token in the query', async () => {
    const unauth = await fetch(`${base}/api/events`);
    expect(unauth.status).toBe(401);
    const controller = new AbortController();
    const res = await fetch(`${base}/api/events?token=${TOKEN}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    await reader.read(); // the greeting
    core.events.emit('units.changed', { unitIds: 'all' });
    let text = '';
    while (!text.includes('units.changed')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: units.changed\ndata: {"unitIds":"all"}');
    controller.abort();
  });
});
