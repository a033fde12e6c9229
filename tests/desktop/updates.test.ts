// Updates (off by default, silent while off; when on, at start and daily)
// and Settings → Desktop, without Electron: a fake electron-updater and the
// core's own settings service.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DesktopSettingsService, UPDATE_URL_ENV, type DesktopHooks } from '../../electron/core/api/desktop';
import type { CoreContext } from '../../electron/core/context';
import { EventBus } from '../../electron/core/events';
import { silentLogger } from '../../electron/core/log';
import { MemoryStore } from '../../electron/core/settings';
import { DAY_MS, UpdateAgent, type Updater } from '../../electron/main/update-agent';

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  feeds: string[] = [];
  checks = 0;
  installs = 0;
  setFeedURL(o: { url: string }) {
    this.feeds.push(o.url);
  }
  async checkForUpdates() {
    this.checks++;
    this.emit('checking-for-update');
  }
  quitAndInstall() {
    this.installs++;
  }
}

describe('updates', () => {
  let updater: FakeUpdater;
  let agent: UpdateAgent;
  const warn = vi.fn();
  beforeEach(() => {
    vi.useFakeTimers();
    updater = new FakeUpdater();
    agent = new UpdateAgent(updater as unknown as Updater, { log: { info: () => undefined, warn }, changed: () => undefined });
  });
  afterEach(() => {
    agent.stop();
    vi.useRealTimers();
    warn.mockReset();
  });

  it('is off by default and silent while off: no feed, no check, an error says nothing', () => {
    agent.configure({ enabled: false, feedUrl: 'https://updates.example.com/condo-sync' });
    vi.advanceTimersByTime(3 * DAY_MS);
    updater.emit('error', new Error('ENOTFOUND'));
    expect(updater.feeds).toEqual([]);
    expect(updater.checks).toBe(0);
    expect(agent.current).toEqual({ state: 'off' });
    expect(warn).not.toHaveBeenCalled();
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('when on: checks the generic feed at once and then daily, downloads in the background, and installs only when asked', () => {
    agent.configure({ enabled: true, feedUrl: 'https://updates.example.com/condo-sync' });
    expect(updater.feeds).toEqual(['https://updates.example.com/condo-sync']);
    expect(updater.autoDownload).toBe(true);
    expect(updater.checks).toBe(1);
    updater.emit('update-not-available');
    vi.advanceTimersByTime(DAY_MS - 1);
    expect(updater.checks).toBe(1);
    vi.advanceTimersByTime(1);
    expect(updater.checks).toBe(2);
    updater.emit('update-available', { version: '0.2.0' });
    expect(agent.current).toEqual({ state: 'downloading', version: '0.2.0' });
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(agent.current).toEqual({ state: 'ready', version: '0.2.0' });
    vi.advanceTimersByTime(DAY_MS);
    expect(updater.checks).toBe(2); // nothing more to fetch while one waits to be installed
    expect(updater.installs).toBe(0);
    agent.restart();
    expect(updater.installs).toBe(1);
  });

  it('an unreachable feed is reported in words, and the next day tries again', () => {
    agent.configure({ enabled: true, feedUrl: 'https://updates.example.com/condo-sync' });
    updater.emit('error', new Error('getaddrinfo ENOTFOUND updates.example.com'));
    expect(agent.current.state).toBe('error');
    expect(agent.current.message).toMatch(/^The update feed could not be reached/);
    expect(agent.current.message).not.toMatch(/ENOTFOUND|example\.com/);
    vi.advanceTimersByTime(DAY_MS);
    expect(updater.checks).toBe(2);
  });
});

describe('Settings → Desktop', () => {
  let settings: MemoryStore;
  let running: boolean;
  let status: ReturnType<DesktopHooks['updateStatus']>;
  let hooks: DesktopHooks & { calls: string[] };
  const ctx = () => ({ settings, events: new EventBus(), log: silentLogger, info: { dataDir: '/data', paths: { data: '/data', logs: '/data/logs' } } }) as unknown as CoreContext;
  beforeEach(() => {
    settings = new MemoryStore();
    running = false;
    status = { state: 'idle' };
    const calls: string[] = [];
    hooks = {
      calls,
      applyLaunchAtLogin: (on) => void calls.push(`login:${on}`),
      openFolder: async (p) => void calls.push(`open:${p}`),
      configureUpdates: (c) => void calls.push(`updates:${c.enabled}:${c.feedUrl ?? ''}`),
      updateStatus: () => status,
      restartToUpdate: () => void calls.push('restart'),
    };
    delete process.env[UPDATE_URL_ENV];
  });
  afterEach(() => delete process.env[UPDATE_URL_ENV]);

  it('starts with launch at login off, a one-time suggestion, and updates off', async () => {
    const svc = new DesktopSettingsService(ctx(), hooks, () => running);
    svc.apply();
    expect(hooks.calls).toEqual(['login:false', 'updates:false:']);
    expect(svc.read()).toEqual({ available: true, launchAtLogin: false, suggestLaunchAtLogin: true, updates: { enabled: false, feedFromEnv: false, state: 'off', canRestart: false } });
    const h = svc.handlers();
    await h['desktop.set']({ dismissSuggestion: true });
    expect(svc.read()).toMatchObject({ launchAtLogin: false, suggestLaunchAtLogin: false });
    await h['desktop.set']({ launchAtLogin: true });
    expect(hooks.calls).toContain('login:true');
    expect(settings.get('desktop')).toMatchObject({ launchAtLogin: true });
  });

  it('turning updates on needs a feed; the environment’s feed wins over the saved one', async () => {
    const h = new DesktopSettingsService(ctx(), hooks, () => running).handlers();
    await expect(h['desktop.set']({ updates: { enabled: true } })).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await h['desktop.set']({ updates: { enabled: true, feedUrl: 'https://updates.example.com/cs' } })).updates).toMatchObject({ enabled: true, feedUrl: 'https://updates.example.com/cs', state: 'idle' });
    expect(hooks.calls.at(-1)).toBe('updates:true:https://updates.example.com/cs');
    process.env[UPDATE_URL_ENV] = 'https://it.example.org/feed';
    expect((await h['desktop.get'](undefined)).updates).toMatchObject({ feedUrl: 'https://it.example.org/feed', feedFromEnv: true });
  });

  it('offers "Restart to update" only when an update is ready and no sync is running', async () => {
    const svc = new DesktopSettingsService(ctx(), hooks, () => running);
    const h = svc.handlers();
    await h['desktop.set']({ updates: { enabled: true, feedUrl: 'https://updates.example.com/cs' } });
    await expect(h['desktop.restartToUpdate'](undefined)).rejects.toMatchObject({ code: 'conflict' });
    status = { state: 'ready', version: '0.2.0' };
    running = true;
    expect(svc.read().updates).toMatchObject({ state: 'ready', version: '0.2.0', canRestart: false });
    await expect(h['desktop.restartToUpdate'](undefined)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/A sync is running/) });
    running = false;
    expect(svc.read().updates.canRestart).toBe(true);
    await expect(h['desktop.restartToUpdate'](undefined)).resolves.toEqual({ restarting: true });
    expect(hooks.calls.at(-1)).toBe('restart');
  });

  it('opens the data and logs folders in the desktop app; browser mode answers with the path instead', async () => {
    const h = new DesktopSettingsService(ctx(), hooks, () => running).handlers();
    await expect(h['desktop.openFolder']({ folder: 'logs' })).resolves.toEqual({ path: '/data/logs' });
    expect(hooks.calls).toContain('open:/data/logs');
    const browser = new DesktopSettingsService(ctx(), undefined, () => running);
    expect(browser.read()).toMatchObject({ available: false, suggestLaunchAtLogin: false, updates: { state: 'off' } });
    await expect(browser.handlers()['desktop.openFolder']({ folder: 'data' })).rejects.toMatchObject({ code: 'not_implemented', details: { path: '/data' } });
    await expect(browser.handlers()['desktop.set']({ launchAtLogin: true })).rejects.toMatchObject({ code: 'not_implemented' });
  });
});
