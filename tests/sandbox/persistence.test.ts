import { afterAll, describe, expect, it } from 'vitest';
import { startSandboxes } from '../../electron/sandbox';
import { CM_HEADERS, CORP, call, tempDataDir } from './helpers';

const dir = tempDataDir();
afterAll(() => dir.cleanup());

describe('sandbox stores', () => {
  it('keep edits across a restart, reseed on reset, and report what they hold', async () => {
    let s = await startSandboxes({ dataDir: dir.path, cmPort: 0, ccPort: 0 });
    const owners = (await call(`${s.condoManagerUrl}/v1/corporations/${CORP}/owners?limit=1`, { headers: CM_HEADERS })).body;
    const id = owners[0].id;
    await call(`${s.condoManagerUrl}/v1/corporations/${CORP}/owners/${id}`, { method: 'PATCH', headers: CM_HEADERS, json: { firstName: 'Kept' } });
    await s.close();

    s = await startSandboxes({ dataDir: dir.path, seed: 99 });
    try {
      // The store was not empty, so the new seed did not replace the trainer's edit.
      const person = (await call(`${s.condoManagerUrl}/v1/corporations/${CORP}/owners/${id}`, { headers: CM_HEADERS })).body;
      expect(person.firstName).toBe('Kept');
      expect((await call(`${s.condoManagerUrl}/_sandbox/info`)).body).toEqual({ system: 'condo-manager', seed: 2750, size: 'small' });

      const reset = await call(`${s.condoManagerUrl}/_sandbox/reset`, { method: 'POST', json: { seed: 2750 } });
      expect(reset.body).toMatchObject({ seed: 2750, size: 'small' });
      expect((await call(`${s.condoManagerUrl}/v1/corporations/${CORP}/owners/${id}`, { headers: CM_HEADERS })).body.firstName).not.toBe('Kept');

      for (const url of [s.condoManagerUrl, s.condoControlUrl]) {
        const res = await call(`${url}/_sandbox/reset`, { method: 'POST', json: { size: 'medium', seed: 5 } });
        expect(res.status).toBe(200);
        expect((await call(`${url}/_sandbox/info`)).body).toMatchObject({ seed: 5, size: 'medium' });
      }
      const corps = await call(`${s.condoManagerUrl}/v1/corporations`, { headers: CM_HEADERS });
      expect(corps.headers.get('x-total-count')).toBe('5');
      const token = (await call(`${s.condoControlUrl}/api/v1/auth/token`, { method: 'POST', json: { username: 'demo', password: 'demo-password' } })).body.accessToken;
      const ws = (await call(`${s.condoControlUrl}/api/v1/workspaces`, { headers: { authorization: `Bearer ${token}` } })).body;
      // Exactly one workspace per corporation, named by its code.
      expect(ws.map((w: { name: string }) => w.name.split(' — ')[0]).sort()).toEqual(corps.body.map((c: { code: string }) => c.code).sort());
      expect((await call(`${s.condoManagerUrl}/_sandbox/reset`, { method: 'POST', json: { size: 'huge' } })).status).toBe(422);
      expect((await call(`${s.condoManagerUrl}/_sandbox/reset`, { method: 'POST', body: 'nope' })).status).toBe(400);
    } finally {
      await s.close();
    }
  });

  it("reseed 'if-different' and 'always' load the requested portfolio at start", async () => {
    const d = tempDataDir();
    try {
      let s = await startSandboxes({ dataDir: d.path });
      const owner = (await call(`${s.condoManagerUrl}/v1/corporations/${CORP}/owners?limit=1`, { headers: CM_HEADERS })).body[0];
      await call(`${s.condoManagerUrl}/v1/corporations/${CORP}/owners/${owner.id}`, { method: 'PATCH', headers: CM_HEADERS, json: { firstName: 'Edited' } });
      await s.close();
      s = await startSandboxes({ dataDir: d.path, reseed: 'if-different' });
      expect((await call(`${s.condoManagerUrl}/v1/corporations/${CORP}/owners/${owner.id}`, { headers: CM_HEADERS })).body.firstName).toBe('Edited');
      await s.close();
      s = await startSandboxes({ dataDir: d.path, reseed: 'if-different', size: 'medium' });
      for (const url of [s.condoManagerUrl, s.condoControlUrl]) expect((await call(`${url}/_sandbox/info`)).body.size).toBe('medium');
      await s.close();
      s = await startSandboxes({ dataDir: d.path, reseed: 'always', size: 'medium' });
      expect((await call(`${s.condoManagerUrl}/_sandbox/info`)).body).toMatchObject({ seed: 2750, size: 'medium' });
      await s.close();
    } finally {
      d.cleanup();
    }
  });

  it('Condo Control units match Condo Manager units by name for the same seed', async () => {
    const d = tempDataDir();
    const s = await startSandboxes({ dataDir: d.path, seed: 31, size: 'small' });
    try {
      const cmUnits = (await call(`${s.condoManagerUrl}/v1/corporations/${CORP}/units?limit=1000`, { headers: CM_HEADERS })).body;
      const token = (await call(`${s.condoControlUrl}/api/v1/auth/token`, { method: 'POST', json: { username: 'demo', password: 'demo-password' } })).body.accessToken;
      const ccUnits = (await call(`${s.condoControlUrl}/api/v1/workspaces/ws_1/units?limit=1000`, { headers: { authorization: `Bearer ${token}` } })).body;
      expect(ccUnits.map((u: { name: string }) => u.name).sort()).toEqual(cmUnits.map((u: { number: string }) => u.number).sort());
      const users = (await call(`${s.condoControlUrl}/api/v1/workspaces/ws_1/users`, { headers: { authorization: `Bearer ${token}` } })).body;
      const owners = (await call(`${s.condoManagerUrl}/v1/corporations/${CORP}/owners?limit=1000`, { headers: CM_HEADERS })).body;
      const tenants = (await call(`${s.condoManagerUrl}/v1/corporations/${CORP}/tenants?limit=1000`, { headers: CM_HEADERS })).body;
      const people = [...owners, ...tenants];
      const matches = users.map((u: { email: string; firstName: string; lastName: string }) => people.find((p) => p.email === u.email));
      const same = users.filter((u: { firstName: string; lastName: string }, i: number) => matches[i] && matches[i].firstName === u.firstName && matches[i].lastName === u.lastName);
      const conflict = users.filter((u: { firstName: string }, i: number) => matches[i] && matches[i].firstName !== u.firstName);
      expect(same).toHaveLength(1);
      expect(conflict).toHaveLength(1);
    } finally {
      await s.close();
      d.cleanup();
    }
  });
});
