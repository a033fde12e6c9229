import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventBus } from '../core/events';
import { AppError, httpStatusFor, toErrorBody } from '@shared/errors';
import { TOKEN_ADMINISTRATOR, type Caller } from '@shared/access';
import type { Logger } from '../core/log';
import { AuthLimiter } from './auth-limiter';
import { loopbackHostOnly } from './host-check';
import { serveStatic } from './static';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpAdapterOptions {
  /** Runs one contract method for a caller (the core checks the caller's role). */
  call(method: string, input: unknown, caller: Caller): Promise<unknown>;
  events: EventBus;
  /** The host's single access token: the administrator, as before access keys. */
  token: string;
  /**
   * Named access keys: who a bearer string other than the token is. A
   * revoked key answers `revoked` (refused, and recorded against `method`).
   */
  checkKey?(given: string, method: string | undefined): Promise<{ caller: Caller } | { revoked: Caller } | undefined>;
  /** Built renderer folder served at `/`; omitted in API-only tests. */
  staticDir?: string;
  isReady(): boolean;
  onError?(err: unknown): void;
  /** 'https' when served over TLS: the scheme a same-site page's Origin carries. */
  scheme?: 'http' | 'https';
  /** The DNS-rebinding guard on the Host header; default: loopback names only. */
  hostAllowed?(host: string | undefined): boolean;
  /** Failed token attempts per address; default 10 a minute, then 5 minutes locked. */
  limiter?: AuthLimiter;
  /** Where refused attempts are logged (address and path, never the token). */
  log?: Logger;
  /**
   * How often an event stream opened with an access key checks that the key
   * is still valid, in ms (default 5000). A key may be revoked on another
   * engine or by `condo-sync keys revoke`, so no local event says so.
   */
  keyRecheckMs?: number;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...headers,
  });
  res.end(json);
}

function sendError(res: ServerResponse, err: AppError, headers: Record<string, string> = {}): void {
  send(res, httpStatusFor[err.code], { ok: false, error: err.toBody() }, headers);
}

function sameToken(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

/** A browser page from another site must not drive the console (CSRF). */
function foreignOrigin(req: IncomingMessage, scheme: 'http' | 'https'): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin === 'null';
  return origin !== `${scheme}://${req.headers.host}`;
}

const NEEDS_TOKEN = 'A valid token is required. Open the URL that Condo Sync printed when it started.';
const REVOKED = 'This access key was revoked. Ask an administrator for a new one.';

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'The request is larger than 1 MiB.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'The request is larger than 1 MiB.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid_input', 'The request body is not valid JSON.');
  }
}

/**
 * The HTTP adapter of the contract: `POST /api/<method>` answers
 * `{ ok: true, result }` or `{ ok: false, error }`; `GET /api/events` is an
 * SSE stream of the core's events; everything else is the built renderer.
 */
