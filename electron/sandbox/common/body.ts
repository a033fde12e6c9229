// Request bodies: at most 1 MiB (413 beyond), JSON (400 when invalid) or an
// HTML form. An oversized body is drained rather than cut off, so the client
// finishes sending and can read the 413.
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Past this, stop draining and drop the connection. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = Number(req.headers['content-length'] ?? 0) > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooBig = true;
      if (size > DRAIN_LIMIT_BYTES) req.destroy();
      if (!tooBig) chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooBig) reject(tooLarge(limit));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'payload_too_large', `The request body is larger than ${limit} bytes.`, [
    { key: 'body', value: `at most ${limit} bytes` },
  ]);
}

/** Parsed JSON, or undefined for an empty body. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.', [
      { key: 'body', value: 'invalid JSON' },
    ]);
  }
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req)).toString('utf8'));
}
