// What a handler returns. JSON can be passed pre-serialized (`raw`), so list
// endpoints can join stored JSON rows instead of parsing and re-stringifying.
import type { ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  headers?: Record<string, string | number>;
  /** Serialized with JSON.stringify. */
  body?: unknown;
  /** Sent as is, with `contentType` (default application/json). */
  raw?: string;
  contentType?: string;
}

export const json = (status: number, body: unknown, headers?: Record<string, string | number>): Reply => ({
  status,
  body,
  headers,
});

export const rawJson = (status: number, raw: string, headers?: Record<string, string | number>): Reply => ({
  status,
  raw,
  headers,
});

export const htmlReply = (status: number, raw: string): Reply => ({
  status,
  raw,
  contentType: 'text/html; charset=utf-8',
});

/** 303 so a browser follows a form POST with a GET (post/redirect/get). */
export const redirect = (location: string): Reply => ({ status: 303, headers: { location }, raw: '' });

export function replyText(reply: Reply): string {
  if (reply.raw !== undefined) return reply.raw;
  return reply.body === undefined ? '' : JSON.stringify(reply.body);
}

export function send(res: ServerResponse, reply: Reply, text = replyText(reply)): void {
  if (res.headersSent || res.destroyed) return;
  // Encode once: the length and the bytes sent come from the same buffer.
  const body = Buffer.from(text);
  const headers: Record<string, string | number> = {
    'content-type': reply.contentType ?? 'application/json; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    ...reply.headers,
  };
  res.writeHead(reply.status, headers);
  res.end(body);
}
