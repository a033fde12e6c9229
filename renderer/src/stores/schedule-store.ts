import { create } from 'zustand';
import type { Schedule } from '@shared/types';
import { bridge } from '../bridge';

interface ScheduleState {
  schedule?: Schedule;
  error?: unknown;
  loaded: boolean;
  load(): Promise<void>;
  set(schedule: Schedule): void;
}

export const useSchedule = create<ScheduleState>()((set) => ({
  loaded: false,
  async load() {
    try {
      set({ schedule: await bridge.call('schedule.get'), error: undefined, loaded: true });
    } catch (error) {
      set({ error, loaded: true });
    }
  },
  set(schedule) {
    set({ schedule, error: undefined, loaded: true });
  },
}));
