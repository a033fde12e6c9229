/** How many units are in each sync state, for the header, Home and the Unit File filter. */
import { create } from 'zustand';
import { bridge } from '../bridge';
import { firstListSettled } from './units-store';

export interface StatusCounts {
  all: number;
  pending: number;
  attention: number;
  failed: number;
  in_sync: number;
}

interface CountsState {
  counts?: StatusCounts;
  error?: unknown;
  load(corporationId?: string): Promise<void>;
}

let seq = 0;

export const useCounts = create<CountsState>()((set) => ({
  async load(corporationId) {
    const mine = ++seq;
    const scope = corporationId ? { corporationId } : {};
    // On the Unit File, its rows come first; the counts follow (at most 2 s later).
    if (window.location.hash.startsWith('#/units')) await Promise.race([firstListSettled, new Promise((r) => setTimeout(r, 2000))]);
    try {
      const [all, pending, attention, failed, inSync] = await Promise.all([
        bridge.call('units.list', { ...scope, limit: 1 }),
        bridge.call('units.list', { ...scope, status: 'pending', limit: 1 }),
        bridge.call('units.list', { ...scope, status: 'attention', limit: 1 }),
        bridge.call('units.list', { ...scope, status: 'failed', limit: 1 }),
        bridge.call('units.list', { ...scope, status: 'in_sync', limit: 1 }),
      ]);
      if (mine !== seq) return;
      set({ counts: { all: all.total, pending: pending.total, attention: attention.total, failed: failed.total, in_sync: inSync.total }, error: undefined });
    } catch (error) {
      if (mine === seq) set({ error });
    }
  },
}));
