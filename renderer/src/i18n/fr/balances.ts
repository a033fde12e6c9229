import type { Catalogue } from '../catalogue';
import type { balances as en } from '../en/balances';

export const balances: Catalogue<typeof en> = {};
