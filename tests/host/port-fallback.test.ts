import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/log';
import { startHost, type RunningHost } from '../../electron/host/server';
import { tempDir } from '../helpers/temp-dir';

/** Something else already listening on a loopback port (another program on the office PC). */
async function occupied(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.address() as { port: number }).port, server };
}

/** `serve` without --port (what `npm start` falls back to without Electron) must start even when 4780 is taken. */
describe('serve when its port is taken', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('with no port asked for, starts on a free port, says so, and the printed URL answers', async () => {
    const busy = await occupied();
    cleanups.push(() => new Promise<void>((r) => busy.server.close(() => r())));
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const host: RunningHost = await startHost({ dataDir: dir.path, port: busy.port, portFallback: true, token: 'fallback-token', logger: silentLogger });
    cleanups.push(() => host.close());
    expect(host.port).not.toBe(busy.port);
    expect(host.url).toContain(`:${host.port}/`);
    expect(host.warnings.join('\n')).toContain(`Port ${busy.port} is already in use, so the console uses port ${host.port} instead.`);
    const res = await fetch(`http://127.0.0.1:${host.port}/api/app.info`, { method: 'POST', headers: { authorization: 'Bearer fallback-token', 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
  });

  it('an explicitly asked-for port never moves: it fails with EADDRINUSE', async () => {
    const busy = await occupied();
    cleanups.push(() => new Promise<void>((r) => busy.server.close(() => r())));
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    await expect(startHost({ dataDir: dir.path, port: busy.port, token: 'fallback-token', logger: silentLogger })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
