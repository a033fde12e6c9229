/** How many units are in each sync state, for the header, Home and the Unit File filter. */
import { create } from 'zustand';
import type { UnitStatusCounts } from '@shared/types';
import { bridge } from '../bridge';
import { firstListSettled } from './units-store';

export type StatusCounts = UnitStatusCounts;

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
      // One grouped query on the host: the states add up to All by construction.
      const counts = await bridge.call('units.counts', scope);
      if (mine !== seq) return;
      set({ counts, error: undefined });
    } catch (error) {
      if (mine === seq) set({ error });
    }
  },
}));
