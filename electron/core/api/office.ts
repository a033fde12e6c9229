import type { Handlers } from '@shared/contract';
import { AppError } from '@shared/errors';

const DESKTOP_ONLY = 'Connecting to an office server is a setting of the Condo Sync desktop app. This console already runs on a server.';

/**
 * Settings → Connect to an office server, as a process that runs its own
 * engine answers it. The desktop app answers these methods itself
 * (electron/main/office) before anything reaches a core; the browser console
 * and the CLI see `available: false` and a typed `not_implemented`.
 */
export function officeHandlers(): Pick<Handlers, 'office.get' | 'office.test' | 'office.connect' | 'office.disconnect'> {
  const refuse = async (): Promise<never> => {
    throw new AppError('not_implemented', DESKTOP_ONLY);
  };
  return {
    'office.get': async () => ({ available: false, mode: 'local' }),
    'office.test': refuse,
    'office.connect': refuse,
    'office.disconnect': refuse,
  };
}
