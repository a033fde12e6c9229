import type { Catalogue } from '../catalogue';
import type { units as en } from '../en/units';

export const units: Catalogue<typeof en> = {};
