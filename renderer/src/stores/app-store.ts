/** What the whole console needs: app info, the live-stream state and the chosen building. */
import { create } from 'zustand';
import type { AppInfo, PauseState } from '@shared/types';
import { bridge } from '../bridge';

export type StreamState = 'connecting' | 'connected' | 'reconnecting';

interface AppState {
  info?: AppInfo;
  infoError?: unknown;
  stream: StreamState;
  /** When the live stream last dropped (ISO): what is on screen is from then. */
  streamLostAt?: string;
  /**
   * Browser console only: the stream dropped and the host's /api/health does
   * not answer either, so the engine itself is gone (stopped, killed,
   * restarting). Its last known state is not the state now.
   */
  serverDown: boolean;
  /** The building selector; undefined means all buildings. */
  corporationId?: string;
  /** The buildings (Condo Manager corporations) the console syncs, with their codes. */
  corporations: { id: string; label: string }[];
  loadInfo(): Promise<void>;
  loadCorporations(): Promise<void>;
  setCorporation(id: string | undefined): void;
  setConnected(connected: boolean): void;
  setServerDown(down: boolean): void;
  /** Syncing paused or resumed (here, from the tray, or from the CLI). */
  setPause(pause: PauseState): void;
}

const BUILDING_KEY = 'condo-sync.building';

function storedBuilding(): string | undefined {
  try {
    return localStorage.getItem(BUILDING_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export const useApp = create<AppState>()((set, get) => ({
  stream: 'connecting',
  serverDown: false,
  corporations: [],
  corporationId: storedBuilding(),

  async loadInfo() {
    try {
      set({ info: await bridge.call('app.info'), infoError: undefined });
    } catch (infoError) {
      set({ infoError });
    }
  },

  async loadCorporations() {
    let list: Awaited<ReturnType<typeof bridge.call<'corporations.list'>>>;
    try {
      list = await bridge.call('corporations.list');
    } catch {
      return; // The selector keeps what it had; the Unit File shows the error itself.
    }
    const corporations = list.map((c) => ({ id: c.id, label: c.code }));
    const chosen = get().corporationId;
    set({ corporations, ...(chosen && !list.some((c) => c.id === chosen) && list.length ? { corporationId: undefined } : {}) });
  },

  setCorporation(id) {
    try {
      if (id) localStorage.setItem(BUILDING_KEY, id);
      else localStorage.removeItem(BUILDING_KEY);
    } catch {
      // Private windows may refuse storage; the choice still holds for this session.
    }
    set({ corporationId: id });
  },

  setPause(pause) {
    const info = get().info;
    if (info) set({ info: { ...info, pause } });
  },

  setConnected(connected) {
    const { stream } = get();
    if (connected) set({ stream: 'connected', serverDown: false, streamLostAt: undefined });
    else if (stream === 'connected') set({ stream: 'reconnecting', streamLostAt: new Date().toISOString() });
    // Never connected yet: what is on screen was read before this first failure at the latest.
    else if (!get().streamLostAt) set({ streamLostAt: new Date().toISOString() });
  },

  setServerDown(down) {
    if (get().serverDown !== down) set({ serverDown: down });
  },
}));
