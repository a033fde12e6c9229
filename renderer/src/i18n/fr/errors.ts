import type { Catalogue } from '../catalogue';
import type { errors as en } from '../en/errors';

export const errors: Catalogue<typeof en> = {};
