// Per-request context handed to handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readForm, readJson } from './body';
import { badRequest } from './http-error';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  query: URLSearchParams;
  pattern: string;
  /** Aborted when the client goes away or the server closes. */
  signal: AbortSignal;
  param(name: string): string;
  json(): Promise<unknown>;
  form(): Promise<URLSearchParams>;
}

export function createContext(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  pattern: string,
  params: Record<string, string>,
  lifetime: { readonly signal: AbortSignal },
): RequestContext {
  return {
    req,
    res,
    method: req.method ?? 'GET',
    url,
    query: url.searchParams,
    pattern,
    get signal() {
      return lifetime.signal;
    },
    param(name) {
      const value = params[name];
      if (value === undefined) throw badRequest(`Missing path parameter ${name}.`);
      return value;
    },
    json: () => readJson(req),
    form: () => readForm(req),
  };
}
