import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corporation } from '@shared/types';
import { allUsers, cmPeople, createWorld, type World } from '../helpers/world';

describe('groups per building (mapping)', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    await world.sync();
  });
  afterAll(() => world.close());

  const groupIds = async () => {
    const ws = ((await (await world.cc('/workspaces')).json()) as { id: string }[])[0]!.id;
    const groups = (await (await world.cc(`/workspaces/${ws}/groups`)).json()) as { id: string; name: string }[];
    return Object.fromEntries(groups.map((g) => [g.name, g.id]));
  };

  it('lists the buildings with their codes and Condo Control building', async () => {
    const corps = (await world.core.call('corporations.list', {})) as Corporation[];
    expect(corps).toEqual([expect.objectContaining({ id: world.corp, code: 'TSCC 2750', workspaceId: expect.any(String), units: expect.any(Number) })]);
    expect(corps[0]!.groups).toBeUndefined();
  });

  it("moves a building's owners to another group on the next sync, and back to the default when cleared", async () => {
    const g = await groupIds();
    const scott = (await cmPeople(world)).find((p) => p.firstName === 'Scott' && p.role === 'owner')!;
    const updated = (await world.core.call('corporations.setGroups', { id: world.corp, groups: { owners: 'Residents', tenants: 'Renters' } })) as Corporation;
    expect(updated.groups).toEqual({ owners: 'Residents', tenants: 'Renters' });
    await world.sync();
    let user = (await allUsers(world)).find((u) => u.externalId === scott.id)!;
    expect(user.groupIds).toContain(g.Residents);
    expect(user.groupIds).not.toContain(g.Owners);

    await world.core.call('corporations.setGroups', { id: world.corp, groups: null });
    await world.sync();
    user = (await allUsers(world)).find((u) => u.externalId === scott.id)!;
    expect(user.groupIds).toContain(g.Owners);
    expect(user.groupIds).not.toContain(g.Residents);
  });

  it('refuses an unknown building and an empty group name with typed errors', async () => {
    await expect(world.core.call('corporations.setGroups', { id: 'corp_nope', groups: null })).rejects.toMatchObject({ code: 'not_found' });
    await expect(world.core.call('corporations.setGroups', { id: world.corp, groups: { owners: ' ', tenants: 'Renters' } })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
