// Issue 10: the Unit File's per-status counts (tabs, nav badge) come from
// units.list's status filter. They must add up, per building and with a
// search, and agree with each unit's own status (worst of the unit's and its
// residents'), on the real sandboxes and the real SQLite cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, SyncStatus, UnitSummary } from '@shared/types';
import { createWorld, type World, dbRows } from '../helpers/world';

const statuses = ['in_sync', 'pending', 'attention', 'failed'] as const;

describe('units.list status counts', () => {
  let world: World;
  const list = async (input: Record<string, unknown>) => (await world.core.call('units.list', { limit: 500, ...input })) as Page<UnitSummary>;

  beforeAll(async () => {
    world = await createWorld();
    await world.sync();
  });
  afterAll(() => world?.close());

  /** The worst status among the unit and its residents, computed here from the cache rows. */
  async function expected(): Promise<Map<string, SyncStatus>> {
    const rank: SyncStatus[] = ['failed', 'attention', 'pending', 'in_sync'];
    const units = await dbRows<{ id: string; s: SyncStatus | null }>(world, `SELECT u.id, m.sync_status AS s FROM units u LEFT JOIN id_map m ON m.entity = 'unit' AND m.source_id = u.id`);
    const roles = await dbRows<{ id: string; s: SyncStatus | null }>(world, `SELECT r.unit_id AS id, m.sync_status AS s FROM unit_roles r LEFT JOIN id_map m ON m.entity = 'person' AND m.source_id = r.person_id`);
    const worst = new Map(units.map((u) => [u.id, u.s ?? 'pending'] as [string, SyncStatus]));
    for (const r of roles) {
      const s = r.s ?? 'pending';
      if (rank.indexOf(s) < rank.indexOf(worst.get(r.id)!)) worst.set(r.id, s);
    }
    return worst;
  }

  it('each status filter lists exactly the units in that status, and the counts add up', async () => {
    // One resident in attention, one failed, one unit left pending: every branch of the status is exercised.
    const people = await dbRows<{ p: string }>(world, `SELECT min(r.person_id) AS p FROM unit_roles r GROUP BY r.unit_id ORDER BY r.unit_id LIMIT 3`);
    await dbRows(world, `UPDATE id_map SET sync_status = 'attention' WHERE entity = 'person' AND source_id = ?`, people[0]!.p);
    await dbRows(world, `UPDATE id_map SET sync_status = 'failed' WHERE entity = 'person' AND source_id = ?`, people[1]!.p);
    await dbRows(world, `UPDATE id_map SET sync_status = 'pending' WHERE entity = 'person' AND source_id = ?`, people[2]!.p);
    const want = await expected();
    const all = await list({});
    expect(all.total).toBe(want.size);
    let sum = 0;
    for (const status of statuses) {
      const page = await list({ status });
      expect(page.items.map((u) => u.id).sort()).toEqual([...want].filter(([, s]) => s === status).map(([id]) => id).sort());
      expect(page.total).toBe(page.items.length);
      sum += page.total;
    }
    // Every unit is in exactly one tab: the tabs add up to All, failed included.
    expect(sum).toBe(want.size);
    expect([...want.values()].filter((s) => s === 'failed').length).toBeGreaterThan(0);
  });

  it('per building and with a search, the status counts still add up to the list', async () => {
    const corps = (await world.core.call('corporations.list', undefined)) as { id: string }[];
    for (const scope of [...corps.map((c) => ({ corporationId: c.id })), { query: '1' }, { corporationId: corps[0]!.id, query: 'Côté' }]) {
      const all = await list(scope);
      const parts = await Promise.all(statuses.map((status) => list({ ...scope, status })));
      expect(parts.reduce((n, p) => n + p.total, 0)).toBe(all.total);
      for (const [i, status] of statuses.entries()) expect(parts[i]!.items.every((u) => u.syncStatus === status)).toBe(true);
    }
  });

  it('units.counts gives the same counts in one call, for the portfolio and per building, and they add up to All', async () => {
    const want = await expected();
    const counts = (await world.core.call('units.counts', {})) as Record<string, number>;
    expect(counts).toEqual({
      all: want.size,
      ...Object.fromEntries(statuses.map((s) => [s, [...want.values()].filter((x) => x === s).length])),
    });
    expect(counts.failed).toBeGreaterThan(0);
    expect(counts.attention).toBeGreaterThan(0);
    const corps = (await world.core.call('corporations.list', undefined)) as { id: string }[];
    for (const c of corps) {
      const mine = (await world.core.call('units.counts', { corporationId: c.id })) as Record<string, number>;
      expect(statuses.reduce((n, s) => n + mine[s]!, 0)).toBe(mine.all);
      for (const s of statuses) expect(mine[s]).toBe((await list({ corporationId: c.id, status: s })).total);
    }
    // An unknown building is empty, not an error; a malformed one is refused at the boundary.
    expect(await world.core.call('units.counts', { corporationId: 'no-such-building' })).toEqual({ all: 0, in_sync: 0, pending: 0, attention: 0, failed: 0 });
    await expect(world.core.call('units.counts', { corporationId: 42 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
