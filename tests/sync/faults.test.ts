// Issue 4, "A 429 storm, 5xx and timeouts ending in the correct state" and
// "Malformed records isolated": the sync under the sandboxes' faults ends
// succeeded (after retries) or partial (with failed outcomes), and either way
// the next clean sync converges with no duplicate and no missed change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDetail } from '@shared/types';
import { cmPeople, createWorld, type World } from '../helpers/world';
import {
  ccUserOf, ccUsers, clearFaults, convergence, flaggedPeople, outcomesFor, resetStats, setFaults, stats, store, total,
} from './helpers';

const FAST_POLICY = { rate: { condoManagerPerSec: 500, condoControlPerSec: 500, concurrency: 16 }, policy: { timeoutMs: 1_000, backoffBaseMs: 5, backoffCapMs: 50 } };

/** Every user carrying an externalId carries a distinct one; only the seed's two unlinked hand-made users lack one (Priya's is linked). */
async function expectNoDuplicates(world: World) {
  const users = await ccUsers(world);
  const ids = users.map((u) => u.externalId).filter(Boolean);
  expect(new Set(ids).size).toBe(ids.length);
  expect(users.filter((u) => !u.externalId).map((u) => u.id).sort()).toEqual(['user_2', 'user_3']);
}

async function expectConverged(world: World) {
  expect(await convergence(world, { flagged: (await flaggedPeople(world)) })).toEqual([]);
  await expectNoDuplicates(world);
}

/** Syncs under faults, then (if that did not already converge) once more with faults off. */
async function syncThenHeal(world: World): Promise<{ faulty: JobDetail; clean?: JobDetail }> {
  const faulty = await world.sync();
  expect(['succeeded', 'partial'], JSON.stringify(faulty.error)).toContain(faulty.status);
  if (faulty.status === 'partial') expect(faulty.counts.failed).toBeGreaterThan(0);
  if (faulty.status === 'succeeded') expect(faulty.counts.failed).toBe(0);
  await clearFaults(world);
  if (faulty.status === 'succeeded') return { faulty };
  const clean = await world.sync();
  expect(clean.status).toBe('succeeded');
  return { faulty, clean };
}

describe('a 429 storm', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ core: { systemsPolicy: FAST_POLICY } });
  });
  afterAll(() => world?.close());

  it('ends succeeded with everything synced, and the client backs off instead of multiplying retries', async () => {
    // The console's pacer allows 500/s; both sandboxes far fewer.
    await setFaults(world, 'cc', { rateLimitPerSec: 60 });
    await setFaults(world, 'cm', { rateLimitPerSec: 2 });
    const started = Date.now();
    const job = await world.sync();
    const took = Date.now() - started;
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.counts.failed).toBe(0);
    const cc = await stats(world, 'cc');
    const cm = await stats(world, 'cm');
    const limited = (cc.statuses['429'] ?? 0) + (cm.statuses['429'] ?? 0);
    const requests = total(cc) + total(cm);
    expect(limited, JSON.stringify({ cc: cc.statuses, cm: cm.statuses })).toBeGreaterThan(0);
    // One wave of refusals per pause, not one per request: well under a fifth of what was sent.
    expect(limited).toBeLessThan(requests * 0.2);
    // Under 60/s the ~170 Condo Control requests cannot take less than ~2 s; backing off must not make it drag.
    expect(took).toBeLessThan(15_000);
    await clearFaults(world);
    await expectConverged(world);
  });
});

