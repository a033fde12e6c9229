// The tray as a status light and its notifications, without Electron.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job, JobCounts } from '@shared/types';
import { desktopText } from '../../electron/main/desktop-text';
import { stopWithin } from '../../electron/main/quit-gate';
import { SyncNotifier } from '../../electron/main/sync-notifier';
import { lastSyncLine, TRAY_STATUSES, trayImage, trayLook, trayMenu, trayState } from '../../electron/main/tray-status';

const RESOURCES = join(import.meta.dirname, '..', '..', 'resources');
const en = desktopText('en-CA');
const fr = desktopText('fr-CA');
const counts = (c: Partial<JobCounts> = {}): JobCounts => ({ created: 0, updated: 0, unchanged: 0, deactivated: 0, conflict: 0, failed: 0, ...c });
let n = 0;
const job = (over: Partial<Job> = {}): Job => ({
  id: `job-${++n}`,
  kind: 'residents',
  trigger: 'schedule',
  triggers: ['schedule'],
  status: 'succeeded',
  phase: 'done',
  dryRun: false,
  progress: { done: 10, total: 10 },
  counts: counts(),
  createdAt: '2026-11-30T07:00:00.000Z',
  finishedAt: `2026-11-30T07:${String(n).padStart(2, '0')}:00.000Z`,
  ...over,
});
const notPaused = { paused: false };

describe('tray status', () => {
  it('has an image for every status, for light and dark taskbars and as macOS templates, each with @2x', () => {
    for (const status of TRAY_STATUSES) {
      for (const file of [trayImage(status, 'win32', false), trayImage(status, 'linux', true), trayImage(status, 'darwin', false)]) {
        expect(existsSync(join(RESOURCES, file)), file).toBe(true);
        expect(existsSync(join(RESOURCES, file.replace('.png', '@2x.png'))), file).toBe(true);
      }
    }
    expect(trayImage('failed', 'darwin', true)).toBe('tray/failedTemplate.png');
    expect(trayImage('failed', 'win32', true)).toBe('tray/failed-dark.png');
  });

  it('says syncing with the percentage, and never more than 100%', () => {
    const running = job({ status: 'running', finishedAt: undefined, progress: { done: 412, total: 1030 } } as Partial<Job>);
    const state = trayState({ running, attention: 0, pause: notPaused });
    expect(state).toEqual({ status: 'syncing', pct: 40 });
    expect(trayLook(state, { platform: 'win32', darkTaskbar: false, text: en, locale: 'en', pause: notPaused }).tooltip).toBe('Condo Sync: syncing 40%');
    expect(trayLook(state, { platform: 'win32', darkTaskbar: false, text: fr, locale: 'fr', pause: notPaused }).tooltip).toBe('Condo Sync : synchronisation 40 %');
    expect(trayState({ running: job({ status: 'running', progress: { done: 0, total: 0 } }), attention: 0, pause: notPaused })).toEqual({ status: 'syncing' });
  });

  it('ranks a pause over the last run, a failure over attention, and attention over idle', () => {
    const paused = { paused: true, since: '2026-11-30T13:00:00Z', until: '2026-12-01T13:00:00Z' };
    expect(trayState({ lastFinished: job({ status: 'failed' }), attention: 3, pause: paused }).status).toBe('paused');
    expect(trayState({ lastFinished: job({ status: 'failed' }), attention: 3, pause: notPaused }).status).toBe('failed');
    expect(trayState({ lastFinished: job(), attention: 3, pause: notPaused }).status).toBe('attention');
    expect(trayState({ lastFinished: job(), attention: 0, pause: notPaused }).status).toBe('idle');
    const look = trayLook({ status: 'paused' }, { platform: 'darwin', darkTaskbar: false, text: en, locale: 'en-CA', timeZone: 'America/Toronto', pause: paused });
    expect(look).toEqual({ image: 'tray/pausedTemplate.png', tooltip: 'Condo Sync: paused until 8:00 a.m.' });
    expect(trayLook({ status: 'paused' }, { platform: 'linux', darkTaskbar: false, text: fr, locale: 'fr-CA', timeZone: 'America/Toronto', pause: paused }).tooltip).toBe('Condo Sync : en pause jusqu’à 8 h 00');
  });

  it('menu: Open console, Sync now, Pause syncing ▸ (1 hour, until tomorrow, until I resume) or Resume, last sync, Quit', () => {
    const menu = trayMenu({ text: en, pause: notPaused, lastSync: lastSyncLine(job({ finishedAt: '2026-11-30T12:58:00Z' }), new Date('2026-11-30T13:00:00Z'), en, 'en') });
    expect(menu.map((m) => m.label ?? '—')).toEqual(['Open console', 'Sync now', 'Pause syncing', '—', 'Last sync: 2 minutes ago, succeeded', '—', 'Quit']);
    expect(menu[2]!.submenu!.map((m) => m.action)).toEqual(['pause-hour', 'pause-tomorrow', 'pause-indefinite']);
    expect(menu[4]!.enabled).toBe(false);
    const paused = trayMenu({ text: fr, pause: { paused: true }, lastSync: lastSyncLine(undefined, new Date(), fr, 'fr') });
    expect(paused[2]).toEqual({ label: 'Reprendre la synchronisation', action: 'resume' });
    expect(paused[4]!.label).toBe('Aucune synchronisation pour l’instant');
  });
});

