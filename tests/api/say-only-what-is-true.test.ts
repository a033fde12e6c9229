// Issue 10, section 1: the console says only what is true. Test connection
// tests what is typed (within 5 s), default groups are Condo Control's real
// groups, the User section carries Condo Control's values beside the pending
// Condo Manager ones, and app.info says how secrets are kept.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import type { ConnectionTestResult, Resident, Settings } from '@shared/types';
import { createWorld, cmPeople, type World } from '../helpers/world';
import { createCore } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log';
import { FileSecretStore } from '../../electron/core/secrets';
import { tempDir } from '../helpers/temp-dir';

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected the call to be refused');
}

describe('say only what is true', () => {
  let world: World;
  let silent: Server;
  let silentUrl: string;

  beforeAll(async () => {
    world = await createWorld();
    await world.sync();
    // A server that accepts the connection and never answers: the test must still answer in time.
    silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    silent?.close();
    await world?.close();
  });

  const test = (input: unknown) => world.core.call('connections.test', input) as Promise<ConnectionTestResult>;

  describe('Test connection tests what is typed, without saving', () => {
    it('"not a url" is a field error before any request, never "connected"', async () => {
      const err = await rejection(test({ condoManager: { url: 'not a url', clientId: 'demo', clientSecret: 'x' } }));
      expect(err.code).toBe('invalid_input');
      expect((err.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain('condoManager.url');
      const ftp = await rejection(test({ condoControl: { url: 'ftp://example.com', username: 'demo', password: 'x' } }));
      expect((ftp.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain('condoControl.url');
    });

    it('typed values are tested, and a secret left out reuses the running one only for the same address', async () => {
      const cm = world.sandboxes.condoManagerUrl;
      const cc = world.sandboxes.condoControlUrl;
      const ok = await test({ condoManager: { url: `${cm}/`, clientId: 'demo' }, condoControl: { url: cc, username: 'demo' } });
      expect(ok.condoManager).toMatchObject({ ok: true, message: 'Connected: 1 corporation.' });
      expect(ok.condoControl).toMatchObject({ ok: true, message: 'Connected: 1 building.' });

      const wrong = await test({ target: 'condoControl', condoControl: { url: cc, username: 'demo', password: 'not-the-password' } });
      expect(wrong.condoControl.ok).toBe(false);
      expect(wrong.condoControl.message).toBe('Condo Control refused the username or password. Check both.');

      // A new address never receives the saved secret.
      const err = await rejection(test({ target: 'condoManager', condoManager: { url: silentUrl, clientId: 'demo' } }));
      expect(err.code).toBe('invalid_input');
      expect((err.details as { fields: { field: string }[] }).fields[0]!.field).toBe('condoManager.clientSecret');
      // Nothing was saved by testing.
      expect(((await world.core.call('settings.get', {})) as Settings).connections).toBeUndefined();
    });

    it('an address where nothing listens, and one that never answers, both answer within 5 s in words', async () => {
      const started = Date.now();
      const [refused, hung] = await Promise.all([
        test({ target: 'condoManager', condoManager: { url: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y' } }),
        test({ target: 'condoControl', condoControl: { url: silentUrl, username: 'x', password: 'y' } }),
      ]);
      expect(Date.now() - started).toBeLessThan(5_500);
      expect(refused.condoManager).toEqual({ ok: false, reason: 'unreachable', message: "Condo Manager did not answer at this address. Check the address and this computer's network." });
      expect(hung.condoControl).toMatchObject({ ok: false, reason: 'timeout' });
      expect(hung.condoControl.message).toMatch(/^Condo Control did not answer within 5 seconds\./);
      expect(hung.condoControl.message).not.toMatch(/127\.0\.0\.1|ECONN|GET|\/api/);
    });

    it('an address that answers but is not the system says so', async () => {
      // Condo Control's address typed into Condo Manager's field.
      const r = await test({ target: 'condoManager', condoManager: { url: world.sandboxes.condoControlUrl, clientId: 'demo', clientSecret: 'demo-secret' } });
      expect(r.condoManager).toEqual({ ok: false, reason: 'not-the-system', message: 'Something answered at this address, but not as Condo Manager does. Check the address.' });
    });
  });

  describe('default groups are chosen from Condo Control and checked when saved', () => {
    it('groups.list names each building with its real groups', async () => {
      const list = (await world.core.call('groups.list', {})) as { corporationId?: string; groups: { name: string }[] }[];
      expect(list).toHaveLength(1);
      expect(list[0]!.corporationId).toBe(world.corp);
      expect(list[0]!.groups.map((g) => g.name)).toEqual(expect.arrayContaining(['Owners', 'Renters', 'Residents', 'Board Members']));
    });

    it('"Ownrs" is refused with a typed error naming the field, and nothing is saved', async () => {
      const err = await rejection(world.core.call('settings.set', { groups: { owners: 'Ownrs', tenants: 'Renters' }, retention: { historyDays: 30, recordEventsDays: 10 } }));
      expect(err.code).toBe('invalid_input');
      expect(err.message).toMatch(/There is no group "Ownrs" in Condo Control\. Choose one of: .*Owners/);
      expect((err.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['groups.owners']);
      const settings = (await world.core.call('settings.get', {})) as Settings;
      expect(settings.groups).toEqual({ owners: 'Owners', tenants: 'Renters' });
      expect(settings.retention.historyDays).not.toBe(30);
    });

    it('History kept: the audit log keeps a year unless set; saving only the sync history’s days keeps the audit log’s', async () => {
      expect(((await world.core.call('settings.get', {})) as Settings).retention).toEqual({ historyDays: 90, recordEventsDays: 30, auditDays: 365 });
      await world.core.call('settings.set', { retention: { historyDays: 90, recordEventsDays: 30, auditDays: 730 } });
      const saved = (await world.core.call('settings.set', { retention: { historyDays: 60, recordEventsDays: 20 } })) as Settings;
      expect(saved.retention).toEqual({ historyDays: 60, recordEventsDays: 20, auditDays: 730 });
      const err = await rejection(world.core.call('settings.set', { retention: { historyDays: 60, recordEventsDays: 20, auditDays: 0 } }));
      expect(err.code).toBe('invalid_input');
      expect((err.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['retention.auditDays']);
      await world.core.call('settings.set', { retention: { historyDays: 90, recordEventsDays: 30, auditDays: 365 } });
    });

    it('an existing group is accepted whatever its case, and saved as Condo Control spells it', async () => {
      const saved = (await world.core.call('settings.set', { groups: { owners: ' board members ', tenants: 'renters' } })) as Settings;
      expect(saved.groups).toEqual({ owners: 'Board Members', tenants: 'Renters' });
      await world.core.call('settings.set', { groups: { owners: 'Owners', tenants: 'Renters' } });
    });

    it('a building\'s own groups are checked against that building', async () => {
      const err = await rejection(world.core.call('corporations.setGroups', { id: world.corp, groups: { owners: 'Owners', tenants: 'Rentrs' } }));
      expect(err.code).toBe('invalid_input');
      expect((err.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['groups.tenants']);
      const corp = (await world.core.call('corporations.setGroups', { id: world.corp, groups: { owners: 'owners', tenants: 'Residents' } })) as { groups: unknown };
      expect(corp.groups).toEqual({ owners: 'Owners', tenants: 'Residents' });
      await world.core.call('corporations.setGroups', { id: world.corp, groups: null });
    });
  });

  describe('the User section carries what Condo Control holds', () => {
    it("after an edit in Condo Manager: Condo Control's email, with Condo Manager's waiting beside it", async () => {
      const priya = (await cmPeople(world)).find((p) => p.email === 'priya.sharma@example.com')!;
      await world.desk.updatePerson(world.corp, priya.role, priya.id, { email: 'priya.s@example.com' });
      await world.sync({ dryRun: true }); // a preview reads Condo Manager and writes nothing
      const r = (await world.core.call('residents.get', { id: priya.id })) as Resident;
      expect(r.email).toBe('priya.s@example.com');
      expect(r.condoControl).toMatchObject({ email: 'priya.sharma@example.com', source: 'live', active: true });
      expect(r.condoControl!.groups).toContain(priya.role === 'owner' ? 'Owners' : 'Renters');
      expect(r.pendingDifferences).toEqual([{ field: 'email', condoManager: 'priya.s@example.com', condoControl: 'priya.sharma@example.com' }]);
    });

    it('a waiting value a conflict holds back says it will not be written', async () => {
      const people = await cmPeople(world);
      const priya = people.find((p) => p.email === 'priya.s@example.com')!;
      await world.desk.updatePerson(world.corp, priya.role, priya.id, { email: 'not-an-email' });
      await world.sync({ dryRun: true });
      const r = (await world.core.call('residents.get', { id: priya.id })) as Resident;
      const email = r.pendingDifferences.find((d) => d.field === 'email')!;
      expect(email.condoControl).toBe('priya.sharma@example.com');
      expect(email.heldBack).toMatch(/^Condo Control cannot accept this email, so it will not be written\./);
      expect(email.heldBackCode).toBe('invalid-email');

      // An email another resident already holds in Condo Control.
      const scott = people.find((p) => p.email === 'scott.mills@example.com')!;
      await world.desk.updatePerson(world.corp, priya.role, priya.id, { email: 'Scott.Mills@example.com' });
      await world.sync({ dryRun: true });
      const again = (await world.core.call('residents.get', { id: priya.id })) as Resident;
      expect(again.pendingDifferences.find((d) => d.field === 'email')!.heldBack).toMatch(/^Another resident already has this email in Condo Control/);
      expect(scott).toBeDefined();
      await world.desk.updatePerson(world.corp, priya.role, priya.id, { email: 'priya.sharma@example.com' });
    });
  });

  describe("when Condo Control cannot say, the User section says so", () => {
    it('Condo Control down: the values the last sync wrote, marked as such, and groups not claimed', async () => {
      const scott = (await cmPeople(world)).find((p) => p.email === 'scott.mills@example.com')!;
      await world.sandbox('cc', '/faults', { errorRate: 1 }, 'PUT');
      try {
        const r = (await world.core.call('residents.get', { id: scott.id })) as Resident;
        expect(r.condoControl).toMatchObject({ source: 'last-sync', email: 'scott.mills@example.com' });
        expect(r.condoControl!.groups).toBeUndefined();
      } finally {
        await world.sandbox('cc', '/faults', { errorRate: 0 }, 'PUT');
      }
    });

    it('Condo Control answers without the user: not shown as held there', async () => {
      const scott = (await cmPeople(world)).find((p) => p.email === 'scott.mills@example.com')!;
      const before = (await world.core.call('residents.get', { id: scott.id })) as Resident;
      const [building] = (await world.core.call('groups.list', {})) as { workspaceId: string }[];
      const unlink = (externalId: string | null) =>
        world.cc(`/workspaces/${building!.workspaceId}/users/${before.condoControlUserId}`, { method: 'PATCH', body: JSON.stringify({ externalId }) });
      expect((await unlink(null)).ok).toBe(true);
      try {
        const r = (await world.core.call('residents.get', { id: scott.id })) as Resident;
        expect(r.condoControl).toBeUndefined();
        expect(r.pendingDifferences.map((d) => d.field)).toContain('email');
      } finally {
        await unlink(scott.id);
      }
    });
  });

  describe('groups cannot be checked while Condo Control is down', () => {
    it('the save is refused as unavailable and nothing is written', async () => {
      const other = await createWorld();
      try {
        await other.sandbox('cc', '/faults', { errorRate: 1 }, 'PUT');
        const err = await rejection(other.core.call('settings.set', { groups: { owners: 'Residents', tenants: 'Renters' } }));
        expect(err.code).toBe('unavailable');
        expect(err.message).toMatch(/Nothing was changed/);
        expect(((await other.core.call('settings.get', {})) as Settings).groups).toEqual({ owners: 'Owners', tenants: 'Renters' });
      } finally {
        await other.close();
      }
    });
  });

  describe('app.info says how secrets are kept', () => {
    it('browser mode keeps them in a plain 0600 file, tests in memory', async () => {
      expect(((await world.core.call('app.info', {})) as { secretStorage: string }).secretStorage).toBe('memory');
      const dir = tempDir();
      const core = createCore({ dataDir: dir.path, adapter: 'http', logger: silentLogger, secrets: new FileSecretStore(dir.path, {}), initialSync: false, scheduler: false });
      try {
        expect(((await core.call('app.info', {})) as { secretStorage: string }).secretStorage).toBe('plain-file');
        const env = { CONDO_MANAGER_URL: 'https://cm.example.com', CONDO_MANAGER_CLIENT_ID: 'a', CONDO_MANAGER_CLIENT_SECRET: 'b', CONDO_CONTROL_URL: 'https://cc.example.com', CONDO_CONTROL_USERNAME: 'c', CONDO_CONTROL_PASSWORD: 'd' };
        expect(new FileSecretStore(dir.path, env).storage).toBe('environment');
      } finally {
        await core.stop();
        dir.cleanup();
      }
    });
  });
});
