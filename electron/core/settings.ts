import type { GroupDefaults } from '@shared/types';

/**
 * The slice of electron-store / conf the core uses. Electron passes an
 * electron-store, the host a conf instance (same API), tests a MemoryStore.
 */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export class MemoryStore implements SettingsStore {
  private readonly data = new Map<string, unknown>();
  get(key: string): unknown {
    return this.data.get(key);
  }
  set(key: string, value: unknown): void {
    this.data.set(key, structuredClone(value));
  }
}

export const defaultGroups: GroupDefaults = { owners: 'Owners', tenants: 'Renters' };
export const defaultRetention = { historyDays: 90, recordEventsDays: 30 };
