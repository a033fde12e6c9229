// A tiny loopback HTTP server for client tests: each request is recorded and
// answered by the test's own handler, so scripts like "503, then 200" are
// plain code and every assertion is about real HTTP.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { HttpPolicy, type HttpPolicyOptions } from '../../electron/core/systems';

export interface Recorded {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** performance.now() when the request arrived. */
  at: number;
  /** 0-based arrival index. */
  n: number;
}

export type Handler = (req: Recorded, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

export interface ScriptedServer {
  url: string;
  requests: Recorded[];
  maxConcurrent: number;
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<ScriptedServer> {
  const requests: Recorded[] = [];
  let active = 0;
  const state = { maxConcurrent: 0 };
  const server = http.createServer((raw, res) => {
    const at = performance.now();
    active++;
    state.maxConcurrent = Math.max(state.maxConcurrent, active);
    res.on('close', () => active--);
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const u = new URL(raw.url ?? '/', 'http://x');
      const rec: Recorded = {
        method: raw.method ?? 'GET',
        url: raw.url ?? '/',
        path: u.pathname,
        query: u.searchParams,
        headers: raw.headers,
        body: text ? safeJson(text) : undefined,
        at,
        n: requests.length,
      };
      requests.push(rec);
      Promise.resolve(handler(rec, res, raw)).catch((err: unknown) => {
        if (!res.headersSent) send(res, 500, { userMessage: String(err), errorCode: 'test_handler', errors: [] });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxConcurrent() {
      return state.maxConcurrent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string | number> = {}): void {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Never answers; the client's timeout or abort must end it. */
export function hang(): void {}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * HttpPolicy against a scripted server, one pair per test: the returned
 * `setup` starts both (fast backoff, a rate that never paces unless `opts`
 * say otherwise), and both are closed after each test. `seen` lists each
 * answer as [method, url, status] unless `opts.onRequest` replaces it.
 */
export function policyPerTest(system: HttpPolicyOptions['system']) {
  let server: ScriptedServer | undefined;
  let policy: HttpPolicy | undefined;
  afterEach(async () => {
    policy?.close();
    await server?.close();
    server = undefined;
    policy = undefined;
  });
  return async (handler: Handler, opts: Partial<HttpPolicyOptions> = {}) => {
    server = await startServer(handler);
    const seen: [string, string, number][] = [];
    policy = new HttpPolicy({
      system,
      baseUrl: server.url,
      backoffBaseMs: 5,
      backoffCapMs: 20,
      rate: { requestsPerSecond: 1000, burst: 100, concurrency: 8 },
      onRequest: (m, u, s) => seen.push([m, u, s]),
      ...opts,
    });
    return { server, policy, seen };
  };
}

/** What `p` was rejected with; throws when it resolved. */
export async function rejectionOf<E extends Error = Error>(p: Promise<unknown>): Promise<E> {
  try {
    await p;
  } catch (err) {
    return err as E;
  }
  throw new Error('expected a rejection');
}
