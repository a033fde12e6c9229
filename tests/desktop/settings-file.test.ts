// The desktop on SQLite keeps every setting in its own settings file, as
// before engines could share PostgreSQL: groups, schedule, pause and
// retention are written there, read from there after a restart, and the
// database's shared_settings table (PostgreSQL's) stays empty.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PauseState, Schedule, Settings } from '@shared/types';
import { hostSettingsStore } from '../../electron/host/server';
import { createWorld, type World } from '../helpers/world';
import { tempDir } from '../helpers/temp-dir';

describe('desktop on SQLite: settings in the settings file', () => {
  let world: World;
  const settingsDir = tempDir();
  const file = () => JSON.parse(readFileSync(join(settingsDir.path, 'settings.json'), 'utf8')) as Record<string, unknown>;
  beforeAll(async () => {
    world = await createWorld({ core: { settings: hostSettingsStore(settingsDir.path) } });
    expect(world.core.database.dialect).toBe('sqlite');
  });
  afterAll(async () => {
    await world.close();
    settingsDir.cleanup();
  });

  it('saves groups, schedule, retention and pause in the file at once, and nothing in the database; every console hears which', async () => {
    const heard: unknown[] = [];
    const off = world.core.events.subscribe((name, payload) => name === 'settings.changed' && heard.push(payload));
    await world.core.call('settings.set', { groups: { owners: 'Owners', tenants: 'Residents' }, retention: { historyDays: 60, recordEventsDays: 20 } });
    await world.core.call('schedule.set', { time: '03:45', timeZone: 'America/Montreal', reconcileDay: 'saturday' });
    const paused = (await world.core.call('sync.pause', {})) as PauseState;
    off();
    expect(heard).toEqual([{ keys: ['groups', 'retention'] }, { keys: ['schedule'] }]);
    expect(file()).toMatchObject({
      groups: { owners: 'Owners', tenants: 'Residents' },
      retention: { historyDays: 60, recordEventsDays: 20 },
      schedule: { time: '03:45', timeZone: 'America/Montreal', reconcileDay: 'saturday' },
      pause: { since: paused.since },
    });
    const db = new Database(join(world.dir, 'console', 'condo-sync.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM shared_settings').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('reads them back from the file after a restart, and a hand edit of the file is what it reads', async () => {
    const store = hostSettingsStore(settingsDir.path);
    store.set('groups', { owners: 'Board Members', tenants: 'Renters' });
    await world.restartCore({ settings: hostSettingsStore(settingsDir.path) });
    expect(((await world.core.call('settings.get', {})) as Settings).groups).toEqual({ owners: 'Board Members', tenants: 'Renters' });
    expect(((await world.core.call('schedule.get', {})) as Schedule).time).toBe('03:45');
    expect(world.core.pause.state()).toMatchObject({ paused: true });
    await world.core.call('sync.resume', {});
    expect(file().pause).toBeNull();
  });
});
