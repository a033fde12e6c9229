import { app, Notification, shell } from 'electron';
import electronUpdater from 'electron-updater';
import type { DesktopHooks } from '../core/api/desktop';
import type { Logger } from '../core/log';
import type { SettingsStore } from '../core/settings';
import { tomorrowMorning } from '@shared/pause-time';
import type { Job } from '@shared/types';
import { desktopText } from './desktop-text';
import { setLinuxAutostart } from './linux-autostart';
import { SyncNotifier } from './sync-notifier';
import { AppTray } from './tray';
import { lastSyncLine, trayState, type TrayAction } from './tray-status';
import { UpdateAgent, type Updater } from './update-agent';
import type { DesktopEngine } from './office/desktop-engine';
import type { OfficeConnection } from '@shared/types';

/**
 * What only the desktop app can do, for the core (Settings → Desktop):
 * login item, folders, updates. Built before the core starts.
 */
export function desktopHooks(log: Logger, onUpdate: () => void): { hooks: DesktopHooks; updates: UpdateAgent } {
  const updates = new UpdateAgent(electronUpdater.autoUpdater as unknown as Updater, { log, changed: () => onUpdate() });
  const hooks: DesktopHooks = {
    applyLaunchAtLogin: (on) => {
      // Started at login, the app stays in the tray (--hidden) instead of opening its window.
      if (process.platform === 'win32' || process.platform === 'darwin') app.setLoginItemSettings({ openAtLogin: on, args: ['--hidden'] });
      else if (app.isPackaged) setLinuxAutostart(on, process.env.APPIMAGE ?? process.execPath);
    },
    openFolder: async (path) => {
      const error = await shell.openPath(path);
      if (error) throw new Error(error);
    },
    configureUpdates: (cfg) => updates.configure(cfg),
    updateStatus: () => updates.current,
    restartToUpdate: () => updates.restart(),
  };
  return { hooks, updates };
}

const isResident = (j: Job) => (j.kind === 'residents' || j.kind === 'reconcile') && !j.dryRun;

/**
 * The tray as status light and the desktop notifications, fed by the engine's
 * events: this computer's core, or the office server's (then the tray also
 * says when the server can't be reached). `open(jobId?)` shows the console (at that sync).
 */
export function startDesktop(o: { engine: DesktopEngine; log: Logger; resources: string; settings: SettingsStore; open(jobId?: string): void; quit(): void; windowVisible(): boolean }) {
  const { engine, log } = o;
  const locale = app.getLocale();
  const text = desktopText(locale);
  const notifier = new SyncNotifier(() => text);
  const call = (method: string, input: unknown) => engine.call(method, input).catch((err) => log.warn('tray action failed', { method, error: String(err) }));
  const timeZone = () => engine.timeZone();
  const actions: Record<TrayAction, () => void> = {
    open: () => o.open(),
    syncNow: () => void call('sync.start', { kind: 'residents', trigger: 'tray' }),
    'pause-hour': () => void call('sync.pause', { forMs: 3_600_000 }),
    'pause-tomorrow': () => void call('sync.pause', { until: tomorrowMorning(new Date(), timeZone()).toISOString() }),
    'pause-indefinite': () => void call('sync.pause', {}),
    resume: () => void call('sync.resume', {}),
    quit: () => o.quit(),
  };
  const tray = new AppTray(o.resources, actions);
  let running: Job | undefined;
  let lastFinished: Job | undefined;
  let override: string | undefined;
  // Units marked "Needs attention", counted as the header counts them.
  const countAttention = async () => {
    try {
      attention = ((await engine.call('units.list', { status: 'attention', limit: 1 })) as { total: number }).total;
    } catch {
      attention = lastFinished?.counts.conflict ?? 0;
    }
    refresh();
  };
  let attention = 0;
  const refresh = () =>
    tray.show(trayState({ ...(running ? { running } : {}), ...(lastFinished ? { lastFinished } : {}), attention, pause: engine.pauseState() }), {
      text,
      locale,
      timeZone: timeZone(),
      pause: engine.pauseState(),
      lastSync: lastSyncLine(lastFinished, new Date(), text, locale),
      ...((override ?? linkText()) ? { override: override ?? linkText() } : {}),
    });

  // What was true before this start, so a restart neither repeats nor misses news.
  const seed = () =>
    engine.call('jobs.list', { limit: 50 }).then((page) => {
    const jobs = (page as { items: Job[] }).items;
      notifier.seed(jobs.filter((j) => j.finishedAt));
      lastFinished = jobs.find((j) => isResident(j) && j.finishedAt);
      void countAttention();
    }, (err) => log.warn('the syncs could not be read for the tray', { error: String(err) }));
  void seed();
  // An office server that can't be reached is said in the tray, never shown as "in sync".
  const linkText = () => {
    const link = engine.office()?.link;
    return link === 'unreachable' ? text.tray.officeUnreachable : link === 'refused' ? text.tray.officeRefused : undefined;
  };
  let wasLinked = engine.office()?.link === 'connected';

  const notify = (title: string, body: string, jobId?: string) => {
    if (!Notification.isSupported()) return;
    const n = new Notification({ title, body });
    n.on('click', () => o.open(jobId));
    n.show();
  };

  const offs = [
    engine.events.subscribe((name, payload) => {
      if (name === 'pause.changed') return refresh();
      if (name === 'office.changed') {
        const linked = (payload as OfficeConnection).link === 'connected';
        // Back after a drop: what finished meanwhile is read again (seeded, so it is not announced late).
        if (linked && !wasLinked) void seed();
        wasLinked = linked;
        return refresh();
      }
      if (name !== 'job.updated') return;
      const job = payload as Job;
      const notice = notifier.observe(job, { windowHidden: !o.windowVisible() });
      if (notice) notify(notice.title, notice.body, notice.jobId);
      if (!isResident(job)) return;
      if (job.status === 'running') {
        if (running?.id !== job.id) engine.desktop.publish(); // "Restart to update" is withdrawn while it runs
        running = job;
      } else if (running?.id === job.id) running = undefined;
      if (job.finishedAt) {
        lastFinished = job;
        void countAttention();
        engine.desktop.publish(); // "Restart to update" may be offered now
      }
      refresh();
    }),
  ];
  // The tray's "Last sync: 2 minutes ago" ages.
  const ticker = setInterval(refresh, 60_000);
  refresh();

  return {
    notify,
    /** The window closed: the engine keeps running in the tray; say so the first time. */
    closedToTray(): void {
      if (o.settings.get('desktopCloseNoticeShown')) return;
      o.settings.set('desktopCloseNoticeShown', true);
      notify(text.notify.stillRunningTitle, text.notify.stillRunningBody);
    },
    /** Once, on a first start: suggest launching at login (Settings → Desktop answers it). */
    suggestLaunchAtLogin(): void {
      if (!engine.desktop.read().suggestLaunchAtLogin || o.settings.get('desktopLoginSuggested')) return;
      o.settings.set('desktopLoginSuggested', true);
      notify(text.notify.loginTitle, text.notify.loginBody);
    },
    quitting(): void {
      override = text.tray.quitting;
      refresh();
      notify(text.notify.quittingTitle, text.notify.quittingBody);
    },
    updateReady(version: string | undefined): void {
      notify(text.notify.updateTitle, text.notify.updateBody.replace('{{version}}', version ?? ''));
    },
    destroy(): void {
      clearInterval(ticker);
      offs.forEach((off) => off());
      tray.destroy();
    },
  };
}

export type Desktop = ReturnType<typeof startDesktop>;
