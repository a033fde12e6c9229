import pLimit from 'p-limit';
import type { BalanceCheck, BalanceDifference, Job } from '@shared/types';
import type { CommerceDeps } from './commerce-job';
import { dollars } from './ledger-math';
import type { SyncControl, SyncResult } from './types';

/**
 * Accounts read at once. The clients pace every call under the systems' rate
 * limit; this only bounds how many accounts wait in their queues.
 */
const CONCURRENCY = 4;

/** Where the last finished check is kept (the settings store), for Settings → Check balances. */
export const LAST_CHECK_KEY = 'balanceCheck.last';

const unitOf = (a: { number: string; corporationCode: string }) => `Unit ${a.number}${a.corporationCode ? ` (${a.corporationCode})` : ''}`;

/** The outcome's words: both balances and which system shows more, in dollars (no resident's name). */
export function differenceInWords(d: BalanceDifference): string {
  const unit = unitOf({ number: d.unitNumber, corporationCode: d.corporationCode });
  if (d.condoControlCents === undefined) return `${unit}: Condo Manager shows a balance of ${dollars(d.condoManagerCents)}, but the unit is not in Condo Control.`;
  const more = d.differenceCents > 0 ? 'Condo Manager' : 'Condo Control';
  return `${unit}: Condo Manager shows ${dollars(d.condoManagerCents)}, Condo Control shows ${dollars(d.condoControlCents)}; ${more} shows ${dollars(Math.abs(d.differenceCents))} more.`;
}

/**
 * The balance check ("Check balances"): each account's balance read from
 * Condo Manager and Condo Control, one account at a time per slot, progress
 * n of N, one `conflict` outcome per account that differs and one `failed`
 * per account that could not be read. Matching accounts are counted quietly.
 * The finished result is handed to `save` (shown by the Settings card).
 */
export async function runBalanceCheck(deps: CommerceDeps, job: Job, ctl: SyncControl, save: (check: BalanceCheck) => void): Promise<SyncResult> {
  const { signal } = ctl;
  const now = () => deps.clock.now().toISOString();
  ctl.phase('reading');
  const accounts = (await deps.ledger.accounts(job.scope?.corporationId)).filter((a) => a.accountId);
  ctl.phase('writing', accounts.length);
  const differences: BalanceDifference[] = [];
  let matching = 0;
  let unreadable = 0;
  const limit = pLimit(CONCURRENCY);
  await Promise.all(
    accounts.map((a) =>
      limit(async () => {
        if (signal.aborted) return;
        const accountId = a.accountId!;
        const where = { unitId: a.unitId, unitNumber: a.number, corporationId: a.corporationId, corporationCode: a.corporationCode };
        const failed = (system: string) => {
          unreadable++;
          ctl.outcome({ entity: 'unit', entityId: a.unitId, outcome: 'failed', message: `${unitOf(a)}: ${system} did not give its balance; check again later.` });
        };
        const compared = (d?: BalanceDifference) => {
          if (!d) {
            matching++;
            ctl.outcome({ entity: 'unit', entityId: a.unitId, outcome: 'unchanged', quiet: true });
            return;
          }
          differences.push(d);
          ctl.outcome({ entity: 'unit', entityId: a.unitId, outcome: 'conflict', message: differenceInWords(d) });
        };
        try {
          let cm: number;
          try {
            const bal = await deps.cm.getBalance(a.corporationId, accountId);
            cm = bal.totalCents;
            await deps.ledger.setBalance({ accountId, corp: a.corporationId, unitId: a.unitId, cents: bal.totalCents, aging: bal.aging, at: now() });
          } catch {
            return failed('Condo Manager');
          }
          if (!a.targetId || !a.workspaceId) {
            // A resident cannot see an account whose unit Condo Control lacks; only a balance owed matters.
            return compared(cm !== 0 ? { ...where, condoManagerCents: cm, differenceCents: cm, note: 'The unit is not in Condo Control.' } : undefined);
          }
          try {
            const cc = await deps.cc.getAccountBalance(a.workspaceId, a.targetId);
            await deps.ledger.setCcBalance(accountId, cc.totalCents, now());
            compared(cc.totalCents === cm ? undefined : { ...where, condoManagerCents: cm, condoControlCents: cc.totalCents, differenceCents: cm - cc.totalCents });
          } catch {
            failed('Condo Control');
          }
        } finally {
          ctl.advance();
        }
      }),
    ),
  );
  if (signal.aborted) throw signal.reason ?? new Error('cancelled');
  differences.sort((x, y) => Math.abs(y.differenceCents) - Math.abs(x.differenceCents));
  save({ jobId: job.id, checkedAt: now(), accounts: matching + differences.length, matching, differences, unreadable });
  return { status: unreadable ? 'partial' : 'succeeded' };
}
