import type { z } from 'zod';
import type { HttpResponse } from './http-policy';
import { parseList, type RecordError } from './parse-list';

export interface ListPage<T> {
  items: T[];
  /** Records in this page that failed validation; the others are in `items`. */
  errors: RecordError[];
  /** X-Total-Count. */
  total: number;
  offset: number;
  limit: number;
  /** Offset of the next page, or null when this was the last. */
  nextOffset: number | null;
  /** The page's last raw row's updatedAt and how many raw rows carry it (keyset paging). */
  tail?: { updatedAt: string; count: number };
}

export interface PageOptions {
  offset?: number;
  limit?: number;
  signal?: AbortSignal;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export function clampLimit(limit: number | undefined): number {
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit ?? DEFAULT_LIMIT)));
}

/**
 * A list answer as a page. Paging advances by the raw row count (malformed
 * rows included), so a bad record is reported once and never re-read or
 * skipped past a neighbour.
 */
export function toPage<S extends z.ZodType>(
  res: HttpResponse,
  schema: S,
  entity: string,
  offset: number,
  limit: number,
  system: 'Condo Manager' | 'Condo Control',
): ListPage<z.infer<S>> {
  const { items, errors } = parseList(schema, res.data, { entity, system, route: res.route });
  const rows = (res.data as unknown[]).length;
  const header = Number(res.headers['x-total-count']);
  // Without the header, a short page is the last one.
  const total = Number.isFinite(header) && header >= 0 ? header : rows < limit ? offset + rows : offset + rows + 1;
  const next = offset + rows;
  const absolute = errors.map((e) => ({ ...e, index: offset + e.index }));
  const tail = tailOf(res.data as unknown[]);
  return { items, errors: absolute, total, offset, limit, nextOffset: rows > 0 && next < total ? next : null, ...(tail ? { tail } : {}) };
}

function updatedAtOf(row: unknown): string | undefined {
  const v = typeof row === 'object' && row !== null ? (row as { updatedAt?: unknown }).updatedAt : undefined;
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : undefined;
}

function tailOf(rows: unknown[]): { updatedAt: string; count: number } | undefined {
  const last = updatedAtOf(rows.at(-1));
  if (last === undefined) return undefined;
  let count = 0;
  for (let i = rows.length - 1; i >= 0 && updatedAtOf(rows[i]) === last; i--) count++;
  return { updatedAt: last, count };
}

/**
 * Pages a `lastupdatedfrom` list by keyset: each next page starts at the last
 * row's updatedAt (inclusive) and skips only the rows of that instant already
 * seen. Plain offsets would skip a row whenever an earlier row is edited
 * during the read and moves to the end; the watermark would then pass over
 * the skipped row for good. A row edited mid-read may come twice; the later
 * copy is the newer one.
 */
export async function* iterateKeyset<T>(
  fetchPage: (lastUpdatedFrom: string | undefined, offset: number) => Promise<ListPage<T>>,
  from?: string,
  startOffset = 0,
): AsyncGenerator<ListPage<T>, void, undefined> {
  let offset = startOffset;
  for (;;) {
    const page = await fetchPage(from, offset);
    yield page;
    if (page.nextOffset === null) return;
    const tail = page.tail;
    if (!tail) {
      offset = page.nextOffset; // the last row had no readable time: fall back to offsets
    } else if (from !== undefined && Date.parse(tail.updatedAt) === Date.parse(from)) {
      offset = page.nextOffset; // the whole page shares one instant
    } else {
      from = tail.updatedAt;
      offset = tail.count;
    }
  }
}

/** Pages from `offset` until X-Total-Count is reached. */
export async function* iteratePages<T>(
  fetchPage: (offset: number) => Promise<ListPage<T>>,
  startOffset = 0,
): AsyncGenerator<ListPage<T>, void, undefined> {
  let offset: number | null = startOffset;
  while (offset !== null) {
    const page: ListPage<T> = await fetchPage(offset);
    yield page;
    offset = page.nextOffset;
  }
}

/** Every page gathered; for the small lists (groups, workspaces, units of a building). */
export async function collectPages<T>(pages: AsyncIterable<ListPage<T>>): Promise<{ items: T[]; errors: RecordError[] }> {
  const items: T[] = [];
  const errors: RecordError[] = [];
  for await (const page of pages) {
    items.push(...page.items);
    errors.push(...page.errors);
  }
  return { items, errors };
}
