// Shared helpers for the sandbox tests: real servers on loopback in a temp
// data dir, and small fetch wrappers with each system's credentials.
import { tempDir } from '../helpers/temp-dir';
import { startCondoControl, startCondoManager, type CondoControlOptions, type CondoManagerOptions } from '../../electron/sandbox';

export const CORP = 'corp_tscc2750';
export const CM_HEADERS = { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' };

/** A fresh data dir per sandbox; the same helper every test uses. */
export function tempDataDir(): { path: string; cleanup(): void } {
  return tempDir('condo-sandbox-test-');
}

/** Response bodies are checked by the tests' assertions, not by types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Res<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = Json>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<Res<T>> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body: body as T, text };
}

export async function cmSandbox(opts: Partial<CondoManagerOptions> = {}) {
  const dir = tempDataDir();
  const server = await startCondoManager({ dataDir: dir.path, faultSeed: 1, ...opts });
  const cm = <T = Json>(path: string, init: RequestInit & { json?: unknown } = {}) =>
    call<T>(`${server.url}${path}`, { ...init, headers: { ...CM_HEADERS, ...(init.headers as Record<string, string>) } });
  return {
    server,
    url: server.url,
    cm,
    raw: <T = Json>(path: string, init: RequestInit & { json?: unknown } = {}) => call<T>(`${server.url}${path}`, init),
    async close() {
      await server.close();
      dir.cleanup();
    },
  };
}

export async function ccSandbox(opts: Partial<CondoControlOptions> = {}) {
  const dir = tempDataDir();
  const server = await startCondoControl({ dataDir: dir.path, faultSeed: 1, ...opts });
  let token = '';
  const login = async () => {
    const res = await call<{ accessToken: string }>(`${server.url}/api/v1/auth/token`, {
      method: 'POST',
      json: { username: 'demo', password: 'demo-password' },
    });
    token = res.body.accessToken;
    return token;
  };
  await login();
  const cc = <T = Json>(path: string, init: RequestInit & { json?: unknown } = {}) =>
    call<T>(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
    });
  return {
    server,
    url: server.url,
    cc,
    login,
    raw: <T = Json>(path: string, init: RequestInit & { json?: unknown } = {}) => call<T>(`${server.url}${path}`, init),
    async close() {
      await server.close();
      dir.cleanup();
    },
  };
}

/** A form POST as a browser sends it; redirects are not followed so tests see the 303. */
export function postForm(url: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return call(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
    redirect: 'manual',
  });
}
