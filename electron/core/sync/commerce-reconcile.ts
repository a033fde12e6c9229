import pLimit from 'p-limit';
import { AppError } from '@shared/errors';
import type { Job } from '@shared/types';
import { forPeople } from '../jobs/error-text';
import type { ListPage } from '../systems/paging';
import type { Invoice, Payment } from '../systems/schemas';
import { pushAll, reportUnreadable, stagePage, type CommerceDeps } from './commerce-job';
import type { LineRef } from './ledger-push';
import type { LedgerEntity } from '../db/repositories/ledger';
import type { SyncControl, SyncResult } from './types';

const CORPORATION_CONCURRENCY = 2;
/** A page whose writes all failed on the connection, this many lines or more: stop and resume later. */
const OUTAGE_LINES = 10;

type Mark = { updatedAt: string; id: string };
const after = (r: { updatedAt: string; id: string }, m: Mark | undefined) => !m || r.updatedAt > m.updatedAt || (r.updatedAt === m.updatedAt && r.id > m.id);

/**
 * The commerce reconcile ("Import invoice history"): every invoice and
 * payment of every mapped building, read page by page and written to the
 * residents' accounts. Its position is saved after each page's writes, so a
 * restart after a crash goes on from there; lines already in Condo Control
 * as they read now are not written again, and the PUTs are idempotent, so
 * nothing is duplicated.
 */
export async function runCommerceReconcile(
  deps: CommerceDeps,
  job: Job,
  ctl: SyncControl,
  corporations: () => Promise<{ id: string; code: string }[]>,
): Promise<SyncResult> {
  ctl.phase('reading');
  const corps = (await corporations()).filter((c) => !job.scope || c.id === job.scope.corporationId);
  if (!corps.length) throw new Error('No building is linked to Condo Control yet. Run Update From Condo Manager first; the invoice history follows.');
  // One small read per building and entity says how many lines are left, so the bar is true from the start.
  const counts = await Promise.all(
    corps.flatMap((c) =>
      (['invoice', 'payment'] as const).map(async (entity) => {
        const mark = await deps.ledger.historyMark(job.id, c.id, entity);
        const opts = { ...(mark ? { lastUpdatedFrom: mark.updatedAt } : {}), limit: 1, signal: ctl.signal };
        return (entity === 'invoice' ? await deps.cm.listInvoicesPage(c.id, opts) : await deps.cm.listPaymentsPage(c.id, opts)).total;
      }),
    ),
  );
  ctl.phase('writing', counts.reduce((a, b) => a + b, 0));
  const limit = pLimit(CORPORATION_CONCURRENCY);
  const settled = await Promise.allSettled(
    corps.map((c) => limit(() => Promise.all([importEntity(deps, job, ctl, c.id, 'invoice'), importEntity(deps, job, ctl, c.id, 'payment')]))),
  );
  if (ctl.signal.aborted) throw ctl.signal.reason ?? new Error('cancelled');
  const failed = corps.filter((_, i) => settled[i]!.status === 'rejected');
  if (failed.length === corps.length) throw (settled[0] as PromiseRejectedResult).reason;
  if (failed.length) {
    const reason = forPeople((settled.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason);
    throw Object.assign(new Error(`${failed.map((c) => c.code).join(', ')}: ${reason} The other buildings' history was imported.`), { partial: true });
  }
  await deps.ledger.clearHistoryMarks(job.id);
  return { status: 'succeeded' };
}

async function importEntity(deps: CommerceDeps, job: Job, ctl: SyncControl, corp: string, entity: LedgerEntity): Promise<void> {
  const { signal } = ctl;
  let mark = await deps.ledger.historyMark(job.id, corp, entity);
  const from = mark ? { lastUpdatedFrom: mark.updatedAt } : {};
  const pages: AsyncGenerator<ListPage<Invoice | Payment>> =
    entity === 'invoice' ? deps.cm.iterateInvoices(corp, { ...from, limit: 1000, signal }) : deps.cm.iteratePayments(corp, { ...from, limit: 1000, signal });
  // The next page is read while this one is written.
  let next = pages.next();
  try {
    for (;;) {
      const step = await next;
      if (step.done) return;
      const page = step.value;
      next = pages.next();
      reportUnreadable(ctl, entity, page.errors);
      ctl.advance(page.errors.length);
      const rows = page.items.filter((r) => after(r, mark));
      await stagePage(deps, corp, entity, rows);
      const lines = rows.map((record) => ({ entity, record }) as LineRef);
      const transport = await pushAll(deps, lines, ctl, true);
      if (signal.aborted) throw signal.reason ?? new Error('cancelled');
      if (transport >= OUTAGE_LINES && transport === lines.length) {
        throw new AppError('unavailable', 'Condo Control did not accept the writes.', { system: 'Condo Control' });
      }
      // Only after the page's writes: a crash before this line re-reads the page.
      const last = rows.reduce<Mark | undefined>((m, r) => (after(r, m) ? { updatedAt: r.updatedAt, id: r.id } : m), mark);
      if (last && last !== mark) {
        await deps.ledger.setHistoryMark(job.id, corp, entity, last);
        mark = last;
      }
    }
  } finally {
    // A stop (cancel, outage) leaves the read ahead unawaited: its failure is not news.
    next.catch(() => undefined);
  }
}
