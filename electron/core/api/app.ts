import type { Handlers } from '@shared/contract';
import type { CoreContext } from '../context';

export function appHandlers(ctx: CoreContext): Pick<Handlers, 'app.info'> {
  return { 'app.info': async () => ctx.info };
}
