/** Whether this window may act: a refused or missing token disables every action, and is said once. */
import { useSyncExternalStore } from 'react';
import { bridge, type Access } from '../bridge';

export function useAccess(): Access {
  return useSyncExternalStore(bridge.onAccess, bridge.access);
}

export function useCanAct(): boolean {
  return useAccess() === 'ok';
}
