/** Condo Control's groups per building, read once per visit to Settings (the core keeps them a minute). */
import { create } from 'zustand';
import type { BuildingGroups, CcGroup } from '@shared/types';
import { bridge } from '../bridge';

interface GroupsState {
  buildings?: BuildingGroups[];
  error?: unknown;
  load(): Promise<void>;
}

export const useGroups = create<GroupsState>((set) => ({
  async load() {
    try {
      set({ buildings: await bridge.call('groups.list'), error: undefined });
    } catch (error) {
      set({ error });
    }
  },
}));

/** The groups every listed building has (the defaults must exist wherever they apply), by name. */
export function commonGroups(buildings: BuildingGroups[]): CcGroup[] {
  if (!buildings.length) return [];
  const [first, ...rest] = buildings;
  return first!.groups.filter((g) => rest.every((b) => b.groups.some((x) => x.name.toLowerCase() === g.name.toLowerCase())));
}
