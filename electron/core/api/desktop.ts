import type { Handlers } from '@shared/contract';
import { AppError } from '@shared/errors';
import type { DesktopSettings, UpdateState } from '@shared/types';
import type { CoreContext } from '../context';

/**
 * What only the desktop app can do, given to the core by electron/main.
 * The host passes none: browser mode shows the paths instead of opening
 * folders, and has no login item or self-update.
 */
export interface DesktopHooks {
  applyLaunchAtLogin(on: boolean): void;
  /** Opens a folder in Explorer, Finder or the file manager. */
  openFolder(path: string): Promise<void>;
  /** Applies the update settings: starts or stops checking. */
  configureUpdates(cfg: { enabled: boolean; feedUrl?: string }): void;
  updateStatus(): { state: UpdateState; version?: string; message?: string };
  /** Quits and installs the downloaded update. */
  restartToUpdate(): void;
}

interface Stored {
  launchAtLogin?: boolean;
  suggestionDismissed?: boolean;
  updates?: { enabled?: boolean; feedUrl?: string };
}

/** The environment variable that sets the update feed (wins over Settings). */
export const UPDATE_URL_ENV = 'CONDO_SYNC_UPDATE_URL';

const NOT_HERE = 'This works in the Condo Sync desktop app. In the browser, the folder’s path is shown instead.';

/**
 * Settings → Desktop: launch at login (off until someone turns it on), the
 * update feed (off by default), and folders. Stored with the other settings.
 */
export class DesktopSettingsService {
  constructor(
    // Only these: the desktop attached to an office server runs this service without a core.
    private readonly ctx: Pick<CoreContext, 'settings' | 'events' | 'log' | 'info'>,
    private readonly hooks: DesktopHooks | undefined,
    private readonly jobRunning: () => boolean,
  ) {}

  private stored(): Stored {
    return (this.ctx.settings.get('desktop') as Stored | undefined) ?? {};
  }

  /** The feed: the environment's, else the one saved in Settings. */
  feed(): { enabled: boolean; feedUrl?: string; feedFromEnv: boolean } {
    const env = process.env[UPDATE_URL_ENV]?.trim();
    const saved = this.stored().updates ?? {};
    const feedUrl = env || saved.feedUrl;
    return { enabled: saved.enabled === true && !!feedUrl, ...(feedUrl ? { feedUrl } : {}), feedFromEnv: !!env };
  }

  read(): DesktopSettings {
    const s = this.stored();
    const feed = this.feed();
    const status = this.hooks && feed.enabled ? this.hooks.updateStatus() : { state: 'off' as const };
    return {
      available: !!this.hooks,
      launchAtLogin: s.launchAtLogin === true,
      suggestLaunchAtLogin: !!this.hooks && s.launchAtLogin !== true && s.suggestionDismissed !== true,
      updates: {
        ...feed,
        state: status.state,
        ...(status.version ? { version: status.version } : {}),
        ...(status.message ? { message: status.message } : {}),
        canRestart: status.state === 'ready' && !this.jobRunning(),
      },
    };
  }

  /** Applies what is saved: at start, and after each change. */
  apply(): void {
    if (!this.hooks) return;
    this.hooks.applyLaunchAtLogin(this.stored().launchAtLogin === true);
    const feed = this.feed();
    this.hooks.configureUpdates({ enabled: feed.enabled, ...(feed.feedUrl ? { feedUrl: feed.feedUrl } : {}) });
  }

  /** Tells every window: after a change here, or when an update's state changes. */
  publish(): void {
    this.ctx.events.emit('desktop.changed', this.read());
  }

  handlers(): Pick<Handlers, 'desktop.get' | 'desktop.set' | 'desktop.openFolder' | 'desktop.restartToUpdate'> {
    return {
      'desktop.get': async () => this.read(),
      'desktop.set': async (input) => {
        const s = this.stored();
        const next: Stored = { ...s };
        if (input.launchAtLogin !== undefined || input.dismissSuggestion) {
          if (!this.hooks) throw new AppError('not_implemented', 'Starting with the computer is a setting of the Condo Sync desktop app.');
          if (input.launchAtLogin !== undefined) next.launchAtLogin = input.launchAtLogin;
          next.suggestionDismissed = true;
        }
        if (input.updates) {
          if (!this.hooks) throw new AppError('not_implemented', 'Browser mode is updated with npm, not by the desktop app’s updater.');
          const feedUrl = input.updates.feedUrl === null ? undefined : (input.updates.feedUrl ?? s.updates?.feedUrl);
          if (input.updates.enabled && !feedUrl && !process.env[UPDATE_URL_ENV]) {
            throw new AppError('invalid_input', 'Enter the address of the update feed your IT department gave you.', {
              fields: [{ field: 'updates.feedUrl', message: 'is required to turn updates on' }],
            });
          }
          next.updates = { enabled: input.updates.enabled, ...(feedUrl ? { feedUrl } : {}) };
        }
        this.ctx.settings.set('desktop', next);
        this.ctx.log.info('desktop settings changed', { keys: Object.keys(input) });
        this.apply();
        this.publish();
        return this.read();
      },
      'desktop.openFolder': async ({ folder }) => {
        const path = folder === 'data' ? this.ctx.info.dataDir : (this.ctx.info.paths?.logs ?? this.ctx.info.dataDir);
        if (!this.hooks) throw new AppError('not_implemented', NOT_HERE, { path });
        await this.hooks.openFolder(path);
        return { path };
      },
      'desktop.restartToUpdate': async () => {
        if (!this.hooks) throw new AppError('not_implemented', 'Browser mode is updated with npm, not by the desktop app’s updater.');
        if (this.hooks.updateStatus().state !== 'ready') throw new AppError('conflict', 'No update is ready to install yet.');
        if (this.jobRunning()) throw new AppError('conflict', 'A sync is running. Restart to update once it has finished; nothing is lost by waiting.');
        this.hooks.restartToUpdate();
        return { restarting: true };
      },
    };
  }
}
