import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTED_BY, type AuditEntry, type CreatedAccessKey } from '@shared/access';
import type { Job, Page } from '@shared/types';
import { startHost, type RunningHost } from '../../electron/host/server';
import { memoryLogger } from '../helpers/memory-logger';
import { parseCsv } from '../helpers/parse-csv';
import { tempDir } from '../helpers/temp-dir';

const TOKEN = 'roles-host-token';

/**
 * People with roles on one shared engine, over the real HTTP host with its
 * in-process sandboxes and SQLite file: what each role may do, what is
 * refused (403, naming the role needed), and what the audit log keeps.
 */
describe('access keys and roles on the host', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: RunningHost;
  let support: CreatedAccessKey;
  let manager: CreatedAccessKey;
  let revoked: CreatedAccessKey;
  const log = memoryLogger();

  const post = async (method: string, key: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the result it asked for
    return { status: res.status, body: (await res.json()) as { ok: boolean; result?: any; error?: { code: string; message: string; details?: unknown } } };
  };
  const audit = async () => (await post('audit.list', TOKEN, { limit: 500 })).body.result as Page<AuditEntry>;

  beforeAll(async () => {
    dir = tempDir();
    host = await startHost({ dataDir: dir.path, token: TOKEN, logger: log });
    await host.core.runner.idle(); // the sandbox's initial sync fills the people table
    // Names as staff write them: accents, a typographic apostrophe.
    support = (await post('keys.create', TOKEN, { name: 'Zoë O’Brien (support)', role: 'support' })).body.result;
    manager = (await post('keys.create', TOKEN, { name: 'Marie (front desk)', role: 'property_manager' })).body.result;
    revoked = (await post('keys.create', TOKEN, { name: 'Old laptop', role: 'administrator' })).body.result;
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    dir?.cleanup();
  });

  it('shows a key once, then lists it without the secret', async () => {
    expect(support.key).toMatch(/^csk_[A-Za-z0-9_-]{43}$/);
    const listed = (await post('keys.list', TOKEN)).body.result as Record<string, unknown>[];
    expect(listed.map((k) => k.name)).toEqual(expect.arrayContaining(['Zoë O’Brien (support)', 'Marie (front desk)']));
    expect(JSON.stringify(listed)).not.toContain(support.key);
    expect(JSON.stringify(listed)).not.toContain(support.key.slice(12));
    // Only a hash is stored: the key itself is nowhere in the database.
    const rows = host.core.db!.prepare('SELECT * FROM access_keys').all();
    expect(JSON.stringify(rows)).not.toContain(support.key);
  });

  it('refuses a second key in use with the same name, whatever its case', async () => {
    const again = await post('keys.create', TOKEN, { name: 'MARIE (FRONT DESK)', role: 'support' });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('conflict');
  });

  it('a support key reads and looks up balances, but cannot start a sync (403) and the refusal is in the audit log', async () => {
    const me = await post('session.get', support.key);
    expect(me.body.result).toMatchObject({ caller: { kind: 'key', role: 'support', name: 'Zoë O’Brien (support)' }, permissions: ['read', 'balance'] });
    expect((await post('units.list', support.key, { limit: 5 })).status).toBe(200);
    const units = (await post('units.list', support.key, { limit: 1 })).body.result.items as { id: string }[];
    const balance = await post('balances.get', support.key, { unitId: units[0]!.id, refresh: true });
    expect(balance.status).toBe(200);

    const jobsBefore = (await post('jobs.list', TOKEN)).body.result.total as number;
    const refused = await post('sync.start', support.key, { kind: 'residents' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', details: { method: 'sync.start', role: 'support', permission: 'sync', needs: 'property_manager' } });
    expect(refused.body.error?.message).toMatch(/^Support cannot start, pause, cancel or confirm a sync/);
    expect((await post('jobs.list', TOKEN)).body.result.total).toBe(jobsBefore);

    const entries = (await audit()).items;
    const line = entries.find((e) => e.method === 'sync.start' && e.actor.name === 'Zoë O’Brien (support)');
    expect(line).toMatchObject({ outcome: 'refused', code: 'forbidden', actor: { kind: 'key', role: 'support', keyId: support.id }, summary: { kind: 'residents' } });
    // Get Account Balance pushes to Condo Control: it is recorded too, reads are not.
    expect(entries.some((e) => e.method === 'balances.get' && e.actor.keyId === support.id && e.outcome === 'ok' && e.summary.unitId === units[0]!.id)).toBe(true);
    expect(entries.some((e) => e.method === 'units.list')).toBe(false);
  });

  it('a property manager starts a sync, named in the queue, but cannot change settings', async () => {
    const started = await post('sync.start', manager.key, { kind: 'residents' });
    expect(started.status).toBe(200);
    const job = started.body.result as Job;
    expect(job.startedBy).toBe('Marie (front desk)');
    await host.core.runner.idle();
    const listed = (await post('jobs.list', support.key)).body.result.items as Job[];
    expect(listed.find((j) => j.id === job.id)?.startedBy).toBe('Marie (front desk)');
    // The nightly and the first sync say so by their trigger, not by a person.
    expect(listed.filter((j) => j.trigger === 'initial').every((j) => j.startedBy === undefined)).toBe(true);

    const settings = await post('settings.set', manager.key, { groups: { owners: 'Owners', tenants: 'Renters' } });
    expect(settings.status).toBe(403);
    expect(settings.body.error?.details).toMatchObject({ needs: 'administrator', role: 'property_manager' });
    expect((await post('keys.list', manager.key)).status).toBe(403);
    expect((await post('audit.list', manager.key)).status).toBe(403);

    const entries = (await audit()).items;
    expect(entries.find((e) => e.method === 'sync.start' && e.actor.keyId === manager.id)).toMatchObject({ outcome: 'ok', summary: { jobId: job.id, kind: 'residents' } });
    expect(entries.find((e) => e.method === 'settings.set' && e.actor.keyId === manager.id)).toMatchObject({ outcome: 'refused', summary: { settings: ['groups'] } });
  });

  it('refuses a revoked key from the next call, and records the attempt', async () => {
    expect((await post('settings.get', revoked.key)).status).toBe(200);
    const gone = await post('keys.revoke', TOKEN, { id: revoked.id });
    expect(gone.body.result).toMatchObject({ id: revoked.id, name: 'Old laptop' });
    expect(gone.body.result.revokedAt).toBeTruthy();
    const after = await post('settings.get', revoked.key);
    expect(after.status).toBe(401);
    expect(after.body.error).toMatchObject({ code: 'unauthorized', message: 'This access key was revoked. Ask an administrator for a new one.' });
    const events = await fetch(`http://127.0.0.1:${host.port}/api/events?token=${encodeURIComponent(revoked.key)}`);
    expect(events.status).toBe(401);
    await events.body?.cancel();
    const entries = (await audit()).items;
    expect(entries.find((e) => e.method === 'settings.get' && e.actor.keyId === revoked.id)).toMatchObject({ outcome: 'refused', code: 'unauthorized' });
    expect(entries.find((e) => e.method === 'keys.revoke')).toMatchObject({ outcome: 'ok', actor: { kind: 'token', role: 'administrator' }, summary: { id: revoked.id } });
    expect((await post('keys.list', TOKEN)).body.result.map((k: { id: string }) => k.id)).not.toContain(revoked.id);
    expect((await post('keys.list', TOKEN, { includeRevoked: true })).body.result.map((k: { id: string }) => k.id)).toContain(revoked.id);
  });

  it('keeps the host token as the administrator, so set-ups from before keys keep working', async () => {
    expect((await post('session.get', TOKEN)).body.result).toMatchObject({ caller: { kind: 'token', role: 'administrator' } });
    expect((await post('schedule.set', TOKEN, { time: '03:00' })).status).toBe(200);
    expect((await post('units.list', 'csk_' + 'x'.repeat(43))).status).toBe(401);
  });

  it("never writes a resident's name, email or phone into the audit log or the engine's log", async () => {
    const people = host.core.db!.prepare('SELECT id, first_name AS first, last_name AS last, email, phones FROM people').all() as {
      id: string;
      first: string;
      last: string;
      email: string | null;
      phones: string;
    }[];
    expect(people.length).toBeGreaterThan(5);
    const someone = people.find((p) => p.email)!;
    // A person's words typed where the log keeps only ids: a search, a group name, a bad input.
    await post('units.list', manager.key, { query: someone.last });
    await post('settings.set', TOKEN, { groups: { owners: `${someone.first} ${someone.last}`, tenants: someone.email! } });
    await post('sync.start', support.key, { kind: 'residents', scope: { corporationId: someone.email }, note: someone.last });
    await post('balances.get', manager.key, { personId: someone.id, refresh: true });
    const csv = (await post('audit.export', TOKEN, { language: 'fr' })).body.result as { text: string; rows: number };
    const list = JSON.stringify((await audit()).items);
    expect(csv.rows).toBeGreaterThan(8);
    expect(csv.text).toContain('Zoë O’Brien (support)');
    const haystacks = [csv.text, list, log.lines.join("\n")].map((h) => h.normalize('NFC').toLowerCase());
    for (const p of people) {
      const phones = (JSON.parse(p.phones) as ({ number?: string } | string)[]).map((x) => (typeof x === 'string' ? x : (x.number ?? '')));
      for (const value of [p.email, ...phones, `${p.first} ${p.last}`].filter((v): v is string => !!v && v.trim().length > 3)) {
        for (const h of haystacks) expect(h, `audit text contains a resident's ${value.includes('@') ? 'email' : 'name or phone'}`).not.toContain(value.normalize('NFC').toLowerCase());
      }
    }
  });

  it('exports the audit log in French: actions, details, roles and outcomes in words, never a method or field name', async () => {
    const csv = (await post('audit.export', TOKEN, { language: 'fr' })).body.result as { text: string };
    const { bom, rows } = parseCsv(csv.text);
    expect(bom).toBe(true);
    expect(rows[0]).toEqual(['Quand (UTC)', 'Qui', 'Rôle', 'Action', 'Détails', 'Résultat', 'Erreur']);
    const refused = rows.filter((r) => r[1] === 'Zoë O’Brien (support)' && r[3] === 'Lancer une synchronisation').map((r) => r.slice(2));
    expect(refused).toContainEqual(['Soutien', 'Lancer une synchronisation', 'Type : Résidents', 'Refusé', 'forbidden']);
    const started = rows.find((r) => r[1] === 'Marie (front desk)' && r[3] === 'Lancer une synchronisation' && r[5] === 'Fait');
    expect(started?.[4]).toMatch(/^Synchronisation : \S+ · Type : Résidents$/);
    expect(rows.find((r) => r[3] === 'Révoquer une clé d’accès')?.[4]).toMatch(/^Clé : \S+ · Nom de la clé : Old laptop$/);
    expect(rows.find((r) => r[3] === 'Modifier la synchronisation nocturne')?.[4]).toBe('Heure : 03:00 · Paramètres modifiés : Heure');
    // The console's token is this engine's: the row names the engine (its host name here, on SQLite), not just "the token".
    expect(rows.find((r) => r[3] === 'Modifier la synchronisation nocturne')?.[1]).toBe(`Jeton d’accès de la console de ${hostname()}`);
    for (const r of rows.slice(1)) expect(r[3], 'an action left as a method name').not.toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    expect(csv.text).not.toMatch(/\b(jobId|keyId|dryRun|corporationId|settings)\b/);
  });

  it('records who started every sync and balance check: a key’s name, this computer (its tray), or the console’s token', async () => {
    await host.core.runner.idle();
    // The desktop's tray calls in-process, as this computer's administrator.
    const tray = (await host.core.call('sync.start', { kind: 'residents', trigger: 'tray', dryRun: true })) as Job;
    expect(tray.startedBy).toBe(STARTED_BY.local);
    await host.core.runner.idle();
    const byToken = await post('balances.check', TOKEN, { start: true });
    expect(byToken.status).toBe(200);
    expect(byToken.body.result.job).toMatchObject({ kind: 'balance-check', startedBy: STARTED_BY.token });
    await host.core.runner.idle();
    const byKey = await post('balances.check', manager.key, { start: true });
    expect(byKey.body.result.job).toMatchObject({ kind: 'balance-check', startedBy: 'Marie (front desk)' });
    await host.core.runner.idle();
    const listed = (await post('jobs.list', TOKEN, { limit: 10 })).body.result.items as Job[];
    expect(listed.find((j) => j.id === tray.id)?.startedBy).toBe(STARTED_BY.local);
    expect(listed.find((j) => j.id === byKey.body.result.job.id)?.startedBy).toBe('Marie (front desk)');
    // A key cannot pose as this computer or the token.
    expect((await post('keys.create', TOKEN, { name: '@local', role: 'support' })).body.error).toMatchObject({ code: 'invalid_input' });
    await expect(host.core.access.createKey({ name: '@token', role: 'support' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
