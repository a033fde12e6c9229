// The direct node:http transport under HttpPolicy: what a server really sends
// (a body cut off mid-way, a UTF-8 body split across chunks, repeated
// headers) and what it receives (JSON with a Content-Length in bytes).
import { afterEach, describe, expect, it } from 'vitest';
import { HttpPolicy } from '../../electron/core/systems';
import { proxyConfigured } from '../../electron/core/systems/http-transport';
import { send, startServer, type Handler, type ScriptedServer } from './scripted-server';

let server: ScriptedServer | undefined;
let policy: HttpPolicy | undefined;
afterEach(async () => {
  policy?.close();
  await server?.close();
  server = policy = undefined;
});

async function setup(handler: Handler) {
  server = await startServer(handler);
  policy = new HttpPolicy({ system: 'Condo Control', baseUrl: server.url, backoffBaseMs: 1, backoffCapMs: 5, maxAttempts: 3, rate: { requestsPerSecond: 1000, burst: 100, concurrency: 8 } });
  return policy;
}

describe('the direct HTTP transport', () => {
  it('a connection closed half-way through a body is a transport fault: a GET is asked again and succeeds', async () => {
    const p = await setup((r, res) => {
      if (r.n === 0) {
        // Promise 100 bytes, send 20, then drop the connection.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('[{"id":"u1","firstNa');
        setTimeout(() => res.socket?.destroy(), 10);
        return;
      }
      send(res, 200, [{ id: 'u1', firstName: 'Zoë' }]);
    });
    const res = await p.request({ method: 'GET', path: '/api/v1/users' });
    expect(res.data).toEqual([{ id: 'u1', firstName: 'Zoë' }]);
    expect(server!.requests).toHaveLength(2);
  });

  it('the same cut on a POST without an Idempotency-Key fails once, typed, and is not sent again', async () => {
    const p = await setup((_r, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"id":');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    await expect(p.request({ method: 'POST', path: '/api/v1/users', body: { lastName: 'Côté' } })).rejects.toMatchObject({ code: 'unavailable' });
    expect(server!.requests).toHaveLength(1);
  });

  it('sends JSON with its length in bytes (accents count twice) and reads a UTF-8 body split inside a character', async () => {
    const p = await setup((r, res) => {
      const body = Buffer.from(JSON.stringify({ echo: r.body, length: r.headers['content-length'], type: r.headers['content-type'] }), 'utf8');
      // Split inside "é" (two bytes), so a naive per-chunk decode would break it.
      const cut = body.indexOf(Buffer.from('é')) + 1;
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
      res.write(body.subarray(0, cut));
      setTimeout(() => res.end(body.subarray(cut)), 5);
    });
    const sent = { lastName: 'Bélanger-Côté', firstName: 'Ève' };
    const res = await p.request({ method: 'PATCH', path: '/api/v1/users/u1', body: sent });
    expect(res.data).toEqual({ echo: sent, length: String(Buffer.byteLength(JSON.stringify(sent))), type: 'application/json' });
    expect(res.headers['set-cookie']).toBe('a=1, b=2');
  });

  it('goes through axios only when an office proxy is named for a remote host', () => {
    const remote = new URL('https://api.condocontrol.example');
    expect(proxyConfigured(remote, {})).toBe(false);
    expect(proxyConfigured(remote, { HTTPS_PROXY: 'http://proxy.office:3128' })).toBe(true);
    expect(proxyConfigured(remote, { http_proxy: 'http://proxy.office:3128' })).toBe(true);
    expect(proxyConfigured(new URL('http://127.0.0.1:4702'), { HTTPS_PROXY: 'http://proxy.office:3128' })).toBe(false);
  });
});
