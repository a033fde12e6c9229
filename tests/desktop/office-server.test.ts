// The desktop console attached to an office server: against a REAL host on loopback (its HTTP contract and SSE stream).
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import type { EventName } from '@shared/contract';
import type { Job, OfficeConnection } from '@shared/types';
import { startHost, type RunningHost } from '../../electron/host/server';
import { EventBus } from '../../electron/core/events';
import { createHttpHandler } from '../../electron/runtime/http-adapter';
import { hostMatcher } from '../../electron/runtime/host-check';
import { silentLogger } from '../../electron/core/log';
import { MemoryStore } from '../../electron/core/settings';
import { decideBoot, type OfficeKeyStore } from '../../electron/main/office/boot-decision';
import { desktopCall } from '../../electron/main/office/desktop-call';
import { OfficeService } from '../../electron/main/office/office-service';
import { parseOfficeUrl } from '../../electron/main/office/office-url';
import { RemoteEngine } from '../../electron/main/office/remote-engine';
import { remoteDesktopEngine } from '../../electron/main/office/desktop-engine';
import { DesktopSettingsService } from '../../electron/core/api/desktop';
import { tempDir } from '../helpers/temp-dir';
import { memoryLogger } from '../helpers/memory-logger';
import { freePort } from '../helpers/free-port';

const KEY = 'office-key-0123456789-abcdefghijklmnop';

class MemoryKeys implements OfficeKeyStore {
  readonly storage = 'memory' as const;
  constructor(public value?: string) {}
  get() {
    return this.value;
  }
  set(key: string | null) {
    this.value = key ?? undefined;
  }
}

/** Waits until `pred` holds, polling; fails with `what` after `ms`. */
async function until<T>(what: string, pred: () => T | undefined | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = pred();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function record(engine: RemoteEngine) {
  const seen: { name: EventName; payload: unknown }[] = [];
  engine.events.subscribe((name, payload) => seen.push({ name, payload }));
  return seen;
}

const errorOf = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a failure');
};

