import type { Handlers } from '@shared/contract';
import type { PauseState } from '@shared/types';
import type { CoreContext } from '../context';

export function appHandlers(ctx: CoreContext, pause?: () => PauseState): Pick<Handlers, 'app.info'> {
  // Read each time: saving connections or setting variables can change how
  // secrets are kept, and a pause can end by itself.
  return { 'app.info': async () => ({ ...ctx.info, secretStorage: ctx.secrets.storage, ...(pause ? { pause: pause() } : {}) }) };
}
