import { AppError, isErrorBody } from '@shared/errors';

/** `fetch` as Node and Electron's `net.fetch` both offer it (Electron's trusts the OS certificate store). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Why the server could not be used (`details.reason`); the Settings form words
 * each one in the reader's language, saying what to do:
 * - unreachable: no route or no such name (DNS), `unavailable`;
 * - refused: the computer answered but nothing listens on that port, `unavailable`;
 * - timeout: connected, but no answer in time, `timeout`;
 * - certificate: HTTPS with a certificate this computer does not trust, `unavailable`;
 * - no_tls: https:// to a server that serves plain HTTP (no --tls-cert), `unavailable`;
 * - key_refused / key_revoked: the server refused the key, `unauthorized`;
 * - locked_out: too many wrong keys from this computer, `rate_limited` (details.retryAfterSec);
 * - wrong_host: a Condo Sync server that does not answer to that name (its --allowed-host), `forbidden`;
 * - starting: a Condo Sync server still starting, `unavailable`;
 * - not_condo_sync: something answered, but not a Condo Sync server, `upstream_error`.
 */
export type OfficeFailure =
  | 'unreachable'
  | 'refused'
  | 'certificate'
  | 'no_tls'
  | 'key_refused'
  | 'key_revoked'
  | 'locked_out'
  | 'wrong_host'
  | 'starting'
  | 'not_condo_sync'
  | 'timeout';

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
  // https:// to a server that speaks plain HTTP: Node's OpenSSL reads its HTTP answer as a TLS
  // record (wrong version number); Chromium's net.fetch says ERR_SSL_PROTOCOL_ERROR.
  if (/WRONG_VERSION_NUMBER|wrong version number|ERR_SSL_PROTOCOL_ERROR/i.test(code)) {
    return new AppError(
      'unavailable',
      `The server at ${origin} answers, but does not serve HTTPS: it was started without --tls-cert and --tls-key. Ask whoever runs it to serve HTTPS (for a server on this computer, http://127.0.0.1 works too).`,
      { reason: 'no_tls' },
    );
  }
  if (CERT_CODES.test(code)) {
    return new AppError(
      'unavailable',
      `The office server at ${origin} presented a certificate this computer does not trust. Ask your IT department to install the server’s certificate (or its authority) on this computer.`,
      { reason: 'certificate' },
    );
  }
  if (/ECONNREFUSED/.test(code)) {
    return new AppError(
      'unavailable',
      `Nothing answers at ${origin}: the computer is there, but Condo Sync is not listening on that port. Check the port in the address, and ask whoever runs the server whether it is running.`,
      { reason: 'refused' },
    );
  }
  return new AppError('unavailable', `The office server at ${origin} can’t be reached. Check the address and the network.`, { reason: 'unreachable' });
}

export const KEY_REFUSED = 'The office server refused this access key. Check the key with whoever runs the server.';
const KEY_REVOKED = 'This access key was revoked on the office server. Ask whoever runs the server for a new one.';

/** A refusal by the server's own gate (before any method runs), in the desktop's words with its reason. */
function gateError(origin: string, res: Response, error: { code: string; details?: unknown }): AppError | undefined {
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as Record<string, unknown>;
  if (error.code === 'unauthorized') {
    return details.revoked === true ? new AppError('unauthorized', KEY_REVOKED, { reason: 'key_revoked' }) : new AppError('unauthorized', KEY_REFUSED, { reason: 'key_refused' });
  }
  if (error.code === 'rate_limited') {
    const retryAfterSec = Math.max(1, Number(res.headers.get('retry-after')) || 300);
    return new AppError(
      'rate_limited',
      `The office server refuses this computer for ${Math.ceil(retryAfterSec / 60)} min after too many wrong access keys. Check the key, then try again after that.`,
      { reason: 'locked_out', retryAfterSec },
    );
  }
  // A role's refusal carries ForbiddenDetails (the method); the Host check has none.
  if (error.code === 'forbidden' && typeof details.method !== 'string') {
    return new AppError(
      'forbidden',
      `The Condo Sync server at ${origin} does not answer to that name. Use the address it printed when it started, or ask whoever runs it to add this name with --allowed-host.`,
      { reason: 'wrong_host' },
    );
  }
  return undefined;
}

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
      // The key or this computer, not the request, was refused: say so in the desktop's words.
      const gate = gateError(o.origin, res, env.error);
      if (gate) throw gate;
      throw new AppError(env.error.code, env.error.message, env.error.details);
    }
  }
  throw new AppError('upstream_error', `The address ${o.origin} answered (HTTP ${res.status}), but not as a Condo Sync office server. Check the address.`, {
    reason: 'not_condo_sync',
  });
}
