import { hostname } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessKey, CreatedAccessKey } from '@shared/access';
import { main } from '../../electron/host/cli';
import { runKeysCommand } from '../../electron/host/keys-command';
import { silentLogger } from '../../electron/core/log';
import { AccessService } from '../../electron/core/access/access-service';
import { systemClock } from '../../electron/core/clock';
import { openPostgresEngine } from '../../electron/core/db/connect';
import { accessDb } from '../../electron/core/db/repositories/access-schema';
import { freshPostgresDatabase } from '../helpers/test-db';
import { tempDir } from '../helpers/temp-dir';
import { capture, consoleLines, hostForSuite, lastJsonLine } from '../helpers/cli';

/** `condo-sync keys add|list|revoke` on the data dir a running host uses: the host honours the result at once. */
describe('condo-sync keys', () => {
  const suite = hostForSuite('keys-cli-token');
  const keys = async (action: string, extra: Partial<Parameters<typeof runKeysCommand>[0]> = {}) => {
    const out = capture();
    const code = await runKeysCommand({ dataDir: suite.dataDir, action, json: true, out, env: {}, ...extra });
    return { code, json: lastJsonLine<unknown>(out) };
  };
  const call = (method: string, key: string) =>
    fetch(`http://127.0.0.1:${suite.host.port}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{}' });

  it('adds a key, prints it once, lists it without it, and revokes it: the running host follows each step', async () => {
    const added = await keys('add', { name: 'Réception – Amélie', role: 'property-manager' });
    expect(added.code).toBe(0);
    const created = added.json as CreatedAccessKey;
    expect(created).toMatchObject({ name: 'Réception – Amélie', role: 'property_manager' });
    expect(created.key).toMatch(/^csk_/);
    expect((await call('jobs.list', created.key)).status).toBe(200);
    expect((await call('settings.set', created.key)).status).toBe(403);

    const listed = (await keys('list')).json as { keys: AccessKey[] };
    expect(listed.keys.map((k) => k.id)).toEqual([created.id]);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(listed.keys[0]!.lastUsedAt).toBeTruthy();

    const text = capture();
    expect(await runKeysCommand({ dataDir: suite.dataDir, action: 'revoke', id: created.id, json: false, out: text })).toBe(0);
    expect(text.text()).toContain(`Revoked ${created.id} ("Réception – Amélie")`);
    expect((await call('jobs.list', created.key)).status).toBe(401);

    // A second revoke (a colleague got there first) changes nothing and says when it was revoked.
    const first = ((await keys('list', { all: true })).json as { keys: AccessKey[] }).keys[0]!.revokedAt!;
    const again = capture();
    expect(await runKeysCommand({ dataDir: suite.dataDir, action: 'revoke', id: created.id, json: false, out: again })).toBe(0);
    expect(again.text()).toContain(`was already revoked on ${first}`);
    expect(again.text()).not.toContain('Revoked ');
    expect((await keys('revoke', { id: created.id })).json).toMatchObject({ id: created.id, alreadyRevoked: true, revokedAt: first });
    expect(((await keys('list')).json as { keys: AccessKey[] }).keys).toEqual([]);
    expect(((await keys('list', { all: true })).json as { keys: AccessKey[] }).keys[0]).toMatchObject({ id: created.id, revokedAt: expect.any(String) });

    // The CLI's changes are in the audit log, as made on this computer.
    const audit = (await suite.host.core.call('audit.list', {})) as { items: { method: string; actor: { kind: string; engine?: string }; outcome: string }[] };
    // …naming that computer: on a shared database "this computer" alone would not say which.
    expect(audit.items.filter((e) => e.method.startsWith('keys.')).every((e) => e.actor.engine === hostname())).toBe(true);
    expect(audit.items.filter((e) => e.method.startsWith('keys.')).map((e) => [e.method, e.actor.kind, e.outcome])).toEqual([
      ['keys.revoke', 'local', 'ok'],
      ['keys.revoke', 'local', 'ok'],
      ['keys.revoke', 'local', 'ok'],
      ['keys.create', 'local', 'ok'],
    ]);
  });

  it('says what is wrong with bad usage (exit 2) and an unknown id (exit 1)', async () => {
    const errors = await consoleLines('error', async () => {
      expect(await main(['keys', 'add', '--name', 'Marie', '--role', 'owner', '--data-dir', suite.dataDir])).toBe(2);
      expect(await main(['keys', 'add', '--name', '   ', '--role', 'support', '--data-dir', suite.dataDir])).toBe(2);
      expect(await main(['keys', 'frobnicate', '--data-dir', suite.dataDir])).toBe(2);
    });
    expect(errors.join('\n')).toContain('--role must be administrator, property-manager or support (got "owner")');
    expect(errors.join('\n')).toContain('--name must not be empty');
    const unknown = capture();
    expect(await runKeysCommand({ dataDir: suite.dataDir, action: 'revoke', id: 'key_nope', json: false, out: capture(), err: unknown })).toBe(1);
    expect(unknown.text()).toContain('No access key has that id.');
  });
});

/** On an office's PostgreSQL, the same commands manage the keys every engine on it reads. */
describe('condo-sync keys --database postgres://…', () => {
  let pg: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let dir: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    pg = await freshPostgresDatabase('keys');
    dir = tempDir();
  });
  afterAll(async () => {
    await pg?.drop();
    dir?.cleanup();
  });

  it('adds, lists and revokes keys in that database, not in the data dir', async () => {
    const run = async (action: string, extra: Partial<Parameters<typeof runKeysCommand>[0]> = {}) => {
      const out = capture();
      expect(await runKeysCommand({ dataDir: dir.path, action, json: true, out, env: { CONDO_SYNC_DATABASE_URL: pg.url }, ...extra })).toBe(0);
      return lastJsonLine<unknown>(out);
    };
    const created = (await run('add', { name: 'Siège social – Noémie', role: 'administrator' })) as CreatedAccessKey;
    expect(((await run('list')) as { keys: AccessKey[] }).keys.map((k) => k.name)).toEqual(['Siège social – Noémie']);
    expect(existsSync(join(dir.path, 'condo-sync.sqlite'))).toBe(false);

    const engine = await openPostgresEngine(pg.url, { poolSize: 2 });
    try {
      const access = new AccessService(accessDb(engine.kysely), { clock: systemClock, log: silentLogger });
      expect(await access.checkKey(created.key)).toMatchObject({ caller: { kind: 'key', role: 'administrator', name: 'Siège social – Noémie' } });
      await run('revoke', { id: created.id });
      expect(await access.checkKey(created.key)).toMatchObject({ revoked: { keyId: created.id } });
      const audit = await access.audit.list();
      expect(audit.items.map((e) => e.method)).toEqual(['keys.revoke', 'keys.create']);
      expect(typeof audit.total).toBe('number');
    } finally {
      await engine.close();
    }
  });
});
