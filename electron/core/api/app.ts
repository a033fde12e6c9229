import type { Handlers } from '@shared/contract';
import type { CoreContext } from '../context';

export function appHandlers(ctx: CoreContext): Pick<Handlers, 'app.info'> {
  // Read each time: saving connections or setting variables can change how secrets are kept.
  return { 'app.info': async () => ({ ...ctx.info, secretStorage: ctx.secrets.storage }) };
}
