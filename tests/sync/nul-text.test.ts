// Text holding U+0000 (NUL) or half an emoji, on both backends (this folder
// runs in both projects). PostgreSQL's text cannot hold it (error 22021) while SQLite
// stores it: before the engine refused it where text comes in, one owner whose
// name carried a NUL failed the whole page staged with them on PostgreSQL (the
// building not synced) and passed on SQLite; a search with one pasted in was
// an internal error on PostgreSQL and an empty list on SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { createWorld, cmPeople, type World } from '../helpers/world';
import { testBackend } from '../helpers/test-db';
import { ccUserOf, outcomesFor, store } from './helpers';

describe(`text holding U+0000 on ${testBackend}`, () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    expect((await world.sync()).status).toBe('succeeded');
  }, 60_000);
  afterAll(() => world?.close());

  it("a Condo Manager owner whose name holds a NUL is that record's failure, named by field; the others sync; the job is partial", async () => {
    const people = (await cmPeople(world)).filter((p) => p.status === 'Active' && p.role === 'owner');
    const [bad, before, after] = [people[2]!, people[3]!, people[4]!];
    await world.desk.updatePerson(world.corp, 'owner', before.id, { firstName: 'Élodie', lastName: 'D’Amours' });
    await world.desk.updatePerson(world.corp, 'owner', bad.id, { lastName: 'Côté' });
    // Condo Manager then sends that record with a NUL in its first name (a bad import upstream); same updatedAt.
    const db = store(world, 'cm');
    const row = db.prepare('SELECT json FROM people WHERE id = ?').get(bad.id) as { json: string };
    const json = JSON.parse(row.json);
    json.firstName = 'Jo\u0000anne';
    db.prepare('UPDATE people SET json = ? WHERE id = ?').run(JSON.stringify(json), bad.id);
    db.close();
    await world.desk.updatePerson(world.corp, 'owner', after.id, { firstName: 'Zoë' });

    const job = await world.sync();
    expect(job.status, JSON.stringify(job.error)).toBe('partial');
    expect(job.counts.failed).toBe(1);
    const [failure] = outcomesFor(job, bad.id);
    expect(failure).toMatchObject({ outcome: 'failed' });
    expect(failure!.message).toMatch(/^Condo Manager sent an unreadable owner record \(firstName: /);
    expect((failure!.message ?? '').match(/firstName/g), 'the field named once').toHaveLength(1);
    expect(failure!.message).toContain('U+0000');
    expect(failure!.message, 'no personal data in the note').not.toMatch(/Jo|anne/);
    expect(await ccUserOf(world, before.id)).toMatchObject({ firstName: 'Élodie', lastName: 'D’Amours' });
    expect((await ccUserOf(world, after.id))!.firstName).toBe('Zoë');
    expect((await ccUserOf(world, bad.id))!.lastName, 'not written from a record that could not be read').not.toBe('Côté');

    // Corrected at the desk: the next sync brings it.
    await world.desk.updatePerson(world.corp, 'owner', bad.id, { firstName: 'Joanne' });
    const healed = await world.sync();
    expect(healed.status, JSON.stringify(healed.outcomes.items.filter((o) => o.outcome === 'failed'))).toBe('succeeded');
    expect(await ccUserOf(world, bad.id)).toMatchObject({ firstName: 'Joanne', lastName: 'Côté' });
  }, 60_000);

  it('half an emoji (a name cut upstream) is U+FFFD in the local copy and in Condo Control alike, and the weekly reconcile runs to the end', async () => {
    // Before, SQLite's driver stored it as three U+FFFD and PostgreSQL's as one: the local copy (the
    // Unit File, the exports) and what was written to Condo Control differed by backend.
    const p = (await cmPeople(world)).filter((x) => x.status === 'Active' && x.role === 'owner')[6]!;
    await world.desk.updatePerson(world.corp, 'owner', p.id, { lastName: 'Gagné' });
    const db = store(world, 'cm');
    const row = db.prepare('SELECT json FROM people WHERE id = ?').get(p.id) as { json: string };
    const json = JSON.parse(row.json);
    json.firstName = 'Zoë 😀'.slice(0, -1); // the emoji's first half only
    db.prepare('UPDATE people SET json = ? WHERE id = ?').run(JSON.stringify(json), p.id);
    db.close();

    const job = await world.sync();
    expect(job.status, JSON.stringify(job.outcomes.items.filter((o) => o.outcome === 'failed'))).toBe('succeeded');
    expect(outcomesFor(job, p.id).map((o) => o.outcome)).toEqual(['updated']);
    expect(((await world.core.call('residents.get', { id: p.id })) as { firstName: string }).firstName).toBe('Zoë \uFFFD');
    expect(await ccUserOf(world, p.id)).toMatchObject({ firstName: 'Zoë \uFFFD', lastName: 'Gagné' });
    const reconcile = await world.sync({ kind: 'reconcile' });
    expect(reconcile.status, JSON.stringify(reconcile.error)).toBe('succeeded');
    expect(outcomesFor(reconcile, p.id).map((o) => o.outcome), 'nothing left to write').toEqual(['unchanged']);

    // Then gone from Condo Manager: the next reconcile deactivates them like anyone else.
    const cm = store(world, 'cm');
    cm.prepare('DELETE FROM people WHERE id = ?').run(p.id);
    cm.close();
    const gone = await world.sync({ kind: 'reconcile' });
    expect(gone.status, JSON.stringify(gone.error)).toBe('succeeded');
    expect(outcomesFor(gone, p.id).map((o) => o.outcome)).toEqual(['deactivated']);
    expect((await ccUserOf(world, p.id))!.active).toBe(false);
  }, 60_000);

  it('a search or a key name holding a NUL is invalid_input naming the field, and nothing is written', async () => {
    const search = world.core.call('units.list', { query: 'Tremb\u0000lay' });
    await expect(search).rejects.toBeInstanceOf(AppError);
    await expect(search).rejects.toMatchObject({ code: 'invalid_input', details: { fields: [{ field: 'query' }] } });
    const keysBefore = await world.core.call('keys.list', {});
    await expect(world.core.call('keys.create', { name: 'Marie\u0000 (front desk)', role: 'support' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fields: [{ field: 'name' }] },
    });
    expect(await world.core.call('keys.list', {})).toEqual(keysBefore);
    // The same search without it answers as usual.
    await expect(world.core.call('units.list', { query: 'Tremblay' })).resolves.toMatchObject({ total: expect.any(Number) });
  });
});
