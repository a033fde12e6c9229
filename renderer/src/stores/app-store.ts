/** What the whole console needs: app info, the live-stream state and the chosen building. */
import { create } from 'zustand';
import type { AppInfo } from '@shared/types';
import { bridge } from '../bridge';

export type StreamState = 'connecting' | 'connected' | 'reconnecting';

interface AppState {
  info?: AppInfo;
  infoError?: unknown;
  stream: StreamState;
  /** The building selector; undefined means all buildings. */
  corporationId?: string;
  corporations: string[];
  loadInfo(): Promise<void>;
  loadCorporations(): Promise<void>;
  setCorporation(id: string | undefined): void;
  setConnected(connected: boolean): void;
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
  corporations: [],
  corporationId: storedBuilding(),

  async loadInfo() {
    try {
      set({ info: await bridge.call('app.info'), infoError: undefined });
    } catch (infoError) {
      set({ infoError });
    }
  },

  // The contract has no list of corporations, so the buildings are the distinct corporations of the Unit File.
  async loadCorporations() {
    const found = new Set<string>();
    try {
      for (let offset = 0, pages = 0; pages < 20; pages++) {
        const page = await bridge.call('units.list', { offset, limit: 500 });
        page.items.forEach((u) => found.add(u.corporationId));
        offset += page.items.length;
        if (!page.items.length || offset >= page.total) break;
      }
    } catch {
      return; // The selector keeps what it had; the Unit File shows the error itself.
    }
    const corporations = [...found].sort();
    const chosen = get().corporationId;
    set({ corporations, ...(chosen && !found.has(chosen) && found.size ? { corporationId: undefined } : {}) });
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

  setConnected(connected) {
    const { stream } = get();
    if (connected) set({ stream: 'connected' });
    else if (stream === 'connected') set({ stream: 'reconnecting' });
  },
}));
