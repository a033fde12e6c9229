// Pause and resume through the contract, against the real sandboxes and a
// real SQLite file: what waits, what still runs, and that it survives a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo, Job, PauseState } from '@shared/types';
import { createWorld, type World } from '../helpers/world';
import { tempDir } from '../helpers/temp-dir';
import { hostSettingsStore } from '../../electron/host/server';
import { ccTransactions, invoiceBody, REALTIME, status, syncedWorld, unitByNumber, waitFor } from '../commerce/helpers';

describe('sync.pause / sync.resume', () => {
  let world: World;
  // settings.json on disk, as the host keeps it: the pause must outlive the process.
  const settingsDir = tempDir();
  const settings = hostSettingsStore(settingsDir.path);
  beforeAll(async () => {
    world = await createWorld({ core: { realtime: REALTIME, settings } });
    await syncedWorld(world);
  });
  afterAll(async () => {
    await world.close();
    settingsDir.cleanup();
  });

  const call = <T>(method: string, input: unknown = {}) => world.core.call(method, input) as Promise<T>;
  const job = (id: string) => call<Job>('jobs.get', { id, limit: 1 });

  it('rejects bad input with a typed error and pauses nothing', async () => {
    await expect(call('sync.pause', { forMs: 10 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call('sync.pause', { until: 'tomorrow' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call('sync.pause', { until: '2020-01-01T08:00:00Z' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call('sync.pause', { until: new Date(Date.now() + 3_600_000).toISOString(), forMs: 3_600_000 })).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await call<AppInfo>('app.info')).pause).toEqual({ paused: false });
  });

  it('while paused an invoice waits, the nightly run waits, and both go when syncing resumes', async () => {
    const events: PauseState[] = [];
    const off = world.core.events.subscribe((name, payload) => name === 'pause.changed' && events.push(payload as PauseState));
    const scott = await unitByNumber(world, '804');
    const state = await call<PauseState>('sync.pause', { forMs: 2 * 3_600_000 });
    expect(state).toMatchObject({ paused: true, until: expect.any(String) });
    expect((await call<AppInfo>('app.info')).pause).toEqual(state);
    await waitFor('real-time sync to say it is paused', async () => (await status(world)).state === 'paused');
    expect((await status(world)).reason).toMatch(/paused/i);

    const invoice = await world.desk.createInvoice(world.corp, invoiceBody(scott.cmId, 4_321));
    const nightly = await world.core.runner.enqueue({ kind: 'residents', trigger: 'schedule', dryRun: false });
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await ccTransactions(world, scott.ccId)).some((t) => t.externalId === invoice.id)).toBe(false);
    expect((await job(nightly.id)).status).toBe('queued');

    expect(await call<PauseState>('sync.resume')).toEqual({ paused: false });
    await waitFor('the invoice in Condo Control', async () => (await ccTransactions(world, scott.ccId)).some((t) => t.externalId === invoice.id), 8_000);
    await waitFor('the nightly run to finish', async () => (await job(nightly.id)).status === 'succeeded', 8_000);
    expect(events.map((e) => e.paused)).toEqual([true, false]);
    off();
  });

  it('a person’s Start New Sync still runs while paused, even when it joins a waiting nightly run', async () => {
    await call('sync.pause', {});
    const nightly = await world.core.runner.enqueue({ kind: 'residents', trigger: 'schedule', dryRun: false });
    await new Promise((r) => setTimeout(r, 300));
    expect((await job(nightly.id)).status).toBe('queued');
    const manual = await call<Job>('sync.start', { kind: 'residents', trigger: 'manual' });
    expect(manual.id).toBe(nightly.id);
    await waitFor('the joined run to finish', async () => (await job(nightly.id)).status === 'succeeded', 8_000);
    const alone = await call<Job>('sync.start', { kind: 'residents' });
    await waitFor('a manual run to finish while paused', async () => (await job(alone.id)).status === 'succeeded', 8_000);
    expect((await call<AppInfo>('app.info')).pause).toMatchObject({ paused: true });
  });

  it('stays paused across a restart, and the held run still waits', async () => {
    await world.restartCore({ settings: hostSettingsStore(settingsDir.path) });
    expect((await call<AppInfo>('app.info')).pause).toMatchObject({ paused: true });
    const nightly = await world.core.runner.enqueue({ kind: 'residents', trigger: 'catch-up', dryRun: false });
    await new Promise((r) => setTimeout(r, 500));
    expect((await job(nightly.id)).status).toBe('queued');
    await call('sync.resume');
    await waitFor('the catch-up run to finish', async () => (await job(nightly.id)).status === 'succeeded', 8_000);
    await waitFor('real-time sync to be live again', async () => (await status(world)).state === 'live');
  });
});
