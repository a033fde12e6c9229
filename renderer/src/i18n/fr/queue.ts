import type { Catalogue } from '../catalogue';
import type { queue as en } from '../en/queue';

export const queue: Catalogue<typeof en> = {};
