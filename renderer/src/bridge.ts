/**
 * The renderer's only way to the core. Inside Electron it uses the preload's
 * `window.condoSync`; in a browser it speaks the same contract over HTTP to
 * the host. Views cannot tell which one they talk to.
 */
import { eventNames, type EventName, type Events, type MethodInput, type MethodName, type MethodOutput } from '@shared/contract';
import type { CondoSyncApi, Envelope } from '@shared/bridge';
import { isErrorBody, type ErrorBody, type ErrorCode } from '@shared/errors';
import { isForbiddenDetails } from '@shared/access';
import type { OfficeConnection } from '@shared/types';

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

/**
 * Whether this window's access was refused: `missing` when the address
 * carried no token, `refused` when the host did not accept it. The console
 * says so once, instead of every card failing on its own.
 */
export type Access = 'ok' | 'missing' | 'refused';

export interface Bridge {
  readonly kind: 'electron' | 'http';
  /** The current access, and a way to follow it (it only ever moves from ok to refused). */
  access(): Access;
  onAccess(listener: (access: Access) => void): () => void;
  call<M extends MethodName>(method: M, ...input: undefined extends MethodInput<M> ? [MethodInput<M>?] : [MethodInput<M>]): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Whether the live event stream is connected (over IPC: whether the office server, if any, is reachable). */
  onConnection(listener: (connected: boolean) => void): () => void;
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.result;
  throw new BridgeError(envelope.error);
}

function ipcBridge(api: CondoSyncApi): Bridge {
  return {
    kind: 'electron',
    access: () => 'ok',
    onAccess: () => () => {},
    async call(method, ...input) {
      const fn = api[method] as (i?: unknown) => Promise<Envelope<never>>;
      return unwrap(await fn(input[0]));
    },
    on: (event, listener) => api.on(event, listener),
    onConnection(listener) {
      // Live unless the desktop is attached to an office server it can't reach right now.
      let last: boolean | undefined;
      const tell = (office: OfficeConnection) => {
        const connected = office.mode !== 'remote' || office.link === 'connected';
        if (connected !== last) listener((last = connected));
      };
      const off = api.on('office.changed', tell);
      void api['office.get']().then((env) => (env.ok ? tell(env.result) : last === undefined && listener((last = true))), () => undefined);
      return off;
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
  let access: Access = token ? 'ok' : 'missing';
  const accessListeners = new Set<(access: Access) => void>();
  const refused = (err: unknown) => {
    // A role's refusal (forbidden, naming the role needed) keeps the window signed in: only that action is refused.
    if (access === 'ok' && err instanceof BridgeError && (err.code === 'unauthorized' || (err.code === 'forbidden' && !isForbiddenDetails(err.details)))) {
      access = 'refused';
      accessListeners.forEach((l) => l(access));
    }
  };
  const denied = () => new BridgeError({ code: 'unauthorized', message: '' });
  /**
   * The host locks an address out after a few wrong tokens, which would lock
   * out every other tab on this computer too. So the first call goes alone;
   * the rest wait for its answer, and once the token is refused (or there is
   * none) nothing more is sent with it.
   */
  let gate: Promise<unknown> | undefined;
  let confirmed = false;
  const whenConfirmed = new Set<() => void>();
  const confirm = () => {
    if (confirmed) return;
    confirmed = true;
    whenConfirmed.forEach((f) => f());
    whenConfirmed.clear();
  };
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const connection = new Set<(connected: boolean) => void>();
  let source: EventSource | undefined;
  let connected = false;

  const setConnected = (value: boolean) => {
    if (connected === value) return;
    connected = value;
    connection.forEach((l) => l(value));
  };

  /** After the stream closed for good: reopen it if the token still works, else let the refusal show. */
  const recheck = () => {
    if (access !== 'ok') return;
    send('session.get', undefined).then(
      () => ensureStream(),
      (err: unknown) => {
        refused(err);
        if (access === 'ok') setTimeout(recheck, 5_000); // not answering or still starting: ask again
      },
    );
  };

  const ensureStream = () => {
    // Without access the stream only fails and retries (each a wrong attempt): open it once a call has succeeded.
    if (source || typeof EventSource === 'undefined' || access !== 'ok') return;
    if (!confirmed) {
      whenConfirmed.add(ensureStream);
      return;
    }
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onopen = () => setConnected(true);
    source.onerror = () => {
      setConnected(false); // after a network error EventSource reconnects by itself
      // An HTTP refusal (a revoked key, a host restarted with a new random token) closes
      // the stream for good and EventSource does not say why: ask with one call, which
      // turns a refusal into the "not accepted" notice instead of "Reconnecting…" forever.
      if (source?.readyState === EventSource.CLOSED) {
        source = undefined;
        setTimeout(recheck, 2_000);
      }
    };
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

  const send = async (method: MethodName, input: unknown): Promise<never> => {
    let res: Response;
    try {
      res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
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
  };

  return {
    kind: 'http',
    access: () => access,
    onAccess(listener) {
      accessListeners.add(listener);
      return () => accessListeners.delete(listener);
    },
    async call(method, ...input) {
      if (access !== 'ok') throw denied();
      if (!confirmed) {
        if (gate) await gate.catch(() => undefined);
        else {
          const first = send(method, input[0]);
          gate = first;
          try {
            const result = await first;
            confirm();
            return result;
          } catch (err) {
            refused(err);
            // Any other failure (the host not up yet) lets the next call try again.
            if (access === 'ok') gate = undefined;
            throw err;
          }
        }
        if (access !== 'ok') throw denied();
      }
      try {
        const result = await send(method, input[0]);
        confirm();
        return result;
      } catch (err) {
        refused(err);
        throw err;
      }
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