describe('desktop notifications', () => {
  const notifier = () => new SyncNotifier(() => en);

  it('one when a sync fails, none for the next failures, one when it recovers, none for quiet runs after', () => {
    const s = notifier();
    expect(s.observe(job())).toBeUndefined();
    const failed = job({ status: 'failed', error: { code: 'unavailable', message: 'Condo Control did not answer.' } });
    expect(s.observe(failed)).toEqual({ title: 'Sync failed', body: expect.stringMatching(/^Condo Control did not answer\. Nothing was lost/), jobId: failed.id });
    expect(s.observe(job({ status: 'failed' }))).toBeUndefined();
    const ok = job({ counts: counts({ updated: 3 }) });
    expect(s.observe(ok)).toMatchObject({ title: 'Sync is working again', jobId: ok.id });
    expect(s.observe(job({ counts: counts({ updated: 5 }) }))).toBeUndefined();
    expect(s.observe(job())).toBeUndefined();
  });

  it('one when a sync newly needs attention, not every night the same people still do', () => {
    const s = notifier();
    const first = job({ counts: counts({ updated: 2, conflict: 1 }) });
    expect(s.observe(first)).toMatchObject({ title: 'Sync needs attention', body: expect.stringMatching(/^1 resident needs attention/), jobId: first.id });
    expect(s.observe(job({ counts: counts({ conflict: 1 }) }))).toBeUndefined();
    expect(s.observe(job({ status: 'partial', counts: counts({ conflict: 1, failed: 2 }) }))).toBeUndefined();
    expect(s.observe(job())).toMatchObject({ title: 'Sync is working again' });
  });

  it('a sync a person started says it finished when the window is hidden; a nightly one does not', () => {
    const s = notifier();
    const mine = job({ trigger: 'manual', counts: counts({ updated: 3, unchanged: 40 }) });
    expect(s.observe(mine, { windowHidden: true })).toEqual({ title: 'Sync finished', body: '0 added, 3 updated, 0 deactivated in Condo Control.', jobId: mine.id });
    expect(s.observe(job({ trigger: 'tray' }), { windowHidden: true })).toMatchObject({ body: 'Condo Control already matched Condo Manager.' });
    expect(s.observe(job({ trigger: 'manual' }), { windowHidden: false })).toBeUndefined();
    expect(s.observe(job({ trigger: 'schedule', counts: counts({ updated: 9 }) }), { windowHidden: true })).toBeUndefined();
  });

  it('ignores running updates, previews, cancelled and interrupted runs', () => {
    const s = notifier();
    expect(s.observe(job({ status: 'running', finishedAt: undefined }))).toBeUndefined();
    expect(s.observe(job({ status: 'failed', dryRun: true }))).toBeUndefined();
    expect(s.observe(job({ status: 'cancelled' }))).toBeUndefined();
    expect(s.observe(job({ status: 'interrupted', finishedAt: undefined }))).toBeUndefined();
  });

  it('keeps invoices and payments apart from residents, and says which', () => {
    const s = notifier();
    expect(s.observe(job({ status: 'failed' }))).toMatchObject({ title: 'Sync failed' });
    expect(s.observe(job({ kind: 'commerce', trigger: 'realtime' }))).toBeUndefined(); // commerce was fine all along
    expect(s.observe(job({ kind: 'commerce', trigger: 'realtime', status: 'failed' }))).toMatchObject({ title: 'Invoices and payments: Sync failed' });
    // Thirty quiet real-time runs: nothing.
    const quiet = Array.from({ length: 30 }, () => s.observe(job({ kind: 'commerce', trigger: 'realtime', status: 'failed' })));
    expect(quiet.filter(Boolean)).toEqual([]);
  });

  it('after a restart, remembers the last state instead of repeating old news', () => {
    const s = notifier();
    s.seed([job({ status: 'failed' })]);
    expect(s.observe(job({ status: 'failed' }))).toBeUndefined();
    expect(s.observe(job())).toMatchObject({ title: 'Sync is working again' });
  });

  it('asks once for a full reconcile waiting for confirmation, in French too', () => {
    const s = new SyncNotifier(() => fr);
    const waiting = job({ kind: 'reconcile', status: 'awaiting_confirmation', finishedAt: undefined });
    expect(s.observe(waiting)).toMatchObject({ title: 'La réconciliation complète attend votre confirmation', jobId: waiting.id });
    expect(s.observe(waiting)).toBeUndefined();
  });
});

