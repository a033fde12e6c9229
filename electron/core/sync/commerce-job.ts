import pLimit from 'p-limit';
import type { Job } from '@shared/types';
import type { JobHandler } from '../jobs/job-kind';
import type { ListPage } from '../systems/paging';
import type { RecordError } from '../systems/parse-list';
import type { Invoice, Payment } from '../systems/schemas';
import type { CondoManagerClient } from '../systems/condo-manager-client';
import { pushLine, type LineRef, type PushDeps } from './ledger-push';
import type { SyncControl, SyncResult } from './types';

/** Accounts written at once per call; the host pacer bounds the rate. */
export const WRITE_CONCURRENCY = 16;
/**
 * Read a little before the first event's time: a real system may stamp the
 * event a moment after the record. Rows read twice are not written twice.
 */
const EVENT_MARGIN_MS = 2_000;

export interface CommerceDeps extends PushDeps {
  cm: CondoManagerClient;
}

export interface CommerceJobDeps extends CommerceDeps {
  /** The real-time service (CommerceService): tracks write trouble and schedules retries of failed lines. */
  realtime?: { jobFinished(job: Job): void };
}

/**
 * Pushes lines with bounded concurrency, reporting each line's outcome to the
 * job. Concurrency is spread over accounts, each account's lines written in
 * order: a page holds runs of one account's lines, and those take turns on
 * the account's lock, so spreading by line would leave one write in flight.
 */
export async function pushAll(deps: PushDeps, lines: LineRef[], ctl: SyncControl, quiet: boolean): Promise<number> {
  const byAccount = new Map<string, LineRef[]>();
  for (const line of lines) {
    const list = byAccount.get(line.record.accountId);
    if (list) list.push(line);
    else byAccount.set(line.record.accountId, [line]);
  }
  const limit = pLimit(WRITE_CONCURRENCY);
  let transport = 0;
  await Promise.all(
    [...byAccount.values()].map((account) =>
      limit(async () => {
        for (const line of account) {
          if (ctl.signal.aborted) return;
          const r = await pushLine(deps, line, ctl.signal);
          if (r.transport) transport++;
          const keep = !quiet || r.outcome === 'conflict' || r.outcome === 'failed';
          ctl.outcome({ entity: line.entity, entityId: line.record.id, outcome: r.outcome, ...(r.message ? { message: r.message } : {}), ...(keep ? {} : { quiet: true }) });
          ctl.advance();
        }
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
export async function runCommerceJob(deps: CommerceDeps, job: Job, ctl: SyncControl, corporations: () => Promise<string[]>): Promise<SyncResult> {
  const corps = job.scope ? [job.scope.corporationId] : await corporations();
  ctl.phase('reading');
  for (const corp of corps) {
    const { pendingSince, pendingRev } = await deps.ledger.feed(corp);
    // Keyed by line: a row edited during the read comes twice, and is written once.
    const byId = new Map<string, LineRef>();
    const add = (line: LineRef) => byId.set(`${line.entity}:${line.record.id}`, line);
    if (pendingSince) {
      const from = new Date(Date.parse(pendingSince) - EVENT_MARGIN_MS).toISOString();
      const signal = ctl.signal;
      const read = async (entity: 'invoice' | 'payment') => {
        const pages =
          entity === 'invoice'
            ? deps.cm.iterateInvoices(corp, { lastUpdatedFrom: from, limit: 1000, signal })
            : deps.cm.iteratePayments(corp, { lastUpdatedFrom: from, limit: 1000, signal });
        for await (const page of pages as AsyncGenerator<ListPage<Invoice | Payment>>) {
          await stagePage(deps, corp, entity, page.items);
          page.items.forEach((record) => add({ entity, record } as LineRef));
          reportUnreadable(ctl, entity, page.errors);
        }
      };
      await Promise.all([read('invoice'), read('payment')]);
    }
    // Lines whose earlier write failed and whose next attempt is due.
    for (const d of await deps.ledger.due(corp, deps.clock.now().toISOString())) {
      if (byId.has(`${d.entity}:${d.id}`)) continue;
      const record = d.entity === 'invoice' ? await deps.ledger.invoice(d.id) : await deps.ledger.payment(d.id);
      if (record) add({ entity: d.entity, record } as LineRef);
    }
    const lines = [...byId.values()];
    if (corps.length === 1) ctl.phase('writing', lines.length);
    else {
      ctl.phase('writing');
      ctl.addTotal(lines.length);
    }
    await pushAll(deps, lines, ctl, false);
    if (ctl.signal.aborted) throw ctl.signal.reason ?? new Error('cancelled');
    await deps.ledger.clearPending(corp, pendingRev, deps.clock.now().toISOString());
  }
  return { status: 'succeeded' };
}

/** One page of invoices or payments into the local copy, in one transaction. */
export async function stagePage(deps: Pick<CommerceDeps, 'ledger'>, corp: string, entity: 'invoice' | 'payment', items: (Invoice | Payment)[]): Promise<void> {
  if (!items.length) return;
  await deps.ledger.transaction(async (ledger) => {
    for (const r of items) {
      if (entity === 'invoice') await ledger.stageInvoice(corp, r as Invoice);
      else await ledger.stagePayment(corp, r as Payment);
    }
  });
}

/** Records Condo Manager sent that could not be read: each one failed, named, and read again next time; the others go on. */
export function reportUnreadable(ctl: SyncControl, entity: 'invoice' | 'payment', errors: RecordError[]): void {
  for (const e of errors) {
    ctl.outcome({
      entity,
      entityId: e.id ?? `record ${e.index + 1}`,
      outcome: 'failed',
      message: `Condo Manager sent ${entity === 'invoice' ? 'an invoice' : 'a payment'} that could not be read (${e.field}: ${e.message}). The others were sent; the next invoice history import reads it again.`,
    });
  }
}

/**
 * Real-time invoice and payment jobs: one at a time per building, so other
 * buildings' invoices never wait behind one building's.
 */
export const commerceJob: JobHandler<'commerce', CommerceJobDeps> = {
  kinds: ['commerce'],
  lane: { name: 'commerce', perCorporation: true },
  run: (job, ctl, deps) => runCommerceJob(deps, job, ctl, async () => (await deps.ledger.mappedCorporations()).map((c) => c.id)),
  after: (job, deps) => deps.realtime?.jobFinished(job),
};
