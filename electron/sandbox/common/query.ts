// Query parameters shared by every list: offset, limit (1–1000, default 100),
// lastupdatedfrom (inclusive, UTC) and includePast. A malformed value answers
// 400 naming the parameter; unknown parameters are ignored, as real APIs do.
import { z } from 'zod';
import { HttpError } from './http-error';

const integer = z.string().regex(/^\d{1,9}$/, 'must be a whole number').transform(Number);

const schemas = {
  offset: integer,
  limit: integer.pipe(z.number().min(1, 'must be from 1 to 1000').max(1000, 'must be from 1 to 1000')),
  wait: integer.pipe(z.number().max(30, 'must be from 0 to 30 seconds')),
  bool: z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true'),
  timestamp: z
    .string()
    .refine((v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), {
      message: 'must be an ISO-8601 date or time',
    })
    // Stored times are toISOString() strings, so the normalized form compares as text.
    .transform((v) => new Date(Date.parse(/T/.test(v) && !/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? `${v}Z` : v)).toISOString()),
};

function parseParam<T>(query: URLSearchParams, name: string, schema: z.ZodType<T>): T | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new HttpError(400, 'invalid_query', `The query parameter ${name} is not valid.`, [
    { key: name, value: result.error.issues[0]?.message ?? 'invalid' },
  ]);
}

export interface Paging {
  offset: number;
  limit: number;
}

export function paging(query: URLSearchParams): Paging {
  return {
    offset: parseParam(query, 'offset', schemas.offset) ?? 0,
    limit: parseParam(query, 'limit', schemas.limit) ?? 100,
  };
}

/** Normalized ISO string, or '' (matches everything) when absent. */
export function lastUpdatedFrom(query: URLSearchParams): string {
  return parseParam(query, 'lastupdatedfrom', schemas.timestamp) ?? '';
}

export function boolParam(query: URLSearchParams, name: string): boolean {
  return parseParam(query, name, schemas.bool) ?? false;
}

export function waitParam(query: URLSearchParams): number {
  return parseParam(query, 'wait', schemas.wait) ?? 0;
}

export function intParam(query: URLSearchParams, name: string): number | undefined {
  return parseParam(query, name, integer);
}

export function stringParam(query: URLSearchParams, name: string): string | undefined {
  return query.get(name) ?? undefined;
}

/** `X-Total-Count` plus the list itself, as a pre-serialized JSON array. */
export function listHeaders(total: number): Record<string, string> {
  return { 'x-total-count': String(total) };
}
