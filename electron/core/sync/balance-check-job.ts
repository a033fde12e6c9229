import type { BalanceCheck } from '@shared/types';
import type { JobHandler } from '../jobs/job-kind';
import { runBalanceCheck } from './balance-check';
import type { CommerceDeps } from './commerce-job';

export interface BalanceCheckDeps extends CommerceDeps {
  /** Keeps the finished check for Settings → Check balances (the settings store, LAST_CHECK_KEY). */
  save(check: BalanceCheck): void;
}

/**
 * "Check balances": reads every account from both systems; one check at a
 * time. It shares the history import's lane: a check run while the import
 * writes would list, as differences, lines that are merely on their way.
 * Queued during an import, it runs once the import ends.
 */
export const balanceCheckJob: JobHandler<'balance-check', BalanceCheckDeps> = {
  kinds: ['balance-check'],
  lane: { name: 'commerce-reconcile', perCorporation: false },
  run: (job, ctl, deps) => runBalanceCheck(deps, job, ctl, deps.save),
};
