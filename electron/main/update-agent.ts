/**
 * Self-update policy around electron-updater, without Electron so it is
 * tested under Node: off by default and silent while off (no request, no
 * message); when on, checks at start and then daily against the generic
 * feed, downloads in the background, and reports its state. Offering
 * "Restart to update" only when no sync runs is the core's rule
 * (DesktopSettingsService.read).
 */
import type { UpdateState } from '@shared/types';

/** The slice of electron-updater's AppUpdater this uses. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'checking-for-update' | 'update-available' | 'update-not-available' | 'update-downloaded' | 'error', listener: (arg: never) => void): unknown;
}

export const DAY_MS = 24 * 3_600_000;

export interface UpdateStatus {
  state: UpdateState;
  version?: string;
  message?: string;
}

export class UpdateAgent {
  private timer: ReturnType<typeof setInterval> | undefined;
  private status: UpdateStatus = { state: 'off' };
  private feedUrl: string | undefined;

  constructor(
    private readonly updater: Updater,
    private readonly o: { log: { info(msg: string, f?: object): void; warn(msg: string, f?: object): void }; changed(status: UpdateStatus): void; intervalMs?: number },
  ) {
    updater.autoDownload = true;
    // Installing happens when the person chooses "Restart to update", never behind their back at quit.
    updater.autoInstallOnAppQuit = false;
    updater.on('checking-for-update', () => this.set({ state: 'checking' }));
    updater.on('update-available', (info: { version?: string }) => this.set({ state: 'downloading', ...(info?.version ? { version: info.version } : {}) }));
    updater.on('update-not-available', () => this.set({ state: 'idle' }));
    updater.on('update-downloaded', (info: { version?: string }) => this.set({ state: 'ready', ...(info?.version ? { version: info.version } : {}) }));
    updater.on('error', (err: Error) => {
      // Off means silent: an error while turned off is not the person's concern.
      if (this.status.state === 'off') return;
      this.o.log.warn('update check failed', { error: err?.message });
      this.set({ state: 'error', message: 'The update feed could not be reached or read. Condo Sync tries again tomorrow; the version you have keeps working.' });
    });
  }

  get current(): UpdateStatus {
    return this.status;
  }

  /** Turns checking on (now, then daily) or off. */
  configure(cfg: { enabled: boolean; feedUrl?: string }): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!cfg.enabled || !cfg.feedUrl) {
      this.feedUrl = undefined;
      if (this.status.state !== 'ready') this.set({ state: 'off' });
      return;
    }
    const changedFeed = cfg.feedUrl !== this.feedUrl;
    this.feedUrl = cfg.feedUrl;
    this.updater.setFeedURL({ provider: 'generic', url: cfg.feedUrl });
    if (this.status.state === 'off') this.set({ state: 'idle' });
    if (changedFeed) this.check();
    this.timer = setInterval(() => this.check(), this.o.intervalMs ?? DAY_MS);
    this.timer.unref?.();
  }

  check(): void {
    if (!this.feedUrl || this.status.state === 'ready' || this.status.state === 'downloading') return;
    this.updater.checkForUpdates().catch(() => undefined); // reported through 'error'
  }

  restart(): void {
    if (this.status.state === 'ready') this.updater.quitAndInstall(false, true);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private set(next: UpdateStatus): void {
    this.status = next;
    this.o.changed(next);
  }
}
