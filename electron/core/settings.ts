import type { GroupDefaults } from '@shared/types';

/**
 * The slice of electron-store / conf the core uses. Electron passes an
 * electron-store, the host a conf instance (same API), tests a MemoryStore.
 */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /** Everything stored (conf and electron-store have it), for diagnostics. */
  readonly store?: Record<string, unknown>;
}

export class MemoryStore implements SettingsStore {
  private readonly data = new Map<string, unknown>();
  get(key: string): unknown {
    return this.data.get(key);
  }
  set(key: string, value: unknown): void {
    this.data.set(key, structuredClone(value));
  }
  get store(): Record<string, unknown> {
    return Object.fromEntries(this.data);
  }
}

export const defaultGroups: GroupDefaults = { owners: 'Owners', tenants: 'Renters' };
/** Days kept: finished syncs, their record detail, and the audit log (a year: long enough to answer "who changed this?" at the next AGM). */
export const defaultRetention = { historyDays: 90, recordEventsDays: 30, auditDays: 365 };

/** Settings → History kept, with the defaults for what was never set. */
export function retentionOf(settings: Pick<SettingsStore, 'get'>): typeof defaultRetention {
  return { ...defaultRetention, ...(settings.get('retention') as Partial<typeof defaultRetention> | undefined) };
}
