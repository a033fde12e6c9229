/** Turns any failure into words for people: what happened, what to do, and whether anything was lost. */
import { BridgeError } from '../bridge';

export interface Explained {
  code: string;
  title: string;
  body: string;
  /** A method that later work builds: show calmly, not as a fault. */
  notYet: boolean;
}

export interface FieldError {
  field: string;
  message: string;
}

export function explain(err: unknown, what = 'This'): Explained {
  const code = err instanceof BridgeError ? err.code : 'internal';
  const message = err instanceof BridgeError ? err.message : '';
  switch (code) {
    case 'not_implemented':
      return {
        code,
        notYet: true,
        title: 'Not available in this version yet',
        body: `${what} is still being built into Condo Sync. Nothing was changed and nothing was lost.`,
      };
    case 'unavailable':
      return { code, notYet: false, title: 'Condo Sync is not answering', body: message || 'Check that Condo Sync is still running, then try again. Nothing was lost.' };
    case 'unauthorized':
    case 'forbidden':
      return {
        code,
        notYet: false,
        title: 'This window is no longer signed in',
        body: 'Open the console again from Condo Sync (the tray icon, or the link it printed when it started). Nothing was lost.',
      };
    case 'not_found':
      return { code, notYet: false, title: 'Not found', body: message || 'It may have been removed, or not synced yet. Nothing was lost.' };
    case 'rate_limited':
    case 'timeout':
    case 'upstream_error':
      return { code, notYet: false, title: 'The other system did not answer in time', body: message || 'Nothing was lost; Condo Sync will retry. You can also try again in a few minutes.' };
    case 'invalid_input':
      return { code, notYet: false, title: 'Please check the highlighted fields', body: 'Nothing was saved yet.' };
    case 'conflict':
      return { code, notYet: false, title: 'That could not be done right now', body: message || 'Something changed in the meantime. Reload and try again; nothing was lost.' };
    default:
      return {
        code,
        notYet: false,
        title: 'Something went wrong',
        body: message || 'Nothing was lost. Try again, and if it repeats, contact support.',
      };
  }
}

/** The `{ field, message }` list an invalid_input error carries, if any. */
export function fieldErrors(err: unknown): FieldError[] {
  if (!(err instanceof BridgeError) || err.code !== 'invalid_input') return [];
  const details = err.details as { fields?: unknown } | undefined;
  if (!details || !Array.isArray(details.fields)) return [];
  return details.fields.filter(
    (f): f is FieldError => typeof f === 'object' && f !== null && typeof (f as FieldError).field === 'string' && typeof (f as FieldError).message === 'string',
  );
}

/** Validation wording from the schema library, in plain words. */
function plainValidation(message: string): string {
  if (/^Too small: expected string to have >=1 character/i.test(message)) return 'This is required';
  if (/^Too big: expected string/i.test(message)) return 'This is too long';
  if (/^Too (small|big): expected number to be ([<>]=?)(\d+)/i.test(message)) {
    const [, kind, , n] = /^Too (small|big): expected number to be ([<>]=?)(\d+)/i.exec(message) ?? [];
    return kind?.toLowerCase() === 'small' ? `Enter ${n} or more` : `Enter ${n} or less`;
  }
  if (/^Invalid input: expected/i.test(message)) return 'Check this value';
  return message;
}

/** "must be a URL…" → "Must be a URL…." for display under a field. */
export function sentence(message: string): string {
  const s = plainValidation(message.trim());
  if (!s) return s;
  return s[0]!.toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');
}

export function isNotYet(err: unknown): boolean {
  return err instanceof BridgeError && err.code === 'not_implemented';
}
