import pLimit from 'p-limit';
import type { Job } from '@shared/types';
import type { ListPage } from '../systems/paging';
import type { Invoice, Payment } from '../systems/schemas';
import type { CondoManagerClient } from '../systems/condo-manager-client';
import { pushLine, type LineRef, type PushDeps } from './ledger-push';
import type { SyncControl, SyncResult } from './types';

/** Lines written at once per job; the host pacer bounds the rate. */
export const WRITE_CONCURRENCY = 8;
/**
 * Read a little before the first event's time: a real system may stamp the
 * event a moment after the record. Rows read twice are not written twice.
 */
const EVENT_MARGIN_MS = 2_000;

export interface CommerceDeps extends PushDeps {
  cm: CondoManagerClient;
}

type Fetch<T> = (lastUpdatedFrom: string, offset: number) => Promise<ListPage<T>>;

/** Every row changed since `from`, by keyset pages (see iterateKeyset). */
async function readSince<T>(fetch: Fetch<T>, from: string, onPage: (rows: T[]) => Promise<void>): Promise<void> {
  let cursor = from;
  let offset = 0;
  for (;;) {
    const page = await fetch(cursor, offset);
    await onPage(page.items);
    if (page.nextOffset === null || !page.tail) return;
    if (Date.parse(page.tail.updatedAt) === Date.parse(cursor)) offset = page.nextOffset;
    else {
      cursor = page.tail.updatedAt;
      offset = page.tail.count;
    }
  }
}

/** Pushes lines with bounded concurrency, reporting each line's outcome to the job. */
export async function pushAll(deps: PushDeps, lines: LineRef[], ctl: SyncControl, quiet: boolean): Promise<number> {
  const limit = pLimit(WRITE_CONCURRENCY);
  let transport = 0;
  await Promise.all(
    lines.map((line) =>
      limit(async () => {
        if (ctl.signal.aborted) return;
        const r = await pushLine(deps, line, ctl.signal);
        if (r.transport) transport++;
        const keep = !quiet || r.outcome === 'conflict' || r.outcome === 'failed';
        ctl.outcome({ entity: line.entity, entityId: line.record.id, outcome: r.outcome, ...(r.message ? { message: r.message } : {}), ...(keep ? {} : { quiet: true }) });
        ctl.advance();
      }),
    ),
  );
  return transport;
}

/**
 * A real-time commerce job for one building: reads the invoices and payments
 * changed since the feed's pending mark, writes them to the residents'
 * accounts, retries lines whose earlier write failed, then clears the mark.
 * The mark is cleared only after the writes, so a crash re-reads instead of
 * skipping.
 */
export async function runCommerceJob(deps: CommerceDeps, job: Job, ctl: SyncControl, corporations: () => string[]): Promise<SyncResult> {
  const corps = job.scope ? [job.scope.corporationId] : corporations();
  ctl.phase('reading');
  for (const corp of corps) {
    const { pendingSince, pendingRev } = deps.store.feed(corp);
    // Keyed by line: a row edited during the read comes twice, and is written once.
    const byId = new Map<string, LineRef>();
    const add = (line: LineRef) => byId.set(`${line.entity}:${line.record.id}`, line);
    if (pendingSince) {
      const from = new Date(Date.parse(pendingSince) - EVENT_MARGIN_MS).toISOString();
      const signal = ctl.signal;
      await Promise.all([
        readSince<Invoice>((lastUpdatedFrom, offset) => deps.cm.listInvoicesPage(corp, { lastUpdatedFrom, offset, limit: 1000, signal }), from, async (rows) => {
          deps.store.transaction(() => rows.forEach((r) => deps.store.stageInvoice(corp, r)));
          rows.forEach((record) => add({ entity: 'invoice', record }));
        }),
        readSince<Payment>((lastUpdatedFrom, offset) => deps.cm.listPaymentsPage(corp, { lastUpdatedFrom, offset, limit: 1000, signal }), from, async (rows) => {
          deps.store.transaction(() => rows.forEach((r) => deps.store.stagePayment(corp, r)));
          rows.forEach((record) => add({ entity: 'payment', record }));
        }),
      ]);
    }
    // Lines whose earlier write failed and whose next attempt is due.
    for (const d of deps.store.due(corp, deps.clock.now().toISOString())) {
      if (byId.has(`${d.entity}:${d.id}`)) continue;
      const record = d.entity === 'invoice' ? deps.store.invoice(d.id) : deps.store.payment(d.id);
      if (record) add({ entity: d.entity, record } as LineRef);
    }
    const lines = [...byId.values()];
    ctl.phase('writing');
    ctl.addTotal(lines.length);
    await pushAll(deps, lines, ctl, false);
    if (ctl.signal.aborted) throw ctl.signal.reason ?? new Error('cancelled');
    deps.store.clearPending(corp, pendingRev, deps.clock.now().toISOString());
  }
  return { status: 'succeeded' };
}
