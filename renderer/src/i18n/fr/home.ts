import type { Catalogue } from '../catalogue';
import type { home as en } from '../en/home';

export const home: Catalogue<typeof en> = {};
