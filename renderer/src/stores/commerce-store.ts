/** Real-time sync of invoices and payments, as the core last reported it (commerce.status and its event). */
import { create } from 'zustand';
import type { CommerceStatus } from '@shared/types';
import { bridge } from '../bridge';

interface CommerceState {
  status?: CommerceStatus;
  error?: unknown;
  load(): Promise<void>;
  set(status: CommerceStatus): void;
}

export const useCommerce = create<CommerceState>()((set) => ({
  async load() {
    try {
      set({ status: await bridge.call('commerce.status'), error: undefined });
    } catch (error) {
      set({ error });
    }
  },
  set(status) {
    set({ status, error: undefined });
  },
}));

let following = false;

/**
 * Follows the status once for the whole console: the event when it changes,
 * and a reload after each invoice job (its held lines may have changed).
 */
export function followCommerce(): void {
  if (following) return;
  following = true;
  void useCommerce.getState().load();
  bridge.on('commerce.status', (s) => useCommerce.getState().set(s));
  bridge.on('job.updated', (job) => {
    if ((job.kind === 'commerce' || job.kind === 'commerce-reconcile') && job.finishedAt) void useCommerce.getState().load();
  });
  bridge.onConnection((connected) => {
    if (connected) void useCommerce.getState().load();
  });
}
