import { isIP } from 'node:net';
import { AppError } from '@shared/errors';

/** Why an address is refused; the Settings form words each one. */
export type OfficeUrlReason = 'not_a_url' | 'https_required';

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}

function refuse(reason: OfficeUrlReason, message: string): never {
  throw new AppError('invalid_input', message, { fields: [{ field: 'url', message, reason }] });
}

/**
 * The office server's address as the desktop keeps it: its origin
 * (`https://sync.office.example:4780`). HTTPS is required because the access
 * key travels with every request; plain HTTP only on loopback, where nothing
 * crosses the network. The link the server printed (`…/?token=…`) is accepted
 * and its token returned, so pasting it is enough.
 * Throws AppError `invalid_input` with `details.fields[0].reason`.
 */
export function parseOfficeUrl(raw: string): { origin: string; tokenInUrl?: string } {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return refuse('not_a_url', 'must be an address such as https://sync.office.example:4780');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse('not_a_url', 'must start with https://');
  if (!url.hostname) return refuse('not_a_url', 'must be an address such as https://sync.office.example:4780');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return refuse(
      'https_required',
      'must start with https://: the access key travels with every request, and plain http:// would let anyone on the network read it. Plain http:// is accepted only for a server on this computer (127.0.0.1). Ask your IT department to start the server with --tls-cert and --tls-key',
    );
  }
  const token = url.searchParams.get('token')?.trim();
  return { origin: url.origin, ...(token ? { tokenInUrl: token } : {}) };
}
