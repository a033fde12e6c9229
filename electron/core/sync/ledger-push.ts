import type { OutcomeType } from '@shared/types';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { CondoControlClient, CcInvoiceInput, CcPaymentInput } from '../systems/condo-control-client';
import { isAbortedError, isValidationError, SystemError } from '../systems/errors';
import type { Invoice, Payment } from '../systems/schemas';
import { contentHash } from './hash';
import type { KeyedLock } from './keyed-lock';
import { dollars, linesGap } from './ledger-math';
import type { LedgerEntity, LedgerRepository, UnitTarget } from '../db/repositories/ledger';

export interface PushDeps {
  /** The local copy and where each line stands (repos.ledger). */
  ledger: LedgerRepository;
  cc: CondoControlClient;
  clock: Clock;
  log: Logger;
  locks: KeyedLock;
}

export type LineRef = { entity: 'invoice'; record: Invoice } | { entity: 'payment'; record: Payment };

export interface PushResult {
  outcome: OutcomeType;
  /** Why a line was held or failed, in people's words. */
  message?: string;
  /** The failure was the connection (not the line): the caller may stop early. */
  transport?: boolean;
}

/** First retry after 30 s, doubling, at most hourly. */
export function nextAttemptAt(now: Date, attempts: number): string {
  const delay = Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + delay).toISOString();
}

const invoiceBody = (i: Invoice): CcInvoiceInput => ({
  number: i.number,
  date: i.date,
  dueDate: i.dueDate,
  kind: i.kind,
  lines: i.lines,
  totalCents: i.totalCents,
  status: i.status,
});

const paymentBody = (p: Payment): CcPaymentInput => ({
  date: p.date,
  amountCents: p.amountCents,
  method: p.method,
  reference: p.reference,
  status: p.status,
});

const what = (line: LineRef) => (line.entity === 'invoice' ? `Invoice ${line.record.number}` : `The payment of ${line.record.date.slice(0, 10)}`);

/** Why a line cannot go to Condo Control as it is, or undefined when it can. */
function heldFor(line: LineRef, unit: UnitTarget | undefined): string | undefined {
  if (!unit) {
    return `${what(line)} belongs to a unit that is not in the Unit File yet. Run Update From Condo Manager; the ${line.entity} follows by itself.`;
  }
  if (!unit.targetId || !unit.workspaceId) {
    return `${what(line)} for unit ${unit.number} cannot be shown in Condo Control: unit ${unit.number} is not in Condo Control's Unit File. Add it there with the same number as in Condo Manager, then run Update From Condo Manager; the ${line.entity} follows by itself.`;
  }
  if (line.entity === 'invoice') {
    const gap = linesGap(line.record);
    if (gap !== 0) {
      const sum = line.record.totalCents - gap;
      return `${what(line)} for unit ${unit.number}: its lines add up to ${dollars(sum)} but its total is ${dollars(line.record.totalCents)}. Correct the invoice in Condo Manager; Condo Sync sends it once they agree.`;
    }
  }
  return undefined;
}

/** What Condo Control should hold for a line, as a hash: equal hashes mean nothing to write. */
export function lineHash(line: LineRef, target: { targetId: string; workspaceId: string }): string {
  return contentHash({ ...target, body: line.entity === 'invoice' ? invoiceBody(line.record) : paymentBody(line.record) });
}

/** The local copy's newest version of a line, or undefined when it has none. */
async function currentOf(ledger: LedgerRepository, line: LineRef): Promise<LineRef | undefined> {
  if (line.entity === 'invoice') {
    const record = await ledger.invoice(line.record.id);
    return record && { entity: 'invoice', record };
  }
  const record = await ledger.payment(line.record.id);
  return record && { entity: 'payment', record };
}

/**
 * A newer version staged while a write was in flight is written again, at
 * most this many times: on a shared database another engine may have written
 * the newer version first, and the older write that landed after it must not
 * stay in Condo Control.
 */
const MAX_REWRITES = 3;

/**
 * Sends one invoice or payment (the local copy's newest version of it) to
 * the resident's account in Condo Control with the idempotent PUT (keyed by
 * the line's Condo Manager id, so a line is never there twice). A line
 * already there as it reads now is not sent again; a line that cannot go is
 * held with what to fix; a line whose write failed is tried again later.
 * Never throws for one line's trouble, only when aborted.
 */
export async function pushLine(deps: PushDeps, line: LineRef, signal?: AbortSignal, opts: { force?: boolean } = {}): Promise<PushResult> {
  const { ledger } = deps;
  // The local copy is never older than what the caller read, and may be newer.
  const ref = (await currentOf(ledger, line)) ?? line;
  const entity: LedgerEntity = ref.entity;
  const id = ref.record.id;
  const unit = await ledger.unit(ref.record.unitId);
  const held = heldFor(ref, unit);
  if (held) {
    await ledger.markHeld(entity, id, 'attention', held, null, 0);
    return { outcome: 'conflict', message: held };
  }
  const target = { targetId: unit!.targetId!, workspaceId: unit!.workspaceId! };

  return deps.locks.run(ref.record.accountId, async () => {
    let sending = ref;
    let hash = lineHash(sending, target);
    const before = await ledger.delivery(entity, id);
    // `force`: Condo Control was seen to lack the line, whatever was written before.
    if (!opts.force && before?.sync_status === 'in_sync' && before.content_hash === hash) return { outcome: 'unchanged' as const };
    let created = false;
    try {
      for (let round = 0; ; round++) {
        const body = sending.entity === 'invoice' ? invoiceBody(sending.record) : paymentBody(sending.record);
        const res =
          sending.entity === 'invoice'
            ? await deps.cc.upsertInvoice(target.workspaceId, target.targetId, id, body as CcInvoiceInput, { signal })
            : await deps.cc.upsertPayment(target.workspaceId, target.targetId, id, body as CcPaymentInput, { signal });
        created ||= res.created;
        await ledger.markPushed(entity, id, target, hash, deps.clock.now().toISOString());
        // Staged meanwhile (another engine's job, or Get Account Balance): write the newest too.
        const newest = await currentOf(ledger, sending);
        if (!newest || newest.record.updatedAt <= sending.record.updatedAt || lineHash(newest, target) === hash || round + 1 >= MAX_REWRITES) break;
        sending = newest;
        hash = lineHash(sending, target);
      }
      return { outcome: created ? ('created' as const) : ('updated' as const) };
    } catch (err) {
      if (isAbortedError(err) || signal?.aborted) throw err;
      if (isValidationError(err) || (err instanceof SystemError && err.status === 404)) {
        const message = isValidationError(err)
          ? `Condo Control refused ${what(sending).toLowerCase()} for unit ${unit!.number} (${err.fields.join(', ') || 'its values'}). Check it in Condo Manager.`
          : `${what(sending)} for unit ${unit!.number} could not be written: Condo Control no longer has that unit. Run Update From Condo Manager.`;
        await ledger.markHeld(entity, id, 'attention', message, null, 0);
        return { outcome: 'conflict', message };
      }
      const message = 'Condo Control did not accept the write. Condo Sync tries again by itself.';
      const now = deps.clock.now();
      const attempts = await ledger.markFailed(entity, id, message, (n) => nextAttemptAt(now, n));
      deps.log.warn('ledger line not written; retry scheduled', { entity, code: err instanceof SystemError ? err.code : 'internal', next: nextAttemptAt(now, attempts) });
      return { outcome: 'failed', message, transport: true };
    }
  });
}
