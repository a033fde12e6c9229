import type { Catalogue } from '../catalogue';
import type { runs as en } from '../en/runs';

export const runs: Catalogue<typeof en> = {
  title: '30 dernières synchronisations',
  none: 'Aucune synchronisation n’est encore terminée.',
  changes: 'Modifications',
  duration: 'Durée',
  failed: 'Échouée ou avec des échecs',
  loading: 'Préparation du graphique…',
  summary_one: '{{count, number}} synchronisation : {{changes, number}} modifications en tout, {{failed, number}} avec des échecs, la plus longue {{longest}}.',
  summary_other: '{{count, number}} synchronisations : {{changes, number}} modifications en tout, {{failed, number}} avec des échecs, la plus longue {{longest}}.',
  tooltipChanges: '{{count, number}} modifications',
  tooltipTook: 'durée {{took}}',
};
