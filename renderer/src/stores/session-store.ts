/** Who this console is signed in as, and what that role may do (`session.get`). */
import { create } from 'zustand';
import type { Session } from '@shared/access';
import { bridge } from '../bridge';

interface SessionState {
  session?: Session;
  error?: unknown;
  loaded: boolean;
  load(): Promise<void>;
}

export const useSession = create<SessionState>()((set) => ({
  loaded: false,
  async load() {
    try {
      set({ session: await bridge.call('session.get'), error: undefined, loaded: true });
    } catch (error) {
      set({ error, loaded: true });
    }
  },
}));
