import type { Catalogue } from '../catalogue';
import type { job as en } from '../en/job';

export const job: Catalogue<typeof en> = {};
