import { app, BrowserWindow, net, Notification, powerMonitor, session } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Store from 'electron-store';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bootCore, type Booted } from '../runtime/boot';
import { acquireLock, DataDirLockedError, readLock } from '../runtime/lock';
import { createHttpHandler } from '../runtime/http-adapter';
import { createLogger } from '../core/log';
import type { SettingsStore } from '../core/settings';
import { PRIVATE_FILE_MODE } from '../core/private-files';
import { forwardEvents, registerIpc } from './ipc';
import { SafeSecretStore } from './secrets';
import { desktopHooks, startDesktop, type Desktop } from './desktop';
import { stopWithin } from './quit-gate';
import { lockDownSession, lockDownWebContents } from './security';
import { appSource, isTrustedSender } from './trust';
import { createMainWindow } from './window';
import type { Handlers } from '@shared/contract';
import type { AppInfo } from '@shared/types';
import { DesktopSettingsService } from '../core/api/desktop';
import { APP_VERSION } from '../core/version';
import { decideBoot } from './office/boot-decision';
import { desktopCall } from './office/desktop-call';
import { localDesktopEngine, remoteDesktopEngine, type DesktopEngine } from './office/desktop-engine';
import type { FetchLike } from './office/office-client';
import { OfficeService, type OfficeServiceOptions } from './office/office-service';
import { RemoteEngine } from './office/remote-engine';
import { SafeOfficeKeyStore } from './secrets';

/** Electron's fetch: Chromium's network stack, which trusts the OS's certificate store (an office CA included). */
const officeFetch: FetchLike = (url, init) => net.fetch(url, init);

// out/main/index.js → out/
const OUT_DIR = join(import.meta.dirname, '..');
const RESOURCES = app.isPackaged ? process.resourcesPath : join(import.meta.dirname, '..', '..', 'resources');

/**
 * better-sqlite3 built for Electron's ABI: `npm start` passes its .native/
 * build; a packaged app carries it in resources/native (electron-builder.yml).
 */
