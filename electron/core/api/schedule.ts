import type { Handlers } from '@shared/contract';
import type { Scheduler } from '../jobs/scheduler';

export function scheduleHandlers(scheduler: Scheduler): Pick<Handlers, 'schedule.get' | 'schedule.set'> {
  return {
    'schedule.get': async () => scheduler.describe(),
    'schedule.set': async (input) => scheduler.set(input),
  };
}
