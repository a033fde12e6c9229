import { AppError, isErrorBody } from '@shared/errors';

/** `fetch` as Node and Electron's `net.fetch` both offer it (Electron's trusts the OS certificate store). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Why the server could not be used; the Settings form and the banner word each one. */
export type OfficeFailure = 'unreachable' | 'certificate' | 'key_refused' | 'not_condo_sync' | 'timeout';

const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH|ERR_CERT/i;

function causeCode(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const o = e as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
    parts.push(String(o.code ?? ''), String(o.name ?? ''), String(o.message ?? ''));
    e = o.cause;
  }
  return parts.join(' ');
}

/**
 * Turns a failed request into a typed error that names the server but never
 * the key. `unavailable` for the network, `timeout`, `unauthorized` for a
 * refused key, `upstream_error` for something that is not a Condo Sync
 * server; `details.reason` says which (OfficeFailure).
 */
export function networkError(origin: string, err: unknown): AppError {
  const code = causeCode(err);
  if (/TimeoutError|AbortError|ETIMEDOUT|UND_ERR_.*TIMEOUT/i.test(code)) {
    return new AppError('timeout', `The office server at ${origin} did not answer in time. Nothing was lost; Condo Sync tries again.`, { reason: 'timeout' });
  }
  if (CERT_CODES.test(code)) {
    return new AppError(
      'unavailable',
      `The office server at ${origin} presented a certificate this computer does not trust. Ask your IT department to install the server’s certificate (or its authority) on this computer.`,
      { reason: 'certificate' },
    );
  }
  return new AppError('unavailable', `The office server at ${origin} can’t be reached. Check the address and the network.`, { reason: 'unreachable' });
}

export const KEY_REFUSED = 'The office server refused this access key. Check the key with whoever runs the server.';

/**
 * One call of the contract on the office server: `POST <origin>/api/<method>`
 * with the key as a bearer token. Answers the result, or throws the server's
 * own typed error (forwarded as is), or a typed error from networkError().
 */
export async function callOffice(o: { origin: string; key: string; fetch: FetchLike; timeoutMs?: number }, method: string, input: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await o.fetch(`${o.origin}/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${o.key}` },
      body: JSON.stringify(input ?? {}),
      signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
    });
  } catch (err) {
    throw networkError(o.origin, err);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch (err) {
    if (causeCode(err).match(/TimeoutError|AbortError/)) throw networkError(o.origin, err);
    body = undefined;
  }
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    const env = body as { ok: boolean; result?: unknown; error?: unknown };
    if (env.ok === true) return env.result;
    if (isErrorBody(env.error)) {
      // The key, not the request, was refused: say so in the desktop's words.
      if (env.error.code === 'unauthorized') throw new AppError('unauthorized', KEY_REFUSED, { reason: 'key_refused' });
      throw new AppError(env.error.code, env.error.message, env.error.details);
    }
  }
  throw new AppError('upstream_error', `The address ${o.origin} answered (HTTP ${res.status}), but not as a Condo Sync office server. Check the address.`, {
    reason: 'not_condo_sync',
  });
}
