import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventBus } from '../core/events';
import { AppError, httpStatusFor, toErrorBody } from '@shared/errors';
import { serveStatic } from './static';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpAdapterOptions {
  call(method: string, input: unknown): Promise<unknown>;
  events: EventBus;
  token: string;
  /** Built renderer folder served at `/`; omitted in API-only tests. */
  staticDir?: string;
  isReady(): boolean;
  onError?(err: unknown): void;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
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
function foreignOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin === 'null';
  return origin !== `http://${req.headers.host}`;
}

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

  const streamEvents = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    clients.add(res);
    const unsubscribe = opts.events.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    // Comments keep idle proxies and the browser from dropping the stream.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      clients.delete(res);
    });
  };

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    try {
      if (path === '/api/health') {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new AppError('invalid_input', 'Use GET /api/health.');
        if (!opts.isReady()) return send(res, 503, { ok: false, status: 'starting' }, { 'retry-after': '1' });
        return send(res, 200, { ok: true, status: 'ready' });
      }
      if (path === '/api/events') {
        if (req.method !== 'GET') return sendError(res, new AppError('invalid_input', 'Use GET /api/events.'), { allow: 'GET' });
        if (!sameToken(bearer(req) ?? url.searchParams.get('token'), opts.token)) {
          return sendError(res, new AppError('unauthorized', 'A valid token is required. Open the URL that Condo Sync printed when it started.'));
        }
        return streamEvents(req, res);
      }
      if (path.startsWith('/api/')) {
        const method = decodeURIComponent(path.slice('/api/'.length));
        if (req.method !== 'POST') {
          res.setHeader('allow', 'POST');
          return send(res, 405, { ok: false, error: { code: 'invalid_input', message: `Use POST /api/${method}.` } });
        }
        if (!sameToken(bearer(req), opts.token)) {
          return sendError(res, new AppError('unauthorized', 'A valid token is required. Open the URL that Condo Sync printed when it started.'));
        }
        if (foreignOrigin(req)) return sendError(res, new AppError('forbidden', 'Requests from other web sites are refused.'));
        if (!opts.isReady()) return sendError(res, new AppError('unavailable', 'Condo Sync is still starting. Try again in a moment.'), { 'retry-after': '1' });
        const input = parseJson(await readBody(req));
        const result = await opts.call(method, input);
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