describe('5xx, timeouts and cut-short bodies', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ core: { systemsPolicy: FAST_POLICY } });
  });
  afterAll(() => world?.close());

  const fresh = async () => {
    await world.sandbox('cm', '/reset', { size: 'small' });
    await world.sandbox('cc', '/reset', { size: 'small' });
    await world.restartCore({ dataDir: `${world.dir}/console-${Math.random().toString(36).slice(2)}` });
    await resetStats(world);
  };

  it('5xx on both systems (errorRate 0.2): retried, then converged with no duplicate', async () => {
    await fresh();
    await setFaults(world, 'cm', { errorRate: 0.2, seed: 11 });
    await setFaults(world, 'cc', { errorRate: 0.2, seed: 12 });
    const { faulty } = await syncThenHeal(world);
    const served = (await stats(world, 'cc')).statuses;
    expect((served['500'] ?? 0) + (served['503'] ?? 0)).toBeGreaterThan(0);
    expect(faulty.counts.created + faulty.counts.conflict).toBeGreaterThan(0);
    await expectConverged(world);
  });

  it('so harsh that retries run out (errorRate 0.7 on Condo Control): partial with failed outcomes, healed by the next sync', async () => {
    await fresh();
    await setFaults(world, 'cc', { errorRate: 0.7, seed: 5 });
    const first = await world.sync();
    // A read of Condo Control's users that fails five times fails the building; per-record writes fail per record.
    expect(['partial', 'failed'], JSON.stringify(first.error)).toContain(first.status);
    await clearFaults(world);
    const healed = await world.sync();
    expect(healed.status, JSON.stringify(healed.error)).toBe('succeeded');
    await expectConverged(world);
    // Healing wrote what was missing and nothing twice.
    const again = await world.sync();
    expect(again.outcomes.items.filter((o) => ['created', 'updated'].includes(o.outcome))).toEqual([]);
  });

  it('timeouts (timeoutRate 0.05, 1 s per attempt): retried with the same Idempotency-Key, no duplicate user', async () => {
    await fresh();
    await setFaults(world, 'cc', { timeoutRate: 0.05, seed: 3 });
    await setFaults(world, 'cm', { timeoutRate: 0.05, seed: 4 });
    await syncThenHeal(world);
    expect((await stats(world, 'cc')).faults.timeout ?? 0).toBeGreaterThan(0);
    await expectConverged(world);
  });

  it('cut-short JSON bodies (malformedRate 0.3 on both): idempotent calls asked again; a create answered with a cut body is not repeated as a second user', async () => {
    await fresh();
    await setFaults(world, 'cm', { malformedRate: 0.3, seed: 21 });
    await setFaults(world, 'cc', { malformedRate: 0.3, seed: 22 });
    const { faulty } = await syncThenHeal(world);
    expect((await stats(world, 'cc')).faults.malformed ?? 0).toBeGreaterThan(0);
    expect(faulty.counts.created + faulty.counts.conflict).toBeGreaterThan(0);
    await expectConverged(world);
  });
});

describe('a malformed Condo Manager record', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ core: { systemsPolicy: FAST_POLICY } });
    expect((await world.sync()).status).toBe('succeeded');
  });
  afterAll(() => world?.close());

  /** Makes a person's stored record unreadable (a language Condo Sync does not know), as a bug upstream would. */
  const corrupt = (id: string) => {
    const db = store(world, 'cm');
    const row = db.prepare('SELECT json FROM people WHERE id = ?').get(id) as { json: string };
    const json = JSON.parse(row.json);
    json.language = 'de';
    db.prepare('UPDATE people SET json = ? WHERE id = ?').run(JSON.stringify(json), id);
    db.close();
  };

  it('is a per-record failure naming the field and the record; the others sync; the job is partial', async () => {
    const people = (await cmPeople(world)).filter((p) => p.status === 'Active' && p.role === 'owner');
    const [bad, before, after] = [people[3]!, people[4]!, people[5]!];
    // Edits in this order give the bad record a place in the middle of the change set.
    await world.desk.updatePerson(world.corp, 'owner', before.id, { firstName: 'Before' });
    await world.desk.updatePerson(world.corp, 'owner', bad.id, { lastName: 'Broken' });
    corrupt(bad.id);
    await world.desk.updatePerson(world.corp, 'owner', after.id, { firstName: 'After' });

    const job = await world.sync();
    expect(job.status).toBe('partial');
    expect(job.counts.failed).toBe(1);
    const [failure] = outcomesFor(job, bad.id);
    expect(failure).toMatchObject({ outcome: 'failed' });
    expect(failure!.message).toMatch(/language/);
    expect((await ccUserOf(world, before.id))!.firstName).toBe('Before');
    expect((await ccUserOf(world, after.id))!.firstName).toBe('After');
    expect((await ccUserOf(world, bad.id))!.lastName).not.toBe('Broken');

    // Still broken: read again and reported again, never skipped for good.
    const still = await world.sync();
    expect(still.status).toBe('partial');
    expect(outcomesFor(still, bad.id).map((o) => o.outcome)).toEqual(['failed']);

    // Fixed at the desk (a real edit moves it past the watermark): the next sync brings it, and misses nothing.
    await world.desk.updatePerson(world.corp, 'owner', bad.id, { language: 'fr' });
    const fixed = await world.sync();
    expect(fixed.status, JSON.stringify(fixed.outcomes.items.filter((o) => o.outcome === 'failed'))).toBe('succeeded');
    expect(await ccUserOf(world, bad.id)).toMatchObject({ lastName: 'Broken', language: 'fr' });
    await expectConverged(world);
  });

  it('fixed by hand upstream without a new updatedAt (same stamp): still picked up, because the watermark never passed it', async () => {
    const people = (await cmPeople(world)).filter((p) => p.status === 'Active' && p.role === 'tenant');
    const bad = people[1]!;
    await world.desk.updatePerson(world.corp, 'tenant', bad.id, { firstName: 'Quietly' });
    const db = store(world, 'cm');
    const row = db.prepare('SELECT json FROM people WHERE id = ?').get(bad.id) as { json: string };
    const good = row.json;
    const json = JSON.parse(good);
    json.phones = [{ type: 'fax', number: '1' }];
    db.prepare('UPDATE people SET json = ? WHERE id = ?').run(JSON.stringify(json), bad.id);
    const job = await world.sync();
    expect(job.status).toBe('partial');
    expect(outcomesFor(job, bad.id)[0]!.message).toMatch(/phones/);
    // Restore the record exactly as it was, stamp included.
    db.prepare('UPDATE people SET json = ? WHERE id = ?').run(good, bad.id);
    db.close();
    const healed = await world.sync();
    expect(healed.status).toBe('succeeded');
    expect((await ccUserOf(world, bad.id))!.firstName).toBe('Quietly');
    await expectConverged(world);
  });
});

