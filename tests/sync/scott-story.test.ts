import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allUsers, cmPeople, createWorld, type World } from '../helpers/world';

const WRITES = new Set(['created', 'updated', 'deactivated', 'failed']);

describe("the training video's story: Scott's email", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => world.close());

  it('the first sync brings every current owner and tenant into Condo Control', async () => {
    const job = await world.sync();
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.counts.failed).toBe(0);
    const people = await cmPeople(world);
    const users = await allUsers(world);
    const byExternal = new Map(users.map((u) => [u.externalId, u]));
    for (const p of people.filter((x) => x.status === 'Active')) {
      const user = byExternal.get(p.id);
      expect(user, `${p.role} ${p.id}`).toBeDefined();
      expect(user).toMatchObject({ lastName: p.lastName, firstName: p.firstName, active: true });
    }
    expect(job.counts.created).toBeGreaterThan(30);
  });

  it("one sync after Scott's email changes updates only Scott, in at most 15 requests", async () => {
    const scott = (await cmPeople(world)).find((p) => p.firstName === 'Scott' && p.role === 'owner' && p.email)!;
    expect(scott).toBeDefined();
    await world.desk.updatePerson(world.corp, 'owner', scott.id, { email: 'scott.new@example.ca' });
    await world.sandbox('cm', '/stats/reset', {});
    await world.sandbox('cc', '/stats/reset', {});

    const job = await world.sync();
    expect(job.status).toBe('succeeded');
    const written = job.outcomes.items.filter((o) => WRITES.has(o.outcome));
    expect(written).toEqual([
      expect.objectContaining({ entityId: scott.id, outcome: 'updated', changes: [expect.objectContaining({ field: 'email', condoManager: 'scott.new@example.ca' })] }),
    ]);

    const count = (s: { requests: Record<string, number> }) => Object.entries(s.requests).filter(([k]) => !k.includes('/changes')).reduce((n, [, v]) => n + v, 0);
    const requests = count((await world.sandbox('cm', '/stats')) as never) + count((await world.sandbox('cc', '/stats')) as never);
    expect(requests).toBeLessThanOrEqual(15);

    const users = await allUsers(world);
    expect(users.find((u) => u.externalId === scott.id)?.email).toBe('scott.new@example.ca');
    const resident = (await world.core.call('residents.get', { id: scott.id })) as { email: string; pendingDifferences: unknown[]; history: { outcome: string }[] };
    expect(resident.email).toBe('scott.new@example.ca');
    expect(resident.pendingDifferences).toEqual([]);
    expect(resident.history[0]?.outcome).toBe('updated');
  });

  it('a sync with nothing changed writes nothing', async () => {
    const job = await world.sync();
    expect(job.outcomes.items.filter((o) => WRITES.has(o.outcome))).toEqual([]);
  });
});