function sqliteBinding(): string | undefined {
  if (process.env.CONDO_SYNC_SQLITE_BINDING) return process.env.CONDO_SYNC_SQLITE_BINDING;
  if (!app.isPackaged) return undefined;
  const dir = join(process.resourcesPath, 'native', `electron-${process.versions.electron}-${process.platform}-${process.arch}`);
  const file = join(dir, 'better_sqlite3.node');
  // The package carries no other build (electron-builder.yml), so say what is missing rather than crash on a wrong one.
  if (!existsSync(file)) throw new Error('This installation is incomplete: its database component is missing. Reinstall Condo Sync.');
  return file;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | undefined;
  let booted: Booted | undefined;
  let engine: DesktopEngine | undefined;
  let remoteEngine: RemoteEngine | undefined;
  let desktop: Desktop | undefined;
  let quitting = false;

  const open = (jobId?: string) => {
    if (!engine) return;
    if (!win || win.isDestroyed()) {
      win = createMainWindow(settings(), OUT_DIR);
      win.on('close', (e) => {
        // Closing the window keeps the engine running in the tray for the nightly sync.
        if (!quitting) {
          e.preventDefault();
          win?.hide();
          desktop?.closedToTray();
        }
      });
    }
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    // A notification's click opens its sync (the console's hash route).
    if (jobId) void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#/queue/${encodeURIComponent(jobId)}`)}`).catch(() => undefined);
  };

  let store: Store | undefined;
  const settings = (): SettingsStore => (store ??= new Store({ cwd: dataDir(), name: 'settings', configFileMode: PRIVATE_FILE_MODE })) as unknown as SettingsStore;
  const dataDir = () => process.env.CONDO_SYNC_DATA_DIR ?? app.getPath('userData');

  app.on('second-instance', () => open());
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    // Stay in the tray.
  });

  lockDownWebContents();
  void app.whenReady().then(async () => {
    lockDownSession(session.defaultSession);
    const log = createLogger({ dir: join(dataDir(), 'logs') });
    const holder = readLock(dataDir());
    if (holder) {
      new Notification({ title: 'Condo Sync is already running', body: new DataDirLockedError(holder, dataDir()).message }).show();
      app.quit();
      return;
    }
    const { hooks, updates } = desktopHooks(log, () => {
      engine?.desktop.publish();
      if (updates.current.state === 'ready') desktop?.updateReady(updates.current.version);
    });
    // Local engine (the default) or the office server's (Settings → Connect to an office server).
    const keys = new SafeOfficeKeyStore(dataDir(), log);
    const decision = decideBoot({ settings: settings(), keys, log });
    let current: OfficeServiceOptions['current'];
    let own: Partial<Handlers> = {};
    if (decision.mode === 'local') {
      try {
        booted = await bootCore({
          desktop: hooks,
          dataDir: dataDir(),
          adapter: 'electron',
          settings: settings(),
          secrets: new SafeSecretStore(dataDir(), log),
          logger: log,
          ...(sqliteBinding() ? { nativeBinding: sqliteBinding() } : {}),
        });
      } catch (err) {
        log.error('start failed', { error: String(err) });
        new Notification({ title: 'Condo Sync could not start', body: (err as Error).message }).show();
        app.quit();
        return;
      }
      engine = localDesktopEngine(booted.core);
      current = { mode: 'local', engine: booted.core };
    } else {
      // No local core, scheduler or sandboxes: the office server's engine does the work.
      const remote = new RemoteEngine({ origin: decision.origin, key: decision.key, fetch: officeFetch, log });
      const logs = join(dataDir(), 'logs');
      const info = { version: APP_VERSION, mode: 'live', adapter: 'electron', dataDir: dataDir(), secretStorage: keys.storage, paths: { data: dataDir(), logs } } satisfies AppInfo;
      const desktopSettings = new DesktopSettingsService({ settings: settings(), events: remote.events, log, info }, hooks, () => false);
      desktopSettings.apply();
      engine = remoteDesktopEngine(remote, desktopSettings, log);
      own = desktopSettings.handlers();
      current = { mode: 'remote', engine: remote };
      remoteEngine = remote;
      remote.start();
    }
    const office = new OfficeService({ settings: settings(), keys, fetch: officeFetch, log, current, restart: () => relaunch() });
    const call = desktopCall(engine, { ...own, ...office.handlers() });
    const events = engine.events;
    // The data dir has one owner; the CLI finds this instance through the lock
    // file and talks to it over a loopback-only, token-guarded port (forwarded
    // to the office server when attached to one).
    try {
      const token = randomBytes(24).toString('base64url');
      const adapter = createHttpHandler({ call, events, token, isReady: () => true });
      const server = createServer((req, res) => void adapter.handler(req, res));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const lock = acquireLock(dataDir(), { port: (server.address() as AddressInfo).port, token });
      app.on('will-quit', () => {
        adapter.closeStreams();
        server.close();
        lock.release();
      });
    } catch (err) {
      log.error('data dir is owned by another process', { error: String(err) });
      new Notification({ title: 'Condo Sync is already running', body: (err as Error).message }).show();
      app.quit();
      return;
    }
    const source = appSource(join(OUT_DIR, 'renderer', 'index.html'), process.env.ELECTRON_RENDERER_URL);
    registerIpc(call, (event) => !!win && !win.isDestroyed() && isTrustedSender(event, source, win.webContents.id));
    forwardEvents(events, () => win?.webContents);
    // The tray is the status light; desktop notifications only when something changed (sync-notifier.ts).
    desktop = startDesktop({ engine, log, resources: RESOURCES, settings: settings(), open, quit: () => app.quit(), windowVisible: () => !!win?.isVisible() });
    powerMonitor.on('resume', () => {
      log.info('resumed from sleep');
      booted?.core.resumed();
    });
    // Started at login (--hidden, or macOS's login item), Condo Sync waits in the tray.
    if (!process.argv.includes('--hidden') && !app.getLoginItemSettings().wasOpenedAtLogin) open();
    desktop.suggestLaunchAtLogin();
  });

  /**
   * After Connect or Disconnect (saved already): the app restarts so its
   * engine side starts cleanly in the new mode. The answer reaches the window
   * first; quitting stops a local core at its checkpoint (will-quit below).
   */
  const relaunch = () =>
    setTimeout(() => {
      app.relaunch({ args: process.argv.slice(1).filter((a) => a !== '--hidden') });
      app.quit();
    }, 300);

  // A log-out, a shutdown or `kill` quits as Quit does: a running sync stops at its checkpoint (will-quit).
  // Listening also keeps such a signal from ending the app outright: when-exit (under electron-store)
  // raises it again after its own clean-up, and app.quit() while quitting changes nothing.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => app.quit());

  app.on('will-quit', (e) => {
    remoteEngine?.stop();
    if (!booted) {
      desktop?.destroy();
      return;
    }
    e.preventDefault();
    const b = booted;
    booted = undefined;
    // A running sync stops at its next checkpoint and resumes there next time; say so if it takes a moment.
    void stopWithin(() => b.stop(), { limitMs: 10_000, waitingAfterMs: 500, onWaiting: () => desktop?.quitting() })
      .catch(() => undefined)
      .finally(() => {
        desktop?.destroy();
        app.exit(0);
      });
  });
}
