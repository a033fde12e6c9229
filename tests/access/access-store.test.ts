import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMINISTRATOR, type Caller } from '@shared/access';
import { AccessService } from '../../electron/core/access/access-service';
import { defaultMigrationsDir } from '../../electron/core/core';
import { migrateEngine } from '../../electron/core/db/migrate-postgres';
import { accessDb } from '../../electron/core/db/repositories/access-schema';
import { memoryLogger } from '../helpers/memory-logger';
import { openTestEngine, testBackend } from '../helpers/test-db';

/**
 * Access keys and the audit log through their repositories, on the backend
 * CONDO_SYNC_TEST_DB names (this file runs in both vitest projects): the
 * same answers from SQLite and PostgreSQL.
 */
describe(`access keys and audit log on ${testBackend}`, () => {
  let opened: Awaited<ReturnType<typeof openTestEngine>>;
  let access: AccessService;
  let now = Date.parse('2026-11-30T14:00:00Z');
  const clock = { now: () => new Date(now) };
  const log = memoryLogger();

  beforeAll(async () => {
    opened = await openTestEngine();
    await migrateEngine(opened.database, defaultMigrationsDir());
    access = new AccessService(accessDb(opened.database.kysely), { clock, log, engine: 'bureau-ouest:4312:a1b2c3' });
  });
  afterAll(async () => {
    await opened?.cleanup();
  });

  it('creates, finds, lists and revokes keys; a revoked key is known as revoked', async () => {
    const marie = await access.createKey({ name: 'Marie (front desk)', role: 'property_manager' });
    now += 1000;
    const zoe = await access.createKey({ name: 'Zoë O’Brien', role: 'support' });
    expect(await access.checkKey(marie.key)).toEqual({ caller: { kind: 'key', keyId: marie.id, name: 'Marie (front desk)', role: 'property_manager' } });
    expect(await access.checkKey(marie.key.slice(0, -1) + (marie.key.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
    expect(await access.checkKey('not-a-key')).toBeUndefined();
    // NFD typed, NFC stored: one person, one name.
    await expect(access.createKey({ name: 'Zoe\u0308 O’Brien', role: 'administrator' })).rejects.toMatchObject({ code: 'conflict' });

    const listed = await access.listKeys();
    expect(listed.map((k) => k.name)).toEqual(['Zoë O’Brien', 'Marie (front desk)']);
    expect(listed[1]!.lastUsedAt).toBe('2026-11-30T14:00:01.000Z');
    expect(listed[0]!.lastUsedAt).toBeUndefined();

    now += 1000;
    const revoked = await access.revokeKey(zoe.id);
    expect(revoked).toMatchObject({ revokedAt: '2026-11-30T14:00:02.000Z', alreadyRevoked: false });
    // Revoked again later (a colleague's second click): nothing changes, and the answer says since when.
    now += 60_000;
    expect(await access.revokeKey(zoe.id)).toMatchObject({ revokedAt: '2026-11-30T14:00:02.000Z', alreadyRevoked: true });
    expect(await access.checkKey(zoe.key, 'units.list')).toEqual({ revoked: expect.objectContaining({ keyId: zoe.id }) });
    expect((await access.listKeys()).map((k) => k.id)).toEqual([marie.id]);
    expect((await access.listKeys({ includeRevoked: true })).map((k) => k.id)).toContain(zoe.id);
    await expect(access.revokeKey('key_000000000000')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('guards calls: allowed reads pass unrecorded, changes and refusals are recorded newest first, with numeric totals', async () => {
    const support: Caller = { kind: 'key', keyId: 'key_s', name: 'Front desk', role: 'support' };
    const before = (await access.audit.list()).total;
    expect(await access.guard(support, 'units.list', {}, async () => 'read')).toBe('read');
    await expect(access.guard(support, 'sync.start', { kind: 'residents' }, async () => 'never')).rejects.toMatchObject({
      code: 'forbidden',
      details: { method: 'sync.start', role: 'support', permission: 'sync', needs: 'property_manager' },
    });
    await expect(access.guard(LOCAL_ADMINISTRATOR, 'jobs.cancel', { id: 'job-1' }, async () => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
    await access.guard(LOCAL_ADMINISTRATOR, 'settings.set', { retention: { historyDays: 30, recordEventsDays: 30 } }, async () => ({}));

    const page = await access.audit.list();
    expect(typeof page.total).toBe('number');
    expect(page.total).toBe(before + 3); // the allowed read is not recorded
    expect(page.items.slice(0, 3).map((e) => [e.method, e.outcome, e.code ?? null])).toEqual([
      ['settings.set', 'ok', null],
      ['jobs.cancel', 'failed', 'internal'],
      ['sync.start', 'refused', 'forbidden'],
    ]);
    expect(page.items[0]!.summary).toEqual({ settings: ['retention'] });
    // This computer's calls name the engine they came through; a key's calls name the key.
    expect(page.items[0]!.actor).toEqual({ kind: 'local', role: 'administrator', engine: 'bureau-ouest:4312:a1b2c3' });
    expect(page.items[2]!.actor.engine).toBeUndefined();
    expect(page.items[1]!.summary).toEqual({ id: 'job-1' });
    expect((await access.audit.list({ outcome: 'refused' })).items.every((e) => e.outcome === 'refused')).toBe(true);
    expect((await access.audit.list({ limit: 1, offset: 1 })).items[0]!.method).toBe('jobs.cancel');
  });

  it('keeps the audit log as long as Settings → History kept says: older entries go, pruned at most hourly as calls are recorded', async () => {
    let days = 30;
    let at = Date.parse('2027-01-01T12:00:00Z');
    const kept = new AccessService(accessDb(opened.database.kysely), { clock: { now: () => new Date(at) }, log, auditDays: () => days });
    const admin = LOCAL_ADMINISTRATOR;
    const cancel = (id: string) => kept.guard(admin, 'jobs.cancel', { id }, async () => ({}));
    const ids = async () => (await kept.audit.list({ limit: 500 })).items.filter((e) => String(e.summary.id).startsWith('old-') || String(e.summary.id).startsWith('new-')).map((e) => e.summary.id);

    // Everything already in the log is older than 30 days by now: the first recorded call prunes it.
    await cancel('old-1');
    expect(await ids()).toEqual(['old-1']);
    expect((await kept.audit.list()).total).toBe(1);
    at += 20 * 86_400_000;
    await cancel('old-2');
    at += 15 * 86_400_000; // old-1 is now 35 days old, old-2 15
    await cancel('new-1');
    expect(await ids()).toEqual(['new-1', 'old-2']);
    // Within the hour nothing is pruned again, even once an entry passes the limit.
    days = 15; // old-2 is exactly 15 days old: kept
    at += 30 * 60_000; // now a little older than 15 days
    expect(await kept.pruneIfDue()).toBe(0);
    expect(await ids()).toEqual(['new-1', 'old-2']);
    at += 30 * 60_000; // an hour after the last prune
    await cancel('new-2');
    expect(await ids()).toEqual(['new-2', 'new-1']);
    // Forced, it prunes without waiting for the hour.
    days = 1;
    at += 86_400_000 + 60_000;
    expect(await kept.pruneIfDue(true)).toBe(2);
    expect(await ids()).toEqual([]);
  });
});