describe('a malformed Condo Control user', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ core: { systemsPolicy: FAST_POLICY } });
    expect((await world.sync()).status).toBe('succeeded');
  });
  afterAll(() => world?.close());

  it('is never taken for a missing one: a person whose user could not be read is not created a second time', async () => {
    const p = (await cmPeople(world)).find((x) => x.status === 'Active' && x.role === 'owner' && x.lastName !== 'Sharma')!;
    const user = (await ccUserOf(world, p.id))!;
    // Condo Control sends that user with a value Condo Sync cannot read (a per-record error in the user list).
    const db = store(world, 'cc');
    db.prepare("UPDATE users SET language = 'de' WHERE id = ?").run(user.id);
    db.close();
    // A desk edit makes the person due for a write.
    await world.desk.updatePerson(world.corp, 'owner', p.id, { firstName: `${p.firstName}-x` });
    const job = await world.sync();
    expect(['partial', 'failed']).toContain(job.status);
    const twins = (await ccUsers(world)).filter((u) => u.externalId === p.id);
    expect(twins.map((u) => u.id), 'users carrying this externalId').toEqual([user.id]);
    // Once Condo Control sends it readably again, the edit lands on the one user.
    const fix = store(world, 'cc');
    fix.prepare("UPDATE users SET language = 'en' WHERE id = ?").run(user.id);
    fix.close();
    expect((await world.sync()).status).toBe('succeeded');
    expect((await ccUsers(world)).filter((u) => u.externalId === p.id).map((u) => [u.id, u.firstName])).toEqual([[user.id, `${p.firstName}-x`]]);
  });
});

describe('a whole read that fails', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ core: { systemsPolicy: FAST_POLICY } });
  });
  afterAll(() => world?.close());

  it('Condo Manager down: the job fails with a message, writes nothing, and the next sync does everything', async () => {
    await setFaults(world, 'cm', { errorRate: 1 });
    await resetStats(world);
    const job = await world.sync();
    expect(job.status).toBe('failed');
    expect(job.error?.message).toMatch(/Condo Manager/);
    expect(total(await stats(world, 'cc'), (r) => !r.startsWith('GET') && !r.includes('/auth/'))).toBe(0);
    await clearFaults(world);
    expect((await world.sync()).status).toBe('succeeded');
    await expectConverged(world);
  });
});
