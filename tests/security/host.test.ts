import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostConfigError } from '../../electron/host/exposure';
import { startHost, type RunningHost } from '../../electron/host/server';
import { memoryLogger } from '../helpers/memory-logger';
import { tempDir } from '../helpers/temp-dir';

const TOKEN = 'a-long-enough-token-for-the-network-0123456789';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('the headless host, over HTTPS', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: RunningHost;
  let ca: Buffer;
  const log = memoryLogger();

  const call = (path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', ca, servername: 'localhost', headers: { host: `127.0.0.1:${host.port}`, ...opts.headers } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end(opts.body);
    });
  const api = (method: string, token: string, headers: Record<string, string> = {}) =>
    call(`/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: '{}' });

  beforeAll(async () => {
    dir = tempDir();
    const tls = join(dir.path, 'tls');
    mkdirSync(tls);
    // A self-signed certificate for 127.0.0.1, made here so the test has no fixture secret.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', join(tls, 'key.pem'), '-out', join(tls, 'cert.pem')], { stdio: 'ignore' });
    ca = readFileSync(join(tls, 'cert.pem'));
    const web = join(dir.path, 'web');
    mkdirSync(web);
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Condo Sync</title>');
    host = await startHost({ dataDir: join(dir.path, 'data'), token: TOKEN, tlsCert: join(tls, 'cert.pem'), tlsKey: join(tls, 'key.pem'), staticDir: web, logger: log });
  });
  afterAll(async () => {
    await host?.close();
    dir.cleanup();
  });

  it('prints an https URL and answers the contract over TLS', async () => {
    expect(host.url).toBe(`https://127.0.0.1:${host.port}/?token=${TOKEN}`);
    const res = await api('app.info', TOKEN);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).result.mode).toBe('sandbox');
  });

  it('serves the console with CSP, nosniff and no referrer, so the token in the first URL never leaks', async () => {
    const res = await call(`/?token=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const apiRes = await api('app.info', TOKEN);
    expect(apiRes.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a Host header that is not the bound address (DNS rebinding), before anything else', async () => {
    const page = await call('/', { headers: { host: `rebind.attacker.example:${host.port}` } });
    expect(page.status).toBe(403);
    const res = await api('app.info', TOKEN, { host: `rebind.attacker.example:${host.port}` });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('forbidden');
    expect((await call('/api/health', { headers: { host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('keeps CORS closed: no Access-Control header on a preflight, a foreign Origin refused', async () => {
    const pre = await call('/api/settings.set', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBeGreaterThanOrEqual(400);
    expect(Object.keys(pre.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const foreign = await api('settings.set', TOKEN, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    // The console's own page calls with its https origin.
    const own = await api('settings.get', TOKEN, { origin: `https://127.0.0.1:${host.port}` });
    expect(own.status).toBe(200);
  });

  it('rate-limits wrong tokens per address and logs the attempts without the token', async () => {
    const guesses = Array.from({ length: 10 }, (_, i) => `guess-${i}-${'z'.repeat(30)}`);
    for (const g of guesses) expect((await api('app.info', g)).status).toBe(401);
    const locked = await api('app.info', TOKEN);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(locked.body).error.code).toBe('rate_limited');
    const events = await call(`/api/events?token=${TOKEN}`);
    expect(events.status).toBe(429);
    const refused = log.lines.filter((l) => l.includes('wrong access token'));
    expect(refused).toHaveLength(10);
    expect(refused.at(-1)).toMatch(/locked out/);
    for (const line of log.lines) {
      expect(line).not.toContain(TOKEN);
      for (const g of guesses) expect(line).not.toContain(g);
    }
  });
});

describe('refusing to start', () => {
  it('refuses another address without a token, before taking the data dir or a port', async () => {
    const dir = tempDir();
    try {
      await expect(startHost({ dataDir: join(dir.path, 'd'), host: '0.0.0.0', env: {}, logger: memoryLogger() })).rejects.toThrow(HostConfigError);
      await expect(startHost({ dataDir: join(dir.path, 'd'), host: '0.0.0.0', env: { CONDO_SYNC_TOKEN: 'short' }, logger: memoryLogger() })).rejects.toThrow(/5 characters/);
      expect(existsSync(join(dir.path, 'd'))).toBe(false);
    } finally {
      dir.cleanup();
    }
  });
});