describe('the desktop console on an office server', () => {
  const dir = tempDir();
  let port: number;
  let office: RunningHost;
  let origin: string;
  const start = () => startHost({ dataDir: dir.path, port, token: KEY, logger: silentLogger });

  beforeAll(async () => {
    port = await freePort();
    office = await start();
    origin = `http://127.0.0.1:${port}`;
    await office.core.runner.idle(); // the sandbox's initial sync
  });
  afterAll(async () => {
    await office?.close();
    dir.cleanup();
  });

  it('forwards a call with the key and says the answer is the office server’s', async () => {
    const engine = new RemoteEngine({ origin, key: KEY, fetch, log: silentLogger });
    const info = (await engine.call('app.info', {})) as { version: string; mode: string; adapter: string; office: { url: string } };
    expect(info).toMatchObject({ mode: 'sandbox', adapter: 'http', office: { url: origin } });
    // The server's own typed errors come back as they are.
    const bad = await errorOf(engine.call('units.get', { id: '' }));
    expect(bad).toMatchObject({ code: 'invalid_input' });
    const missing = await errorOf(engine.call('units.get', { id: 'no-such-unit' }));
    expect(missing.code).toBe('not_found');
  });

  it('receives the server’s events: a sync started through it arrives as job.updated until it finishes', async () => {
    const engine = new RemoteEngine({ origin, key: KEY, fetch, log: silentLogger });
    const seen = record(engine);
    engine.start();
    try {
      await until('the stream to connect', () => engine.connection().link === 'connected');
      expect(seen.find((e) => e.name === 'office.changed')?.payload).toMatchObject({ mode: 'remote', url: origin, link: 'connected' });
      const job = (await engine.call('sync.start', { kind: 'residents', trigger: 'manual' })) as Job;
      const finished = await until('the job to finish', () =>
        seen.find((e) => e.name === 'job.updated' && (e.payload as Job).id === job.id && !!(e.payload as Job).finishedAt),
      );
      expect((finished.payload as Job).status).toBe('succeeded');
      // Progress seen through the office server never goes backwards.
      const done = seen.filter((e) => e.name === 'job.updated' && (e.payload as Job).id === job.id).map((e) => (e.payload as Job).progress.done);
      expect(done).toEqual([...done].sort((a, b) => a - b));
    } finally {
      engine.stop();
    }
  });

  it('a wrong key: Test says the key was refused, and the console never shows itself as live', async () => {
    const service = new OfficeService({ settings: new MemoryStore(), keys: new MemoryKeys(), fetch, log: silentLogger, current: { mode: 'local', engine: office.core }, restart: () => {} });
    const err = await errorOf(service.handlers()['office.test']({ url: origin, key: 'not-the-key' }));
    expect(err).toMatchObject({ code: 'unauthorized', details: { reason: 'key_refused' } });
    expect(err.message).not.toContain('not-the-key');

    const engine = new RemoteEngine({ origin, key: 'not-the-key', fetch, log: silentLogger, stream: { refusedRetryMs: 60_000 } });
    engine.start();
    try {
      const c = await until('the refusal', () => (engine.connection().link === 'refused' ? engine.connection() : undefined));
      expect(c.lastContactAt).toBeUndefined();
      expect(Date.parse(c.nextRetryAt!) - Date.now()).toBeGreaterThan(50_000); // slow: the server locks out 10 wrong keys a minute
      expect(await errorOf(engine.call('units.list', {}))).toMatchObject({ code: 'unauthorized' });
    } finally {
      engine.stop();
    }
  });

  it('a revoked key: Test says it was revoked and to ask for a new one, not merely that it is wrong', async () => {
    const service = new OfficeService({ settings: new MemoryStore(), keys: new MemoryKeys(), fetch, log: silentLogger, current: { mode: 'local', engine: office.core }, restart: () => {} });
    const old = (await office.core.call('keys.create', { name: 'Vieux portable', role: 'property_manager' })) as { id: string; key: string };
    await office.core.call('keys.revoke', { id: old.id });
    const err = await errorOf(service.handlers()['office.test']({ url: origin, key: old.key }));
    expect(err).toMatchObject({ code: 'unauthorized', details: { reason: 'key_revoked' } });
    expect(err.message).toMatch(/revoked.*Ask whoever runs the server for a new one/);
  });

  it('Test with the right key reports the server’s version and mode; the pasted link’s token is enough', async () => {
    const service = new OfficeService({ settings: new MemoryStore(), keys: new MemoryKeys(), fetch, log: silentLogger, current: { mode: 'local', engine: office.core }, restart: () => {} });
    const result = await service.handlers()['office.test']({ url: `${origin}/?token=${KEY}` });
    expect(result).toEqual({ url: origin, version: expect.stringMatching(/^\d+\.\d+\.\d+/), mode: 'sandbox', access: { role: 'administrator' } });
    // A named key: Test says whose it is and what it may do there.
    const marie = (await office.core.call('keys.create', { name: 'Marie (réception)', role: 'support' })) as { key: string };
    expect(await service.handlers()['office.test']({ url: origin, key: marie.key })).toMatchObject({ access: { role: 'support', name: 'Marie (réception)' } });
    const noKey = await errorOf(service.handlers()['office.test']({ url: origin }));
    expect(noKey).toMatchObject({ code: 'invalid_input', details: { fields: [{ field: 'key', reason: 'key_required' }] } });
  });

  it('a server that stopped: Test says nothing listens there, and the console retries with growing waits until it is back', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const service = new OfficeService({ settings: new MemoryStore(), keys: new MemoryKeys(), fetch, log: silentLogger, current: { mode: 'local', engine: office.core }, restart: () => {} });
    const err = await errorOf(service.handlers()['office.test']({ url: nobody, key: KEY }));
    expect(err).toMatchObject({ code: 'unavailable', details: { reason: 'refused' } });
    expect(err.message).toMatch(new RegExp(`^Nothing answers at ${nobody}: .*Check the port in the address`));

    // The real server goes away and comes back on the same address.
    const engine = new RemoteEngine({ origin, key: KEY, fetch, log: silentLogger, stream: { backoffMs: [100, 200, 400, 800] } });
    const seen = record(engine);
    engine.start();
    try {
      await until('the stream to connect', () => engine.connection().link === 'connected');
      const contact = engine.connection().lastContactAt!;
      await office.close();
      const down = await until('the drop to show', () => (engine.connection().link === 'unreachable' ? engine.connection() : undefined));
      // What the screen shows is dated by the last contact, not presented as live.
      expect(down.lastContactAt).toBe(contact);
      expect(down.nextRetryAt).toBeDefined();
      await until('a few retries', () => seen.filter((e) => e.name === 'office.changed' && (e.payload as OfficeConnection).link === 'unreachable').length >= 3);
      const waits = seen
        .filter((e) => e.name === 'office.changed' && (e.payload as OfficeConnection).link === 'unreachable')
        .slice(0, 3)
        .map((e) => e.payload as OfficeConnection);
      expect(Date.parse(waits[2]!.nextRetryAt!) - Date.parse(waits[1]!.nextRetryAt!)).toBeGreaterThan(150); // the waits grow
      expect(await errorOf(engine.call('units.list', {}))).toMatchObject({ code: 'unavailable', details: { reason: 'refused' } });

      office = await start();
      await until('the link to come back', () => engine.connection().link === 'connected', 30_000);
      expect(Date.parse(engine.connection().lastContactAt!)).toBeGreaterThan(Date.parse(contact));
      // And events flow again after the reconnect.
      const job = (await engine.call('sync.start', { kind: 'residents', trigger: 'manual' })) as Job;
      await until('the job’s events', () => seen.some((e) => e.name === 'job.updated' && (e.payload as Job).id === job.id && !!(e.payload as Job).finishedAt));
    } finally {
      engine.stop();
    }
  }, 90_000);

  it('refuses http:// off this computer before any request, and says why', async () => {
    const sent: string[] = [];
    const spy = (async (url: string) => {
      sent.push(url);
      throw new Error('no request should be made');
    }) as typeof fetch;
    const service = new OfficeService({ settings: new MemoryStore(), keys: new MemoryKeys(), fetch: spy, log: silentLogger, current: { mode: 'local', engine: office.core }, restart: () => {} });
    for (const url of ['http://192.168.1.20:4780', 'http://sync.office.example', 'http://[fe80::1]:4780']) {
      const err = await errorOf(service.handlers()['office.test']({ url, key: KEY }));
      expect(err).toMatchObject({ code: 'invalid_input', details: { fields: [{ field: 'url', reason: 'https_required' }] } });
      expect(err.message).toMatch(/access key travels with every request/);
    }
    expect(sent).toEqual([]);
    expect(parseOfficeUrl('http://127.0.0.1:4780/?token=t')).toEqual({ origin: 'http://127.0.0.1:4780', tokenInUrl: 't' });
    expect(parseOfficeUrl('http://localhost:4780').origin).toBe('http://localhost:4780');
    expect(parseOfficeUrl('sync.office.example:4780').origin).toBe('https://sync.office.example:4780');
    expect(() => parseOfficeUrl('ftp://x')).toThrow(/https/);
  });

  it('connecting refuses while a sync waits on this computer, until the user agrees to cancel it', async () => {
    const localDir = tempDir();
    const local = await startHost({ dataDir: localDir.path, token: 'local-token', logger: silentLogger });
    try {
      await local.core.runner.idle();
      // Paused, a scheduled sync waits in the queue: a sync the switch must not silently drop.
      await local.core.call('sync.pause', {});
      const waiting = (await local.core.call('sync.start', { kind: 'residents', trigger: 'schedule' })) as Job;
      expect(waiting.status).toBe('queued');
      const settings = new MemoryStore();
      const keys = new MemoryKeys();
      const restarts: string[] = [];
      const service = new OfficeService({ settings, keys, fetch, log: silentLogger, current: { mode: 'local', engine: local.core }, restart: (m) => restarts.push(m) });
      const call = desktopCall(local.core, service.handlers());

      const refused = await errorOf(call('office.connect', { url: origin, key: KEY }));
      expect(refused).toMatchObject({ code: 'conflict', details: { reason: 'local_jobs', count: 1 } });
      expect(settings.get('office')).toBeUndefined();
      expect(keys.value).toBeUndefined();
      expect(restarts).toEqual([]);

      expect(await call('office.connect', { url: origin, key: KEY, cancelLocalJobs: true })).toEqual({ restarting: true, mode: 'remote' });
      expect(((await local.core.call('jobs.get', { id: waiting.id })) as Job).status).toBe('cancelled');
      expect(settings.get('office')).toEqual({ url: origin });
      expect(keys.value).toBe(KEY);
      expect(restarts).toEqual(['remote']);

      // The next start is remote, with that key; Disconnect brings the engine home.
      expect(decideBoot({ settings, keys, log: silentLogger })).toEqual({ mode: 'remote', origin, key: KEY });
      expect(await call('office.disconnect', {})).toEqual({ restarting: true, mode: 'local' });
      expect(decideBoot({ settings, keys, log: silentLogger })).toEqual({ mode: 'local' });
      expect(keys.value).toBeUndefined();
    } finally {
      await local.close();
      localDir.cleanup();
    }
  }, 60_000);

  it('a saved server whose key cannot be read starts remote and refused, not as a second local engine', async () => {
    const settings = new MemoryStore();
    settings.set('office', { url: origin });
    const unreadable: OfficeKeyStore = { storage: 'encrypted', get: () => { throw new Error('decrypt failed'); }, set: () => {} };
    const decision = decideBoot({ settings, keys: unreadable, log: silentLogger });
    expect(decision).toEqual({ mode: 'remote', origin, key: undefined });
    const engine = new RemoteEngine({ origin, key: undefined, fetch, log: silentLogger });
    expect(engine.connection()).toMatchObject({ mode: 'remote', link: 'refused' });
    expect(await errorOf(engine.call('app.info', {}))).toMatchObject({ code: 'unauthorized', details: { reason: 'key_missing' } });
  });

  it('the desktop answers office.* itself, validated by the contract; everything else reaches the engine', async () => {
    const engine = new RemoteEngine({ origin, key: KEY, fetch, log: silentLogger });
    const service = new OfficeService({ settings: new MemoryStore(), keys: new MemoryKeys(KEY), fetch, log: silentLogger, current: { mode: 'remote', engine }, restart: () => {} });
    const call = desktopCall(engine, service.handlers());
    expect(await call('office.get', {})).toMatchObject({ available: true, mode: 'remote', url: origin, keyStorage: 'memory' });
    expect(await errorOf(call('office.test', { url: '' }))).toMatchObject({ code: 'invalid_input' });
    expect(await errorOf(call('office.test', { url: origin, extra: 1 }))).toMatchObject({ code: 'invalid_input' });
    expect(((await call('units.list', { limit: 1 })) as { total: number }).total).toBeGreaterThan(0);
    // The office server itself (a browser console) has no such setting.
    expect(await office.core.call('office.get', {})).toEqual({ available: false, mode: 'local' });
    expect(await errorOf(office.core.call('office.connect', { url: origin }))).toMatchObject({ code: 'not_implemented' });
  });

  it('the tray follows the office server: its time zone, and its pause as it changes', async () => {
    const remote = new RemoteEngine({ origin, key: KEY, fetch, log: silentLogger });
    const info = { version: '0', mode: 'live', adapter: 'electron', dataDir: dir.path, secretStorage: 'memory' } as const;
    const tray = remoteDesktopEngine(remote, new DesktopSettingsService({ settings: new MemoryStore(), events: remote.events, log: silentLogger, info }, undefined, () => false), silentLogger);
    await office.core.call('schedule.set', { timeZone: 'America/Vancouver' });
    remote.start();
    try {
      await until('the server’s time zone', () => tray.timeZone() === 'America/Vancouver');
      expect(tray.office()).toMatchObject({ link: 'connected', url: origin });
      await office.core.call('sync.pause', { forMs: 3_600_000 });
      await until('the pause to reach the tray', () => tray.pauseState().paused);
      await office.core.call('sync.resume', {});
      await until('the resume to reach the tray', () => !tray.pauseState().paused);
    } finally {
      remote.stop();
      await office.core.call('sync.resume', {});
      await office.core.call('schedule.set', { timeZone: 'America/Toronto' });
    }
  });

  it('the saved key goes only to the saved server: another address without a key is refused before any request', async () => {
    const sent: string[] = [];
    const spy = (async (url: string, init: RequestInit) => {
      sent.push(url);
      return fetch(url, init);
    }) as typeof fetch;
    const settings = new MemoryStore();
    settings.set('office', { url: origin });
    const service = new OfficeService({ settings, keys: new MemoryKeys(KEY), fetch: spy, log: silentLogger, current: { mode: 'local', engine: office.core }, restart: () => {} });
    const elsewhere = await errorOf(service.handlers()['office.test']({ url: 'https://sync.elsewhere.example' }));
    expect(elsewhere).toMatchObject({ code: 'invalid_input', details: { fields: [{ field: 'key', reason: 'key_required' }] } });
    expect(sent).toEqual([]);
    // The saved server, without typing the key again: the saved key is used.
    expect(await service.handlers()['office.test']({ url: `${origin}/` })).toMatchObject({ url: origin, mode: 'sandbox' });
    expect(sent).toEqual([`${origin}/api/app.info`, `${origin}/api/session.get`]);
  });
});

