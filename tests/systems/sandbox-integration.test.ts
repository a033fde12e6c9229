// The clients against the real sandboxes (electron/sandbox), small portfolio.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STORY_EMAILS, startSandboxes, type RunningSandboxes } from '../../electron/sandbox/index';
import { CondoManagerClient, CondoManagerDesk, ConflictError, createSystems, isCursorExpired, SystemError, type Owner, type Systems } from '../../electron/core/systems';

let dir: string;
let sandboxes: RunningSandboxes;
let systems: Systems;
let corp: string;
let ws: string;
const calls: { host: string; method: string; url: string; status: number; sentAt: number; at: number }[] = [];

async function control(base: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}
const statuses = async (base: string) => ((await control(base, 'GET', '/_sandbox/stats')).statuses ?? {}) as Record<string, number>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'condo-sync-systems-'));
  sandboxes = await startSandboxes({ dataDir: dir, size: 'small', seed: 2750, faultSeed: 7 });
  systems = createSystems({
    condoManager: { url: sandboxes.condoManagerUrl, clientId: 'demo', clientSecret: 'demo-secret' },
    condoControl: { url: sandboxes.condoControlUrl, username: 'demo', password: 'demo-password' },
    rate: { condoManagerPerSec: 200, condoControlPerSec: 200, concurrency: 8 },
    policy: { backoffBaseMs: 20, onRequest: (method, url, status, info) => calls.push({ host: info.host, method, url, status, sentAt: info.sentAt, at: Date.now() }) },
  });
  const corps = await systems.condoManager.listCorporations();
  corp = corps.items[0]!.id;
  ws = (await systems.condoControl.listWorkspaces()).items[0]!.id;
});

afterEach(async () => {
  const off = { rateLimitPerSec: 0, malformedRate: 0, errorRate: 0, timeoutRate: 0 };
  await control(sandboxes.condoManagerUrl, 'PUT', '/_sandbox/faults', off);
  await control(sandboxes.condoControlUrl, 'PUT', '/_sandbox/faults', off);
});

