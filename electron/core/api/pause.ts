import type { Handlers } from '@shared/contract';
import type { PauseControl } from '../jobs/pause';

/** sync.pause / sync.resume: the pause of background syncing (see jobs/pause.ts). */
export function pauseHandlers(pause: PauseControl): Pick<Handlers, 'sync.pause' | 'sync.resume'> {
  return {
    'sync.pause': async (input) => pause.pause(input ?? {}),
    'sync.resume': async () => pause.resume(),
  };
}
