import type { Catalogue } from '../catalogue';
import type { unit as en } from '../en/unit';

export const unit: Catalogue<typeof en> = {};
