// The HTTP pipeline both sandboxes share:
//   route → (API only: count in stats, apply faults) → handler → reply.
// Control routes (/_sandbox) and web pages skip stats and faults, so a test's
// or trainer's own calls never disturb what a sync measures.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createContext } from './context';
import type { Faults } from './faults';
import { HttpError } from './http-error';
import { html, page } from './html';
import { corruptRecords, wrongBody } from './corrupt';
import { htmlReply, json, replyText, send, type Reply } from './reply';
import type { Route, Router } from './router';
import type { Stats } from './stats';
import type { SandboxLogger as Logger } from './log';

export interface PipelineOptions {
  name: string;
  /** Shown on error pages for the web UI, e.g. "Condo Manager". */
  title: string;
  router: Router;
  faults: Faults;
  stats: Stats;
  /** Throws HttpError(401) when an API request lacks valid credentials. */
  authenticate(req: IncomingMessage, route: Route): void;
  /** How long a "timeout" fault holds a request before dropping it. */
  timeoutHoldMs?: number;
  /**
   * Request log (in-process sandboxes log into the console's logger): method,
   * route pattern (never the raw path), status, duration and query values,
   * which the logger redacts by name (email, name, phone, q…).
   */
  log?: Logger;
  /** Expires every access token (the `expireTokensEvery` fault); systems without tokens leave it out. */
  expireTokens?(): void;
}

export interface SandboxHttpServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A request's AbortSignal, made only when something waits on it (a
 * long-poll, a held or delayed request): one AbortController per request cost
 * more than routing it. Aborted when the client goes away or the server closes.
 */
