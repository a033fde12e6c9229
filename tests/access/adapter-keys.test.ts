import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '@shared/access';
import { EventBus } from '../../electron/core/events';
import { createHttpHandler } from '../../electron/runtime/http-adapter';

/** The HTTP adapter's side of access keys: who reaches `call`, and what a key hears while the engine starts. */
describe('HTTP adapter with access keys', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
  });

  async function serve(ready: () => boolean) {
    const seen: Caller[] = [];
    const adapter = createHttpHandler({
      token: 'host-token',
      events: new EventBus(),
      isReady: ready,
      call: async (_method, _input, caller) => {
        seen.push(caller);
        return 'ok';
      },
      checkKey: async (given) => (given === 'csk_good' ? { caller: { kind: 'key', role: 'support', name: 'Desk', keyId: 'key_1' } } : given === 'csk_old' ? { revoked: { kind: 'key', role: 'support', keyId: 'key_2' } } : undefined),
    });
    server = createServer((req, res) => void adapter.handler(req, res));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const post = (key: string) => fetch(`http://127.0.0.1:${port}/api/units.list`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
    return { seen, post };
  }

  it('passes the host token as the administrator and a key as its holder', async () => {
    const { seen, post } = await serve(() => true);
    expect((await post('host-token')).status).toBe(200);
    expect((await post('csk_good')).status).toBe(200);
    expect(seen).toEqual([{ kind: 'token', role: 'administrator' }, { kind: 'key', role: 'support', name: 'Desk', keyId: 'key_1' }]);
    const revoked = await post('csk_old');
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);
  });

  it('answers a key "still starting" (503), not "wrong key", until the engine is up', async () => {
    let ready = false;
    const { post } = await serve(() => ready);
    // More than the lockout's ten: none of them counts as a wrong key.
    for (let i = 0; i < 12; i++) expect((await post('csk_good')).status).toBe(503);
    ready = true;
    expect((await post('csk_good')).status).toBe(200);
  });
});
