import type { Catalogue } from '../catalogue';
import type { resident as en } from '../en/resident';

export const resident: Catalogue<typeof en> = {};