describe('quitting waits for a safe checkpoint, a few seconds at most', () => {
  afterEach(() => vi.useRealTimers());

  it('says it is waiting when stopping takes more than a moment, and quits once stopped', async () => {
    vi.useFakeTimers();
    const onWaiting = vi.fn();
    let finish!: () => void;
    const done = stopWithin(() => new Promise<void>((r) => (finish = r)), { limitMs: 8_000, waitingAfterMs: 300, onWaiting });
    await vi.advanceTimersByTimeAsync(299);
    expect(onWaiting).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onWaiting).toHaveBeenCalledTimes(1);
    finish();
    await expect(done).resolves.toBe('stopped');
  });

  it('a quick stop says nothing; a stuck one gives up at the limit', async () => {
    vi.useFakeTimers();
    const onWaiting = vi.fn();
    await expect(stopWithin(async () => undefined, { limitMs: 8_000, waitingAfterMs: 300, onWaiting })).resolves.toBe('stopped');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(onWaiting).not.toHaveBeenCalled();
    const stuck = stopWithin(() => new Promise<void>(() => undefined), { limitMs: 8_000, waitingAfterMs: 300, onWaiting });
    await vi.advanceTimersByTimeAsync(8_000);
    await expect(stuck).resolves.toBe('timed-out');
  });
});

describe('launch at login on Linux (XDG autostart)', () => {
  it('writes an entry that starts Condo Sync in the tray, quoting a path with spaces, and removes it', async () => {
    const { mkdtempSync, readFileSync, existsSync: exists, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { autostartFile, setLinuxAutostart } = await import('../../electron/main/linux-autostart');
    const home = mkdtempSync(join(tmpdir(), 'autostart-'));
    try {
      const env = { HOME: home };
      setLinuxAutostart(true, '/home/gérante/Applications/Condo Sync.AppImage', env);
      const file = autostartFile(env);
      expect(file).toBe(join(home, '.config', 'autostart', 'condo-sync.desktop'));
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('Exec="/home/gérante/Applications/Condo Sync.AppImage" --hidden\n');
      expect(text).toMatch(/^\[Desktop Entry\]\nType=Application\nName=Condo Sync\n/);
      expect(autostartFile({ HOME: home, XDG_CONFIG_HOME: join(home, 'cfg') })).toBe(join(home, 'cfg', 'autostart', 'condo-sync.desktop'));
      setLinuxAutostart(false, '', env);
      expect(exists(file)).toBe(false);
      setLinuxAutostart(false, '', env); // turning off twice is harmless
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