class Lifetime {
  private controller: AbortController | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly live: Set<Lifetime>,
  ) {}

  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = new AbortController();
      this.controller = controller;
      if (this.req.socket.destroyed) {
        controller.abort();
      } else {
        this.live.add(this);
        this.res.once('close', () => {
          this.live.delete(this);
          if (!this.res.writableFinished) controller.abort();
        });
      }
    }
    return this.controller.signal;
  }

  abort(): void {
    this.controller?.abort();
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

function errorReply(err: unknown, name: string, pattern: string, log?: Logger): Reply {
  if (err instanceof HttpError) return json(err.status, err.body(), err.headers);
  // No request data in the log: names, emails and phones stay out of consoles.
  const e = err instanceof Error ? err : new Error(String(err));
  if (log) log.error('sandbox request failed', { system: name, route: pattern, error: `${e.name}: ${e.stack ?? e.message}` });
  else console.error(`[sandbox:${name}] ${pattern} failed: ${e.name}: ${e.stack ?? e.message}`);
  return json(500, { userMessage: 'Something went wrong on the server.', errorCode: 'internal_error', errors: [] });
}

/** People get a page, not a JSON body, when a page route fails. */
function pageErrorReply(reply: Reply, title: string): Reply {
  const body = reply.body as { userMessage?: string } | undefined;
  const message = body?.userMessage ?? 'Something went wrong.';
  return htmlReply(reply.status, page({ system: title, title: reply.status === 404 ? 'Not found' : 'Something went wrong', crumbs: [{ href: '/', label: 'Home' }] }, html`<p>${message}</p>`));
}

export async function startHttpServer(opts: PipelineOptions, port: number, host: string): Promise<SandboxHttpServer> {
  const live = new Set<Lifetime>();
  const sockets = new Set<Socket>();
  const holdMs = opts.timeoutHoldMs ?? 60_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://sandbox');
    } catch {
      return send(res, json(400, { userMessage: 'Bad URL.', errorCode: 'bad_request', errors: [] }));
    }
    const match = opts.router.match(method, url.pathname);
    const routeKind = match.kind === 'found' ? match.route.kind : match.kind === 'wrong-method' ? match.routeKind : 'api';
    const pattern = match.kind === 'found' ? match.route.pattern : match.kind === 'wrong-method' ? match.pattern : '(unknown route)';

    const lifetime = new Lifetime(req, res, live);
    if (opts.log) {
      const log = opts.log;
      const started = Date.now();
      res.once('finish', () => {
        const params = url.searchParams.size ? Object.fromEntries(url.searchParams) : undefined;
        const line = { system: opts.name, method, route: pattern, status: res.statusCode, ms: Date.now() - started, ...(params ? { params } : {}) };
        // Answers that went well are detail (a large sync makes tens of thousands); refusals and failures are what support reads.
        if (res.statusCode >= 500) log.warn('sandbox request', line);
        else if (res.statusCode >= 400) log.info('sandbox request', line);
        else log.debug('sandbox request', line);
      });
    }

    const counted = routeKind === 'api';
    let malformed = false;
    let wrongShape = false;
    let corruptRate = 0;
    if (counted) {
      opts.stats.request(`${method} ${pattern}`);
      res.on('finish', () => opts.stats.status(res.statusCode));
      const decision = opts.faults.decide();
      if (decision.kind === 'rate-limited') {
        opts.stats.fault('rateLimited');
        const retry = String(decision.retryAfterSec);
        return send(res, json(429, { userMessage: 'Too many requests. Try again later.', errorCode: 'rate_limited', errors: [{ key: 'Retry-After', value: retry }] }, { 'retry-after': retry }));
      }
      if (decision.delayMs > 0) {
        opts.stats.fault('latency');
        await sleep(decision.delayMs, lifetime.signal);
        if (lifetime.signal.aborted) return;
      }
      if (decision.kind === 'error') {
        opts.stats.fault('error');
        const reply = json(decision.status, { userMessage: 'The service is temporarily unavailable.', errorCode: decision.status === 503 ? 'unavailable' : 'internal_error', errors: [] });
        return send(res, reply);
      }
      if (decision.kind === 'timeout') {
        // Never answer: hold the request, then drop the connection.
        opts.stats.fault('timeout');
        await sleep(holdMs, lifetime.signal);
        req.socket.destroy();
        return;
      }
      if (decision.kind === 'reset') {
        // The connection drops with no answer at all, as a crashed proxy does.
        opts.stats.fault('reset');
        req.socket.resetAndDestroy();
        return;
      }
      malformed = decision.kind === 'malformed';
      wrongShape = decision.kind === 'wrong-body';
      corruptRate = decision.kind === 'none' ? decision.corruptRecordRate : 0;
      if (opts.expireTokens && opts.faults.tokensExpireNow()) {
        opts.stats.fault('tokensExpired');
        opts.expireTokens();
      }
    }

    let reply: Reply;
    try {
      if (match.kind === 'none') {
        throw new HttpError(404, 'not_found', 'There is no such endpoint.', [{ key: 'path', value: url.pathname }]);
      }
      if (match.kind === 'wrong-method') {
        throw new HttpError(405, 'method_not_allowed', `${method} is not allowed here.`, [{ key: 'method', value: method }], {
          allow: match.allowed.join(', '),
        });
      }
      if (routeKind === 'api') opts.authenticate(req, match.route);
      const ctx = createContext(req, res, url, pattern, match.params, lifetime);
      reply = await match.route.handler(ctx);
    } catch (err) {
      reply = errorReply(err, opts.name, pattern, opts.log);
      if (routeKind === 'page') reply = pageErrorReply(reply, opts.title);
    }
    if (malformed) {
      opts.stats.fault('malformed');
      // A 200 whose JSON is cut short: a proxy or a bug mangled it.
      const text = replyText(reply);
      return send(res, { status: 200 }, text.slice(0, Math.max(1, Math.floor(text.length / 2))) || '{');
    }
    if ((wrongShape || corruptRate > 0) && reply.status >= 200 && reply.status < 300 && (reply.contentType ?? 'application/json') === 'application/json') {
      const text = replyText(reply);
      const parsed = parseOrUndefined(text);
      if (parsed !== undefined) {
        if (wrongShape) {
          opts.stats.fault('wrongBody');
          return send(res, { ...reply, raw: JSON.stringify(wrongBody(parsed, () => opts.faults.dice())), body: undefined });
        }
        const spoiled = corruptRecords(parsed, corruptRate, () => opts.faults.dice());
        if (spoiled.corrupted > 0) {
          for (let i = 0; i < spoiled.corrupted; i++) opts.stats.fault('corruptRecord');
          return send(res, { ...reply, raw: JSON.stringify(spoiled.body), body: undefined });
        }
      }
    }
    send(res, reply);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, errorReply(err, opts.name, 'pipeline', opts.log)));
  });
  server.keepAliveTimeout = 10_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  // A wildcard bind is still reached through loopback.
  const bound = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  const hostForUrl = bound.includes(':') ? `[${bound}]` : bound;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const l of [...live]) l.abort();
        server.close(() => resolve());
        server.closeIdleConnections();
        // Give in-flight answers (released long-polls) a moment, then cut the rest.
        setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, 50).unref();
      }),
  };
}