export function createHttpHandler(opts: HttpAdapterOptions) {
  const clients = new Set<ServerResponse>();
  const scheme = opts.scheme ?? 'http';
  const hostAllowed = opts.hostAllowed ?? loopbackHostOnly;
  const limiter = opts.limiter ?? new AuthLimiter();

  /**
   * Token or access-key check with the per-address limit: a locked address
   * is refused before its token is even compared. Answers and returns
   * undefined when refused; otherwise who is calling.
   */
  const authorized = async (req: IncomingMessage, res: ServerResponse, given: string | undefined | null, route: string, method?: string): Promise<Caller | undefined> => {
    const remote = req.socket.remoteAddress ?? 'unknown';
    const wait = limiter.retryAfterSec(remote);
    if (wait > 0) {
      sendError(res, new AppError('rate_limited', `Too many attempts with a wrong token from this computer. Try again in ${wait} seconds.`), { 'retry-after': String(wait) });
      return undefined;
    }
    if (sameToken(given, opts.token)) {
      limiter.succeed(remote);
      return TOKEN_ADMINISTRATOR;
    }
    // Access keys live in the engine's database: until it is up, a key can be neither
    // accepted nor refused, so say "starting" (no lockout strike, no lost session).
    if (given && opts.checkKey && !opts.isReady()) {
      sendError(res, new AppError('unavailable', 'Condo Sync is still starting. Try again in a moment.'), { 'retry-after': '1' });
      return undefined;
    }
    const key = given && opts.checkKey ? await opts.checkKey(given, method) : undefined;
    if (key && 'caller' in key) {
      limiter.succeed(remote);
      return key.caller;
    }
    const { failures, locked } = limiter.fail(remote);
    // The address and the route only: never the token tried, never the query string that may carry it.
    opts.log?.warn(locked ? 'wrong access token: address locked out' : 'wrong access token', { remote, route, failures, given: key ? 'revoked key' : given ? 'wrong' : 'none' });
    sendError(res, new AppError('unauthorized', key ? REVOKED : NEEDS_TOKEN, key ? { revoked: true } : undefined));
    return undefined;
  };

  const streamEvents = (req: IncomingMessage, res: ServerResponse, caller: Caller, given: string) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.write('retry: 2000\n: connected\n\n');
    clients.add(res);
    const unsubscribe = opts.events.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    // Comments keep idle proxies and the browser from dropping the stream.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    // A revoked key's console must stop receiving the engine's events: end the
    // stream; the browser's reconnect then gets the 401 that says why.
    const recheck =
      caller.kind === 'key' && opts.checkKey
        ? setInterval(() => {
            opts.checkKey!(given, undefined).then(
              (check) => {
                if (!check || !('caller' in check)) res.end();
              },
              () => undefined, // the database is unreachable: the next check decides
            );
          }, opts.keyRecheckMs ?? 5_000)
        : undefined;
    req.on('close', () => {
      clearInterval(heartbeat);
      clearInterval(recheck);
      unsubscribe();
      clients.delete(res);
    });
  };

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    try {
      if (!hostAllowed(req.headers.host)) {
        return sendError(res, new AppError('forbidden', 'This address is not one Condo Sync serves. Open the URL it printed when it started.'));
      }
      if (path === '/api/health') {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new AppError('invalid_input', 'Use GET /api/health.');
        if (!opts.isReady()) return send(res, 503, { ok: false, status: 'starting' }, { 'retry-after': '1' });
        return send(res, 200, { ok: true, status: 'ready' });
      }
      if (path === '/api/events') {
        if (req.method !== 'GET') return sendError(res, new AppError('invalid_input', 'Use GET /api/events.'), { allow: 'GET' });
        const given = bearer(req) ?? url.searchParams.get('token');
        const caller = await authorized(req, res, given, '/api/events');
        if (!caller) return;
        return streamEvents(req, res, caller, given ?? '');
      }
      if (path.startsWith('/api/')) {
        const method = decodeURIComponent(path.slice('/api/'.length));
        // No Access-Control-* header is ever sent: a preflight (OPTIONS) gets this 405, so browsers refuse cross-site calls.
        if (req.method !== 'POST') {
          res.setHeader('allow', 'POST');
          return send(res, 405, { ok: false, error: { code: 'invalid_input', message: `Use POST /api/${method}.` } });
        }
        const caller = await authorized(req, res, bearer(req), `/api/${method.slice(0, 80)}`, method);
        if (!caller) return;
        if (foreignOrigin(req, scheme)) return sendError(res, new AppError('forbidden', 'Requests from other web sites are refused.'));
        if (!opts.isReady()) return sendError(res, new AppError('unavailable', 'Condo Sync is still starting. Try again in a moment.'), { 'retry-after': '1' });
        const input = parseJson(await readBody(req));
        const result = await opts.call(method, input, caller);
        return send(res, 200, { ok: true, result: result ?? null });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Only GET is served here.' } }, { allow: 'GET, HEAD' });
      }
      if (!opts.staticDir) return sendError(res, new AppError('not_found', 'Nothing is served here.'));
      return serveStatic(req, res, opts.staticDir, path);
    } catch (err) {
      if (!(err instanceof AppError)) opts.onError?.(err);
      const body = toErrorBody(err);
      if (res.headersSent) return void res.end();
      // Draining would read a huge body for nothing: close after answering 413.
      if (body.code === 'payload_too_large') res.setHeader('connection', 'close');
      return send(res, httpStatusFor[body.code], { ok: false, error: body });
    }
  };

  return {
    handler,
    /** Ends open event streams so the server can close promptly. */
    closeStreams() {
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
