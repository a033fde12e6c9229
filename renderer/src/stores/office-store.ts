/** The desktop console's office server, if it uses one, and its link (Settings, the banner). */
import { create } from 'zustand';
import type { OfficeConnection } from '@shared/types';
import { bridge } from '../bridge';

interface OfficeState {
  office?: OfficeConnection;
  load(): Promise<void>;
  apply(office: OfficeConnection): void;
}

export const useOffice = create<OfficeState>()((set) => ({
  async load() {
    try {
      set({ office: await bridge.call('office.get') });
    } catch {
      // An older engine without the method: no office server, nothing to show.
    }
  },
  apply(office) {
    set({ office });
  },
}));

/** Attached to an office server that is not answering right now: what is on screen is not live. */
export function isStale(office: OfficeConnection | undefined): boolean {
  return office?.mode === 'remote' && (office.link === 'unreachable' || office.link === 'refused');
}
