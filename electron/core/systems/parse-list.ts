import type { z } from 'zod';
import { NUL_MESSAGE, nulPath, wellFormed } from '@shared/nul-text';
import { SystemError, type SystemName } from './errors';

export interface RecordError {
  entity: string;
  /** Position in the page the record came in. */
  index: number;
  /** The record's id, when it had a readable one. */
  id?: string;
  /** Dotted path of the first bad field, e.g. `phones.0.type`. */
  field: string;
  /** What is wrong with `field` (the validator's words, not naming the field again), without the value (it may be personal data). */
  message: string;
}

export interface ParsedList<T> {
  items: T[];
  errors: RecordError[];
}

export interface ParseContext {
  entity: string;
  system?: SystemName;
  /** `GET /v1/...` path, for the message when the whole body is wrong. */
  route?: string;
}


/**
 * One malformed record becomes one RecordError and the rest still parse: a
 * single bad owner must not stop a building's sync. A body that is not an
 * array at all is the system's fault as a whole, so that throws.
 */
export function parseList<S extends z.ZodType>(schema: S, rows: unknown, ctx: ParseContext): ParsedList<z.infer<S>> {
  if (!Array.isArray(rows)) {
    throw new SystemError('upstream_error', `${ctx.system ?? 'The system'} sent ${/^[aeiou]/i.test(ctx.entity) ? 'an' : 'a'} ${ctx.entity} list that is not an array${ctx.route ? ` for GET ${ctx.route}` : ''}`, {
      system: ctx.system ?? 'Condo Manager',
      method: 'GET',
      route: ctx.route ?? '',
    });
  }
  const items: z.infer<S>[] = [];
  const errors: RecordError[] = [];
  // What the engine stores comes from Condo Manager: a record whose text holds U+0000 is that
  // record's defect (PostgreSQL could not store it and would fail its whole page; SQLite could),
  // and half an emoji is U+FFFD before anything reads it (both backends then store the same text).
  const stored = (ctx.system ?? 'Condo Manager') === 'Condo Manager';
  rows.forEach((raw: unknown, index) => {
    const row = stored ? wellFormed(raw) : raw;
    const nul = stored ? nulPath(row) : undefined;
    const parsed = nul === undefined ? schema.safeParse(row) : undefined;
    if (parsed?.success) {
      items.push(parsed.data);
      return;
    }
    const issue = parsed?.error.issues[0];
    const rawId = typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : undefined;
    const field = nul !== undefined ? nul || '(record)' : issue && issue.path.length > 0 ? issue.path.join('.') : '(record)';
    const message = nul !== undefined ? NUL_MESSAGE : (issue?.message ?? 'invalid');
    errors.push({ entity: ctx.entity, index, ...((typeof rawId === 'string' && !rawId.includes('\u0000')) || typeof rawId === 'number' ? { id: String(rawId) } : {}), field, message });
  });
  return { items, errors };
}

/** A single object answer (balance, token, created user): any defect is the system's fault. */
export function parseOne<S extends z.ZodType>(schema: S, body: unknown, ctx: ParseContext & { method?: string }): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(body)';
  throw new SystemError(
    'upstream_error',
    `${ctx.system ?? 'The system'} sent an invalid ${ctx.entity} for ${ctx.method ?? 'GET'} ${ctx.route ?? ''} (field ${field})`.trim(),
    { system: ctx.system ?? 'Condo Manager', method: ctx.method ?? 'GET', route: ctx.route ?? '' },
  );
}
