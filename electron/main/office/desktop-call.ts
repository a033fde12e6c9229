import type { Handlers } from '@shared/contract';
import { dispatch } from '../../core/api/dispatch';
import type { Engine } from './remote-engine';

/**
 * The one entry of the desktop app's IPC (and its loopback CLI port): the
 * methods the desktop answers itself (Settings → Connect to an office
 * server, and whatever `own` adds) are validated against the contract and run
 * here; every other method goes to the engine, local or remote, which
 * validates it again. The renderer cannot tell which answered.
 */
export function desktopCall(engine: Engine, own: Partial<Handlers>): (method: string, input: unknown) => Promise<unknown> {
  return (method, input) => (Object.hasOwn(own, method) ? dispatch(own as Handlers, method, input) : engine.call(method, input));
}
