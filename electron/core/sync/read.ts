import type { ListPage } from '../systems/paging';
import type { RecordError } from '../systems/parse-list';
import type { Watermark } from './cache';

export const PAGE_LIMIT = 1000;

interface Row {
  id: string;
  updatedAt: string;
}

function after(row: Row, wm: Watermark | undefined): boolean {
  if (!wm) return true;
  return row.updatedAt > wm.updatedAt || (row.updatedAt === wm.updatedAt && row.id > wm.id);
}

function maxKey<T extends Row>(rows: T[]): Watermark | undefined {
  let best: Watermark | undefined;
  for (const r of rows) if (!best || after(r, best)) best = { updatedAt: r.updatedAt, id: r.id };
  return best;
}

export interface ReadCallbacks<T extends Row> {
  /** Stages one page; runs in the same transaction as the watermark update. */
  stage(rows: T[], watermark: Watermark | undefined): void | Promise<void>;
  recordErrors(errors: RecordError[]): void;
}

/**
 * Reads every row changed since the watermark, by keyset: each page starts at
 * the last row seen, so a row edited during the read moves to the end and is
 * read again rather than shifting a neighbour out of view. Only rows the
 * system ties at one timestamp beyond a full page fall back to an offset.
 *
 * The watermark given to `stage` stops before the first malformed record, so
 * that record is read again next run (where it may have been fixed) instead
 * of being skipped for ever.
 */
export async function readChanged<T extends Row>(
  fetchPage: (opts: { lastUpdatedFrom?: string; offset: number; limit: number }) => Promise<ListPage<T>>,
  start: Watermark | undefined,
  cb: ReadCallbacks<T>,
): Promise<{ pages: number; rows: number }> {
  let cursor = start;
  let offset = 0;
  let frozen = false;
  let committed = start;
  let pages = 0;
  let total = 0;
  for (;;) {
    const page = await fetchPage({ lastUpdatedFrom: cursor?.updatedAt, offset, limit: PAGE_LIMIT });
    pages++;
    const fresh = page.items.filter((r) => after(r, cursor));
    total += fresh.length;
    if (page.errors.length) {
      cb.recordErrors(page.errors);
      // Rows before the first bad one are safe to pass; rows after it are staged
      // but the watermark stays before it.
      if (!frozen) {
        // Every row before the first bad one parsed, so it is also the count of good rows before it.
        const firstBad = Math.min(...page.errors.map((e) => e.index - page.offset));
        const before = page.items.slice(0, Math.max(0, firstBad));
        const safe = maxKey(before.filter((r) => after(r, committed)));
        if (safe) committed = safe;
        frozen = true;
      }
    } else if (!frozen) {
      committed = maxKey(fresh) ?? committed;
    }
    await cb.stage(fresh, committed);
    const raw = page.items.length + page.errors.length;
    if (raw < PAGE_LIMIT || page.nextOffset === null) break;
    const last = maxKey(page.items);
    if (!last) {
      offset += raw; // a full page of malformed rows: step over it
      continue;
    }
    if (cursor && last.updatedAt === cursor.updatedAt) offset += raw; // a full page of ties
    else offset = 0;
    cursor = last;
  }
  return { pages, rows: total };
}
