import { redact } from '../log';

/** Query keys whose values are personal data (findUsers takes an email). */
const PRIVATE_QUERY_KEY = /^(email|e-?mail|name|first_?name|last_?name|phone|phones|number)$/i;

/** Path only: what error messages name. Queries stay out, they may hold an email. */
export function routeOf(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  try {
    return new URL(path).pathname;
  } catch {
    return path;
  }
}

/** The full URL with private query values masked, for request hooks and logs. */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const out = new URLSearchParams();
  for (const [k, v] of params) out.append(k, PRIVATE_QUERY_KEY.test(k) ? '[redacted]' : v);
  return `${url.slice(0, q)}?${out.toString()}`;
}

/** Masks emails and phone-like numbers in text a remote system wrote. */
export function maskText(text: string): string {
  return redact(text) as string;
}
