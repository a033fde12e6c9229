import type { JobHandler } from '../jobs/job-kind';
import type { CommerceDeps } from './commerce-job';
import { runCommerceReconcile } from './commerce-reconcile';

/**
 * "Import invoice history": every invoice and payment of every mapped
 * building. One at a time: a second import would read and write the same
 * lines.
 */
export const commerceReconcileJob: JobHandler<'commerce-reconcile', CommerceDeps> = {
  kinds: ['commerce-reconcile'],
  lane: { name: 'commerce-reconcile', perCorporation: false },
  run: (job, ctl, deps) => runCommerceReconcile(deps, job, ctl, () => deps.ledger.mappedCorporations()),
};