/** A real HTTP server on loopback answering with `answer`; closed after the test. */
async function serve(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createHttpServer(answer);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** The host's real HTTP adapter (its token check, lock-out and Host check), with no engine behind it. */
function adapter(o: { ready?: boolean; hostAllowed?: (h: string | undefined) => boolean }) {
  const { handler } = createHttpHandler({
    call: async () => ({ version: '0.1.0', mode: 'sandbox' }),
    events: new EventBus(),
    token: KEY,
    isReady: () => o.ready ?? true,
    ...(o.hostAllowed ? { hostAllowed: o.hostAllowed } : {}),
  });
  return serve((req, res) => void handler(req, res));
}

describe('Test says what is wrong with a server, and what to do', () => {
  const service = (probeTimeoutMs?: number) =>
    new OfficeService({
      settings: new MemoryStore(),
      keys: new MemoryKeys(),
      fetch,
      log: silentLogger,
      current: { mode: 'local', engine: new RemoteEngine({ origin: 'http://127.0.0.1:9', key: KEY, fetch, log: silentLogger }) },
      restart: () => {},
      ...(probeTimeoutMs ? { probeTimeoutMs } : {}),
    });
  const test = (url: string, key = KEY, timeout?: number) => errorOf(service(timeout).handlers()['office.test']({ url, key }));

  it('a name that does not resolve: unreachable, check the address and the network', async () => {
    const err = await test('https://condo-sync-office.invalid:4780');
    expect(err).toMatchObject({ code: 'unavailable', details: { reason: 'unreachable' } });
    expect(err.message).toBe('The office server at https://condo-sync-office.invalid:4780 can’t be reached. Check the address and the network.');
  });

  it('a server that accepts the connection and never answers: timeout, after the wait and not before', async () => {
    const mute = await serve(() => {
      // Reads the request, says nothing: a frozen server.
    });
    try {
      const started = Date.now();
      const err = await test(mute.origin, KEY, 400);
      expect(err).toMatchObject({ code: 'timeout', details: { reason: 'timeout' } });
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
      expect(err.message).toMatch(/did not answer in time/);
    } finally {
      await mute.close();
    }
  });

  it('something else at that address (a web page, another API): not a Condo Sync server', async () => {
    const page = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Router</title>'));
    const api = await serve((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}'));
    try {
      for (const origin of [page.origin, api.origin]) {
        const err = await test(origin);
        expect(err).toMatchObject({ code: 'upstream_error', details: { reason: 'not_condo_sync' } });
        expect(err.message).toMatch(/not as a Condo Sync office server\. Check the address\.$/);
      }
    } finally {
      await page.close();
      await api.close();
    }
  });

  it('https:// to a server that serves plain HTTP: says the server has no HTTPS, not that a certificate is untrusted', async () => {
    // The common slip: the server was started without --tls-cert/--tls-key and the desktop typed https://.
    const plain = await adapter({});
    try {
      const err = await test(plain.origin.replace(/^http:/, 'https:'));
      expect(err).toMatchObject({ code: 'unavailable', details: { reason: 'no_tls' } });
      expect(err.message).toMatch(/does not serve HTTPS/);
      expect(err.message).not.toMatch(/certificate/);
    } finally {
      await plain.close();
    }
  });

  it('a Condo Sync server still starting: says so, try again in a minute', async () => {
    const starting = await adapter({ ready: false });
    try {
      expect(await test(starting.origin)).toMatchObject({ code: 'unavailable', details: { reason: 'starting' } });
    } finally {
      await starting.close();
    }
  });

  it('a Condo Sync server that does not answer to that name: use its printed address or add the name with --allowed-host', async () => {
    // Bound to an office address with one allowed name: 127.0.0.1 is not among them.
    const elsewhere = await adapter({ hostAllowed: hostMatcher({ bound: '192.0.2.10', port: 4780, allowed: ['sync.office.example'] }) });
    try {
      const err = await test(elsewhere.origin);
      expect(err).toMatchObject({ code: 'forbidden', details: { reason: 'wrong_host' } });
      expect(err.message).toMatch(/--allowed-host/);
    } finally {
      await elsewhere.close();
    }
  });

  it('after too many wrong keys the server locks this computer out: says for how long, and the right key waits too', async () => {
    const locked = await adapter({});
    try {
      for (let i = 0; i < 10; i++) expect(await test(locked.origin, `wrong-${i}`)).toMatchObject({ details: { reason: 'key_refused' } });
      const err = await test(locked.origin, KEY);
      expect(err).toMatchObject({ code: 'rate_limited', details: { reason: 'locked_out' } });
      expect((err.details as { retryAfterSec: number }).retryAfterSec).toBeGreaterThan(200);
      expect(err.message).toMatch(/^The office server refuses this computer for 5 min after too many wrong access keys/);
      expect(err.message).not.toContain(KEY);
    } finally {
      await locked.close();
    }
  });
});

describe('the access key stays secret', () => {
  it('never appears in what is logged or in an error, whatever goes wrong', async () => {
    const secret = 'sEcReT-office-key-that-must-not-leak-42';
    const log = memoryLogger();
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const settings = new MemoryStore();
    const service = new OfficeService({ settings, keys: new MemoryKeys(), fetch, log, current: { mode: 'local', engine: new RemoteEngine({ origin: nobody, key: secret, fetch, log }) }, restart: () => {} });
    const errors = [
      await errorOf(service.handlers()['office.test']({ url: nobody, key: secret })),
      await errorOf(service.handlers()['office.test']({ url: `http://user:${secret}@192.168.1.20:4780`, key: secret })),
      await errorOf(service.handlers()['office.connect']({ url: `${nobody}/?token=${secret}` })),
    ];
    const engine = new RemoteEngine({ origin: nobody, key: secret, fetch, log, stream: { backoffMs: [50] } });
    engine.start();
    try {
      await until('a few retries', () => log.lines.filter((l) => l.includes('unreachable')).length >= 1);
      errors.push(await errorOf(engine.call('units.list', {})));
    } finally {
      engine.stop();
    }
    for (const e of errors) expect(JSON.stringify({ message: e.message, details: e.details })).not.toContain(secret);
    expect(log.lines.join('\n')).not.toContain(secret);
    expect(JSON.stringify(engine.connection())).not.toContain(secret);
  });
});

describe('a server that stops talking without closing the connection', () => {
  it('is taken for unreachable once nothing arrived for the idle limit, not left looking live', async () => {
    const silent = createHttpServer((req, res) => {
      // Headers, one comment, then silence: a frozen server or a cable pulled (no FIN ever arrives).
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': connected\n\n');
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const engine = new RemoteEngine({ origin, key: KEY, fetch, log: silentLogger, stream: { idleMs: 300, backoffMs: [60_000] } });
    engine.start();
    try {
      await until('the stream to open', () => engine.connection().link === 'connected');
      const openedAt = Date.now();
      await until('the silence to count as a drop', () => engine.connection().link === 'unreachable', 5_000);
      expect(Date.now() - openedAt).toBeGreaterThanOrEqual(250);
    } finally {
      engine.stop();
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });
});
