/**
 * What the Electron preload exposes as `window.condoSync`: exactly the
 * contract, one function per method, plus a subscription to its events.
 * Results travel as envelopes because Electron drops an Error's properties
 * (its code and details) when it crosses the context bridge.
 */
import type { EventName, Events, MethodInput, MethodName, MethodOutput } from './contract';
import type { ErrorBody } from './errors';

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorBody };

export type CondoSyncApi = {
  [M in MethodName]: (input?: MethodInput<M>) => Promise<Envelope<MethodOutput<M>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};

export const IPC_CALL = 'condo-sync:call';
export const IPC_EVENT = 'condo-sync:event';
