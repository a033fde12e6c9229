import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log';
import { createHttpHandler } from '../../electron/runtime/http-adapter';
import { tempDir } from '../helpers/temp-dir';

const TOKEN = 'revoked-stream-token';

/**
 * A key revoked while its console is open: its event stream must stop, not
 * keep relaying the engine's jobs and Unit File changes to someone the
 * administrator just locked out. The revoke may come from another engine or
 * `condo-sync keys revoke` on the database, so the stream re-checks its key.
 */
describe('an event stream opened with an access key', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: Core;
  let server: Server;
  let base: string;
  let closeStreams: () => void;

  beforeAll(async () => {
    dir = tempDir();
    core = createCore({ dataDir: dir.path, adapter: 'http', logger: silentLogger });
    const adapter = createHttpHandler({
      call: core.call,
      events: core.events,
      token: TOKEN,
      isReady: () => true,
      checkKey: (given, method) => core.access.checkKey(given, method),
      keyRecheckMs: 100,
    });
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

  /** Reads the stream until the server ends it or `ms` pass; returns what arrived. */
  const readFor = async (res: Response, ms: number, during: () => void | Promise<void>) => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const timer = setTimeout(() => void reader.cancel(), ms);
    const pump = (async () => {
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    })();
    await during();
    await pump;
    clearTimeout(timer);
    return { text };
  };

  it('ends once the key is revoked, and the key cannot open it again', async () => {
    const key = await core.access.createKey({ name: 'Hélène D’Aoust (soutien)', role: 'support' });
    const res = await fetch(`${base}/api/events?token=${encodeURIComponent(key.key)}`);
    expect(res.status).toBe(200);

    const started = Date.now();
    const { text } = await readFor(res, 5_000, async () => {
      await new Promise((r) => setTimeout(r, 200));
      core.events.emit('units.changed', { unitIds: ['before-revoke'] });
      await new Promise((r) => setTimeout(r, 200));
      await core.access.revokeKey(key.id);
      await new Promise((r) => setTimeout(r, 500));
      core.events.emit('units.changed', { unitIds: ['after-revoke'] });
    });
    // The server ended the stream well before the reader's own 5 s limit.
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(text).toContain('before-revoke');
    expect(text).not.toContain('after-revoke');

    const again = await fetch(`${base}/api/events?token=${encodeURIComponent(key.key)}`);
    expect(again.status).toBe(401);
    await again.body?.cancel();
  });

  it('stays open for a key still in use and for the host token', async () => {
    const key = await core.access.createKey({ name: 'Marie (front desk)', role: 'property_manager' });
    for (const token of [key.key, TOKEN]) {
      const res = await fetch(`${base}/api/events?token=${encodeURIComponent(token)}`);
      expect(res.status).toBe(200);
      const started = Date.now();
      const { text } = await readFor(res, 800, async () => {
        await new Promise((r) => setTimeout(r, 500));
        core.events.emit('units.changed', { unitIds: ['still-here'] });
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(750);
      expect(text).toContain('still-here');
    }
  });
});
