/**
 * The desktop app's window, emulated in Chromium: the Electron binary can't
 * run here, so a page gets what the preload would give it (`window.condoSync`,
 * one function per contract method plus `on`), wired through Playwright to
 * the desktop's REAL main-process logic in plain Node (office/desktop-call,
 * the office service, the remote engine). Only the IPC transport is
 * emulated; every call reaches a real engine over HTTP.
 */
import type { Page } from '@playwright/test';
import { methodNames } from '@shared/contract';
import type { Envelope } from '@shared/bridge';
import { toErrorBody } from '@shared/errors';
import { silentLogger } from '../../electron/core/log';
import { MemoryStore } from '../../electron/core/settings';
import { decideBoot, type OfficeKeyStore } from '../../electron/main/office/boot-decision';
import { desktopCall } from '../../electron/main/office/desktop-call';
import { OfficeService } from '../../electron/main/office/office-service';
import { RemoteEngine } from '../../electron/main/office/remote-engine';
import { TOKEN } from './helpers';

class MemoryKeys implements OfficeKeyStore {
  readonly storage = 'encrypted' as const;
  value: string | undefined;
  get() {
    return this.value;
  }
  set(key: string | null) {
    this.value = key ?? undefined;
  }
}

export interface DesktopShell {
  settings: MemoryStore;
  keys: MemoryKeys;
  /** The modes the app restarted into, in order. */
  restarts: ('local' | 'remote')[];
  /** Applies the last restart (as the relaunched app would), and reloads the window. */
  relaunch(): Promise<void>;
  close(): void;
}

/**
 * Opens the emulated desktop window at `hash`. "This computer's engine" is
 * the e2e host reached over HTTP (this machine's only engine); attached to an
 * office server, the engine is whatever server the settings name.
 */
export async function openDesktop(page: Page, baseURL: string, hash: string, preset?: { officeUrl: string; key: string }): Promise<DesktopShell> {
  const settings = new MemoryStore();
  const keys = new MemoryKeys();
  if (preset) {
    settings.set('office', { url: preset.officeUrl });
    keys.set(preset.key);
  }
  const restarts: ('local' | 'remote')[] = [];
  let engine: RemoteEngine;
  let call: (method: string, input: unknown) => Promise<unknown>;
  let off: () => void = () => {};

  const boot = () => {
    engine?.stop();
    off();
    const decision = decideBoot({ settings, keys, log: silentLogger });
    const local = decision.mode === 'local';
    engine = new RemoteEngine({ origin: local ? baseURL : decision.origin, key: local ? TOKEN : decision.key, fetch, log: silentLogger, stream: { backoffMs: [500, 1000] } });
    const office = new OfficeService({
      settings,
      keys,
      fetch,
      log: silentLogger,
      current: local ? { mode: 'local', engine } : { mode: 'remote', engine },
      restart: (mode) => restarts.push(mode),
    });
    call = desktopCall(engine, office.handlers());
    // Events reach the window as IPC would send them (webContents.send).
    off = engine.events.subscribe((name, payload) => {
      if (local && name === 'office.changed') return; // the local engine has no office link
      void page.evaluate(([n, p]) => (window as unknown as { __desktopEvent(n: string, p: unknown): void }).__desktopEvent(n, p), [name, payload] as const).catch(() => undefined);
    });
    engine.start();
  };
  boot();

  await page.exposeFunction('__desktopInvoke', async (method: string, input: unknown): Promise<Envelope<unknown>> => {
    try {
      return { ok: true, result: (await call(method, input)) ?? null };
    } catch (err) {
      return { ok: false, error: toErrorBody(err) };
    }
  });
  await page.addInitScript((methods: string[]) => {
    const listeners = new Map<string, Set<(p: unknown) => void>>();
    const w = window as unknown as Record<string, unknown>;
    w.__desktopEvent = (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload));
    const api: Record<string, unknown> = {};
    for (const m of methods) api[m] = (input?: unknown) => (w.__desktopInvoke as (m: string, i: unknown) => Promise<unknown>)(m, input);
    api.on = (event: string, listener: (p: unknown) => void) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    };
    w.condoSync = api;
  }, methodNames as string[]);
  await page.goto(`/${hash}`);

  return {
    settings,
    keys,
    restarts,
    async relaunch() {
      boot();
      await page.reload();
    },
    close() {
      engine.stop();
      off();
    },
  };
}
