import type { Catalogue } from '../catalogue';
import type { sync as en } from '../en/sync';

export const sync: Catalogue<typeof en> = {};
