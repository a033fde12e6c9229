// Issue 3's "done when": what a new user does against `condo-sync sandbox`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type RunningSandboxes } from '../../electron/sandbox';
import { CM_HEADERS, CORP, call, postForm, tempDataDir, type Json } from './helpers';

let sandboxes: RunningSandboxes;
const dir = tempDataDir();
beforeAll(async () => {
  sandboxes = await startSandboxes({ dataDir: dir.path });
});
afterAll(async () => {
  await sandboxes.close();
  dir.cleanup();
});

const cm = <T = Json>(path: string) => call<T>(`${sandboxes.condoManagerUrl}${path}`, { headers: CM_HEADERS });
type Person = { id: string; firstName: string; email: string; unitIds: string[]; updatedAt: string };

describe('done when', () => {
  it('serves both systems on bare loopback origins', () => {
    expect(sandboxes.condoManagerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandboxes.condoControlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("edit Scott's email on the Condo Manager page, then see it through owners?lastupdatedfrom", async () => {
    const owners = (await cm<Person[]>(`/v1/corporations/${CORP}/owners?limit=1000`)).body;
    const scott = owners.find((o) => o.firstName === 'Scott')!;
    const watermark = owners.reduce((m, o) => (o.updatedAt > m ? o.updatedAt : m), '');
    const saved = await postForm(`${sandboxes.condoManagerUrl}/corporations/${CORP}/owners/${scott.id}`, {
      firstName: 'Scott', lastName: 'Mills', email: 'scott.mills@example.org', phoneType: 'mobile', phoneNumber: '416-555-0142',
    });
    expect(saved.status).toBe(303);
    const changed = (await cm<Person[]>(`/v1/corporations/${CORP}/owners?lastupdatedfrom=${encodeURIComponent(watermark)}`)).body;
    const after = changed.find((o) => o.id === scott.id)!;
    expect(after.email).toBe('scott.mills@example.org');
    expect(after.updatedAt > watermark).toBe(true);
  });

  it('create an invoice there and see it arrive on the change feed', async () => {
    const feed = (await cm(`/v1/corporations/${CORP}/changes`)).body;
    const scott = (await cm<Person[]>(`/v1/corporations/${CORP}/owners?limit=1000`)).body.find((o) => o.firstName === 'Scott')!;
    const polling = cm(`/v1/corporations/${CORP}/changes?cursor=${feed.nextCursor}&wait=25`);
    await new Promise((r) => setTimeout(r, 200));
    const saved = await postForm(`${sandboxes.condoManagerUrl}/corporations/${CORP}/accounts/${scott.unitIds[0]}/invoices`, {
      kind: 'CommonExpense', date: '2026-11-01', dueDate: '2026-11-01', description: 'Maintenance fee – November 2026', amount: '612.50',
    });
    expect(saved.status).toBe(303);
    const events = (await polling).body.events as Array<{ type: string; entityId: string }>;
    const created = events.find((e) => e.type === 'invoice.created')!;
    const invoice = (await cm(`/v1/corporations/${CORP}/invoices/${created.entityId}`)).body;
    expect(invoice).toMatchObject({ unitId: scott.unitIds[0], kind: 'CommonExpense', totalCents: 61250 });
  });

  it('see in /_sandbox/stats the 429s served once a rate limit is set', async () => {
    const url = sandboxes.condoManagerUrl;
    await call(`${url}/_sandbox/stats/reset`, { method: 'POST' });
    await call(`${url}/_sandbox/faults`, { method: 'PUT', json: { rateLimitPerSec: 3 } });
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => cm(`/v1/corporations/${CORP}/owners`)))).map((r) => r.status);
    const stats = (await call(`${url}/_sandbox/stats`)).body;
    expect(stats.statuses['429']).toBe(statuses.filter((s) => s === 429).length);
    expect(stats.statuses['429']).toBeGreaterThan(0);
    expect(stats.requests['GET /v1/corporations/{corp}/owners']).toBe(10);
    await call(`${url}/_sandbox/faults`, { method: 'PUT', json: { rateLimitPerSec: 0 } });
  });
});