afterAll(async () => {
  systems?.close();
  await sandboxes?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function allOwners(lastUpdatedFrom?: string): Promise<Owner[]> {
  const out: Owner[] = [];
  for await (const page of systems.condoManager.iterateOwners(corp, { limit: 25, lastUpdatedFrom })) {
    expect(page.errors).toEqual([]);
    out.push(...page.items);
  }
  return out;
}

describe('Condo Manager sandbox', () => {
  it('lists the one corporation of the small portfolio', async () => {
    const { items, errors } = await systems.condoManager.listCorporations();
    expect(errors).toEqual([]);
    expect(items.map((c) => c.code)).toEqual(['TSCC 2750']);
  });

  it('pages owners (Past included) and reads only what changed since a watermark', async () => {
    const owners = await allOwners();
    expect(owners.some((o) => o.status === 'Past')).toBe(true);
    expect(new Set(owners.map((o) => o.id)).size).toBe(owners.length);
    const scott = owners.find((o) => o.email === STORY_EMAILS.scott)!;
    const watermark = owners.map((o) => o.updatedAt).sort().at(-1)!;

    const desk = new CondoManagerDesk(systems.condoManager);
    const edited = await desk.updatePerson(corp, 'owner', scott.id, { email: 'scott.mills@example.net' });
    expect(edited.updatedAt > watermark).toBe(true);

    const changed = await allOwners(edited.updatedAt);
    expect(changed.map((o) => o.id)).toEqual([scott.id]);
    expect(changed[0]!.email).toBe('scott.mills@example.net');
  });

  it('follows the change feed with a long poll, and reports an expired cursor', async () => {
    const head = await systems.condoManager.getChanges(corp);
    const desk = new CondoManagerDesk(systems.condoManager);
    const owners = await allOwners();
    setTimeout(() => void desk.updatePerson(corp, 'owner', owners[0]!.id, { language: owners[0]!.language === 'en' ? 'fr' : 'en' }), 200);
    const started = performance.now();
    const feed = await systems.condoManager.getChanges(corp, { cursor: head.nextCursor, waitSec: 5 });
    expect(performance.now() - started).toBeLessThan(4000);
    expect(feed.events.map((e) => [e.type, e.entityId])).toContainEqual(['person.updated', owners[0]!.id]);
    const err = await systems.condoManager.getChanges(corp, { cursor: 'bm90LWEtY3Vyc29y' }).catch((e: unknown) => e);
    expect(isCursorExpired(err)).toBe(true);
  });

  it('reads a unit account balance', async () => {
    const units = await systems.condoManager.listUnitsPage(corp, { limit: 1000 });
    const balance = await systems.condoManager.getBalance(corp, units.items[0]!.accountId!);
    expect(Number.isInteger(balance.totalCents)).toBe(true);
  });
});

describe('Condo Control sandbox', () => {
  it('logs in, lists the six built-in groups and the users', async () => {
    const groups = await systems.condoControl.listGroups(ws);
    expect(groups.items.map((g) => g.name).sort()).toEqual(['Board Members', 'Owners', 'Property Managers', 'Renters', 'Residents', 'Security/Concierge']);
    const users = await systems.condoControl.listAllUsers(ws);
    expect(users.errors).toEqual([]);
    expect(users.items.length).toBeGreaterThan(0);
  });

  it('creates a user once for two POSTs with the same Idempotency-Key', async () => {
    const groups = await systems.condoControl.listGroups(ws);
    const owners = groups.items.find((g) => g.name === 'Owners')!;
    const units = await systems.condoControl.listUnits(ws);
    const body = { externalId: 'p_idem_test', firstName: 'Test', lastName: 'Resident', groupIds: [owners.id], unitIds: [units.items[0]!.id] };
    const a = await systems.condoControl.createUser(ws, body, 'idem-test-1');
    const b = await systems.condoControl.createUser(ws, body, 'idem-test-1');
    expect(b.id).toBe(a.id);
    const found = await systems.condoControl.findUsers(ws, { externalId: 'p_idem_test' });
    expect(found.items.map((u) => u.id)).toEqual([a.id]);
  });

  it('reports a taken login email as a conflict', async () => {
    const groups = await systems.condoControl.listGroups(ws);
    const err = await systems.condoControl
      .createUser(ws, { lastName: 'Other', email: STORY_EMAILS.priya, groupIds: [groups.items[0]!.id] }, 'idem-conflict')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SystemError);
    expect((err as SystemError).code).toBe('conflict');
    const priya = (await systems.condoControl.listAllUsers(ws)).items.find((u) => u.email === STORY_EMAILS.priya)!;
    expect((err as ConflictError).existingUserId).toBe(priya.id);
    expect((err as SystemError).message).not.toContain(STORY_EMAILS.priya);
  });

  it('logs in again after the tokens expire', async () => {
    await control(sandboxes.condoControlUrl, 'POST', '/_sandbox/expire-tokens');
    const before = calls.filter((c) => c.url.endsWith('/auth/token')).length;
    expect((await systems.condoControl.listGroups(ws)).items).toHaveLength(6);
    expect(calls.filter((c) => c.url.endsWith('/auth/token')).length).toBe(before + 1);
  });
});

describe('faults', () => {
  it('under rateLimitPerSec 20, a burst of 60 GETs all succeed with few 429s after the first pause', async () => {
    const base = sandboxes.condoControlUrl;
    await systems.condoControl.listGroups(ws); // token first, so the burst is all GETs
    await control(base, 'PUT', '/_sandbox/faults', { rateLimitPerSec: 20 });
    const before = (await statuses(base))['429'] ?? 0;
    const results = await Promise.all(Array.from({ length: 60 }, () => systems.condoControl.listGroups(ws)));
    expect(results.every((r) => r.items.length === 6)).toBe(true);
    const limited = ((await statuses(base))['429'] ?? 0) - before;
    // The first wave in flight (≤ 8) is refused together; requests sent after
    // that 429 came back go at the rate the host actually served.
    expect(limited).toBeLessThanOrEqual(8 + 2);
    const firstRefusal = calls.find((c) => c.status === 429)!.at;
    expect(calls.filter((c) => c.status === 429 && c.sentAt > firstRefusal).length).toBeLessThanOrEqual(2);
  });

  it('retries cut-short bodies, and a body that is always malformed becomes an upstream_error', async () => {
    const base = sandboxes.condoManagerUrl;
    const clean = await allOwners();
    await control(base, 'PUT', '/_sandbox/faults', { malformedRate: 0.3, seed: 11 });
    expect((await allOwners()).map((o) => o.id)).toEqual(clean.map((o) => o.id));
    await control(base, 'PUT', '/_sandbox/faults', { malformedRate: 1 });
    const err = await systems.condoManager.listOwnersPage(corp).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SystemError);
    expect((err as SystemError).code).toBe('upstream_error');
    expect((err as SystemError).message).toBe(`Condo Manager sent a body that is not valid JSON for GET /v1/corporations/${corp}/owners`);
  });

  it('rides out requests that never answer, with a short per-request timeout', async () => {
    await control(sandboxes.condoManagerUrl, 'PUT', '/_sandbox/faults', { timeoutRate: 0.2, seed: 3 });
    const cm = new CondoManagerClient({ baseUrl: sandboxes.condoManagerUrl, clientId: 'demo', clientSecret: 'demo-secret', timeoutMs: 300, backoffBaseMs: 10, maxAttempts: 8 });
    try {
      const units = [];
      for await (const page of cm.iterateUnits(corp, { limit: 10 })) units.push(...page.items);
      expect(units.length).toBe(73);
    } finally {
      cm.close();
    }
  });

  it('rides out 5xx errors', async () => {
    await control(sandboxes.condoManagerUrl, 'PUT', '/_sandbox/faults', { errorRate: 0.3, seed: 5 });
    const units = [];
    for await (const page of systems.condoManager.iterateUnits(corp, { limit: 10 })) units.push(...page.items);
    expect(units.length).toBe(73);
  });
});
