import type { Catalogue } from '../catalogue';
import type { summary as en } from '../en/summary';

export const summary: Catalogue<typeof en> = {
  someFailed_one: '{{count, number}} échec à la dernière synchronisation',
  someFailed_other: '{{count, number}} échecs à la dernière synchronisation',
};
