import { BrowserWindow, screen, shell, type Rectangle } from 'electron';
import { join } from 'node:path';
import type { SettingsStore } from '../core/settings';
import { opensExternally } from './trust';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

interface WindowState {
  bounds?: Rectangle;
  maximized?: boolean;
}

function visible(bounds: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea: a }) => bounds.x < a.x + a.width && bounds.x + bounds.width > a.x && bounds.y < a.y + a.height && bounds.y + bounds.height > a.y);
}

/** The console window: isolated, sandboxed, no Node, remembered size and place. */
export function createMainWindow(store: SettingsStore, outDir: string): BrowserWindow {
  const state = (store.get('window') as WindowState | undefined) ?? {};
  const bounds = state.bounds && visible(state.bounds) ? state.bounds : { width: 1280, height: 820 };
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Condo Sync',
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click must not open a link in a new window (navigation is closed).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  win.webContents.session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  // The console never navigates away or opens windows; links to the web open in the browser.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // The web (and the sandboxes' own pages on loopback) opens in the browser.
    if (opensExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });

  const save = () => {
    if (win.isDestroyed()) return;
    store.set('window', { bounds: win.getNormalBounds(), maximized: win.isMaximized() } satisfies WindowState);
  };
  win.on('resize', save);
  win.on('move', save);
  win.on('close', save);

  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(join(outDir, 'renderer', 'index.html'));
  return win;
}
