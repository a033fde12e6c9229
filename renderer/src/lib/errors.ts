/** Turns any failure into words for people: what happened, what to do, and whether anything was lost. */
import { readMessages } from '@shared/core-messages';
import { BridgeError, bridge } from '../bridge';
import { coreText } from './core-text';
import { currentLanguage, i18n } from '../i18n';
import { count } from './format';
import { isForbiddenDetails } from '@shared/access';
import { whyNot } from './use-permission';

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

/**
 * The core writes its messages in English. They are more specific than the
 * catalogue's, so English readers get them. A French reader gets the same
 * sentence from the catalogue when it is one of the engine's coded sentences
 * (shared/core-messages.ts), and otherwise the catalogue's sentence for the
 * error's code, never a line of English.
 */
function serverText(message: string): string {
  if (currentLanguage() === 'en') return message;
  return readMessages(message) ? coreText(message) : '';
}

export function explain(err: unknown, what?: string): Explained {
  const t = i18n.t;
  const code = err instanceof BridgeError ? err.code : 'internal';
  const message = err instanceof BridgeError ? serverText(err.message) : '';
  switch (code) {
    case 'not_implemented':
      return { code, notYet: true, title: t('errors.notYet.title'), body: t('errors.notYet.body', { what: what ?? t('errors.notYet.this') }) };
    case 'unavailable':
      return { code, notYet: false, title: t('errors.unavailable.title'), body: message || t('errors.unavailable.body') };
    case 'forbidden':
    case 'unauthorized':
      // The engine refused this for the caller's role: say why, in the reader's words.
      if (code === 'forbidden' && err instanceof BridgeError && isForbiddenDetails(err.details)) {
        return { code, notYet: false, title: t('access.forbiddenTitle'), body: whyNot(err.details.role, err.details.permission) };
      }
      // Browser mode has no tray: say where the link comes from instead.
      return { code, notYet: false, title: t('errors.unauthorized.title'), body: t(bridge.kind === 'electron' ? 'errors.unauthorized.bodyDesktop' : 'errors.unauthorized.bodyBrowser') };
    case 'not_found':
      return { code, notYet: false, title: t('errors.notFound.title'), body: message || t('errors.notFound.body') };
    case 'rate_limited':
    case 'timeout':
    case 'upstream_error':
      return { code, notYet: false, title: t('errors.upstream.title'), body: message || t('errors.upstream.body') };
    case 'invalid_input':
      return { code, notYet: false, title: t('errors.invalid.title'), body: t('errors.invalid.body') };
    case 'conflict':
      return { code, notYet: false, title: t('errors.conflict.title'), body: message || t('errors.conflict.body') };
    default:
      return { code, notYet: false, title: t('errors.internal.title'), body: message || t('errors.internal.body') };
  }
}

/** Whether a failure means this window lost its access (wrong or missing token). */
export function isUnauthorized(err: unknown): boolean {
  return err instanceof BridgeError && (err.code === 'unauthorized' || (err.code === 'forbidden' && !isForbiddenDetails(err.details)));
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

/** Validation wording from the schema library, in plain words (and in the reader's language). */
function plainValidation(message: string): string {
  const t = i18n.t;
  if (/^Too small: expected string to have >=1 character/i.test(message)) return t('errors.field.required');
  if (/^Too big: expected string/i.test(message)) return t('errors.field.tooLong');
  const range = /^Too (small|big): expected number to be ([<>]=?)(\d+)/i.exec(message);
  if (range) {
    const n = count(Number(range[3]));
    return range[1]!.toLowerCase() === 'small' ? t('errors.field.atLeast', { n }) : t('errors.field.atMost', { n });
  }
  if (/^Invalid input: expected/i.test(message)) return t('errors.field.check');
  if (/cannot be kept longer than the syncs/i.test(message)) return t('errors.field.retentionCross');
  if (/^must be on one line, without tabs/i.test(message)) return t('errors.field.oneLine');
  // The contract's own words (shared/contract.ts), said in the reader's language.
  if (/^must not be empty$/i.test(message)) return t('errors.field.required');
  if (/^is too long$/i.test(message)) return t('errors.field.tooLong');
  if (/^must not start with @$/i.test(message)) return t('errors.field.noAt');
  return message;
}

/** A reason the core gave (in English), as a sentence, or undefined where the reader's language is not English. */
export function serverSentence(message: string | undefined): string | undefined {
  const s = message ? serverText(message) : '';
  return s ? sentence(s) : undefined;
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
