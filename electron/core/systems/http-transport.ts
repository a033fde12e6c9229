// One HTTP exchange, as HttpPolicy needs it: the status, the headers and the
// body as text, whatever the status. Two ways to send it:
//
// - directTransport: node:http/https on a kept-alive agent. A sync makes tens
//   of thousands of small requests; axios builds and merges a config, header
//   objects and streams for each (the largest allocator of a large first sync,
//   issue 9), while this allocates the request, the response and its text.
// - axiosTransport: axios, loaded only when an office proxy is set in the
//   environment (HTTP_PROXY, HTTPS_PROXY), because axios honours those and
//   node:http does not.
//
// Neither follows redirects, decompresses, or throws on a status: HttpPolicy
// decides what a status means. Both reject with the underlying error (its
// `code`, e.g. ECONNRESET) on a transport failure or an abort.
import http from 'node:http';
import https from 'node:https';

export interface Exchange {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
}

export interface Outgoing {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** Sent as JSON, or as is when a string; undefined sends no body. */
  body?: unknown;
  signal: AbortSignal;
}

export type Transport = (req: Outgoing) => Promise<Exchange>;

export function flatHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
    if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function payloadOf(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

export function directTransport(agent: http.Agent): Transport {
  return (req) =>
    new Promise<Exchange>((resolve, reject) => {
      const payload = payloadOf(req.body);
      const headers: Record<string, string> = { ...req.headers };
      if (payload !== undefined) {
        if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = String(Buffer.byteLength(payload));
      }
      const lib = req.url.startsWith('https:') ? https : http;
      const out = lib.request(req.url, { method: req.method, headers, agent, signal: req.signal }, (res) => {
        res.setEncoding('utf8');
        let text = '';
        let ended = false;
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          ended = true;
          resolve({ status: res.statusCode ?? 0, headers: flatHeaders(res.headers), text });
        });
        res.on('error', reject);
        // A connection closed before the body's end is a transport failure, not a short body.
        res.on('close', () => {
          if (!ended) reject(Object.assign(new Error('the connection closed before the response ended'), { code: 'ECONNRESET' }));
        });
      });
      out.on('error', reject);
      out.end(payload);
    });
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'];

/** Whether requests to this URL may need the office proxy the environment names (loopback never does). */
export function proxyConfigured(url: URL, env: NodeJS.ProcessEnv = process.env): boolean {
  if (['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return false;
  return PROXY_VARIABLES.some((k) => !!env[k]);
}

export function axiosTransport(agent: http.Agent): Transport {
  // Loaded on first use: a console without a proxy never pays for axios.
  const client = import('axios').then(({ default: axios }) =>
    axios.create({
      httpAgent: agent,
      httpsAgent: agent,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      maxRedirects: 0,
    }),
  );
  return async (req) => {
    const res = await (await client).request<string>({ url: req.url, method: req.method, data: req.body, headers: req.headers, signal: req.signal });
    return { status: res.status, headers: flatHeaders(res.headers), text: typeof res.data === 'string' ? res.data : '' };
  };
}
