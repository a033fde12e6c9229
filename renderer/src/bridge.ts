/**
 * The renderer's only way to the core. Inside Electron it uses the preload's
 * `window.condoSync`; in a browser it speaks the same contract over HTTP to
 * the host. Views cannot tell which one they talk to.
 */
import { eventNames, type EventName, type Events, type MethodInput, type MethodName, type MethodOutput } from '@shared/contract';
import type { CondoSyncApi, Envelope } from '@shared/bridge';
import { isErrorBody, type ErrorBody, type ErrorCode } from '@shared/errors';

declare global {
  interface Window {
    condoSync?: CondoSyncApi;
  }
}

export class BridgeError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'BridgeError';
    this.code = body.code;
    this.details = body.details;
  }
}

export interface Bridge {
  readonly kind: 'electron' | 'http';
  call<M extends MethodName>(method: M, ...input: undefined extends MethodInput<M> ? [MethodInput<M>?] : [MethodInput<M>]): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Whether the live event stream is connected (always true over IPC). */
  onConnection(listener: (connected: boolean) => void): () => void;
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.result;
  throw new BridgeError(envelope.error);
}

function ipcBridge(api: CondoSyncApi): Bridge {
  return {
    kind: 'electron',
    async call(method, ...input) {
      const fn = api[method] as (i?: unknown) => Promise<Envelope<never>>;
      return unwrap(await fn(input[0]));
    },
    on: (event, listener) => api.on(event, listener),
    onConnection(listener) {
      listener(true);
      return () => {};
    },
  };
}

const TOKEN_KEY = 'condo-sync.token';

/** Takes the token from the URL the host printed, then drops it from the address bar. */
export function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpBridge(token: string): Bridge {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const connection = new Set<(connected: boolean) => void>();
  let source: EventSource | undefined;
  let connected = false;

  const setConnected = (value: boolean) => {
    if (connected === value) return;
    connected = value;
    connection.forEach((l) => l(value));
  };

  const ensureStream = () => {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false); // EventSource reconnects by itself
    // Every event of the contract, as IPC forwards them all: the views cannot tell the adapters apart.
    for (const name of eventNames) {
      source.addEventListener(name, (e) => {
        let payload: unknown;
        try {
          payload = JSON.parse((e as MessageEvent<string>).data);
        } catch {
          return;
        }
        listeners.get(name)?.forEach((l) => (l as (p: unknown) => void)(payload));
      });
    }
  };

  return {
    kind: 'http',
    async call(method, ...input) {
      let res: Response;
      try {
        res = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input[0] ?? {}),
        });
      } catch {
        throw new BridgeError({ code: 'unavailable', message: 'Condo Sync is not answering. Check that it is still running, then try again.' });
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new BridgeError({ code: 'internal', message: `Condo Sync answered with an unreadable response (HTTP ${res.status}).` });
      }
      if (typeof body === 'object' && body !== null && 'ok' in body) {
        const env = body as Envelope<never>;
        if (env.ok || isErrorBody(env.error)) return unwrap(env);
      }
      throw new BridgeError({ code: 'internal', message: `Condo Sync answered with an unexpected response (HTTP ${res.status}).` });
    },
    on(event, listener) {
      ensureStream();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    onConnection(listener) {
      ensureStream();
      connection.add(listener);
      listener(connected);
      return () => connection.delete(listener);
    },
  };
}

export function createBridge(): Bridge {
  return window.condoSync ? ipcBridge(window.condoSync) : httpBridge(takeToken());
}

export const bridge: Bridge = createBridge();
