import type { Catalogue } from '../catalogue';
import type { home as en } from '../en/home';

export const home: Catalogue<typeof en> = {
  description: 'Les résidents, les factures et les paiements vont dans un seul sens : de Condo Manager vers Condo Control.',
  empty: {
    title: 'Le Dossier des unités est vide',
    body: 'La première synchronisation le remplit à partir de Condo Manager. Lancez une nouvelle synchronisation pour importer les unités et les résidents maintenant.',
  },
  sync: {
    inProgress: 'Synchronisation en cours',
    follow: 'La suivre dans la file de synchronisation',
    last: 'Dernière synchronisation',
    changes_one: '{{count, number}} changement',
    changes_other: '{{count, number}} changements',
    stoppedEarly: 'La synchronisation s’est arrêtée avant la fin.',
    stoppedBody: 'Rien n’a été perdu; la prochaine synchronisation réessaiera.',
    details: 'Voir les détails',
    whatChanged: 'Voir ce qui a changé',
    historyWhat: 'L’historique des synchronisations',
    none: 'Aucune synchronisation n’est encore terminée. La première remplit le Dossier des unités à partir de Condo Manager.',
  },
  schedule: {
    title: 'Prochaine synchronisation nocturne',
    every: 'Chaque nuit à {{time}} ({{zone}}). Rapprochement complet chaque {{day}}.',
    change: 'Modifier l’horaire',
    what: 'L’horaire nocturne',
  },
  units: {
    total_one: '{{count, number}} unité',
    total_other: '{{count, number}} unités',
    attention: 'à vérifier',
    pending: 'avec changements en attente',
    inSync: 'synchronisées',
  },
  loading: 'Chargement…',
  attention: {
    title: 'À vérifier',
    fallback: 'À examiner avant la prochaine synchronisation.',
    more_one: '{{count, number}} autre dans la dernière synchronisation',
    more_other: '{{count, number}} autres dans la dernière synchronisation',
    seeLast: 'Voir la dernière synchronisation',
    showUnits: 'Afficher les unités à vérifier',
    caption: 'Unités à vérifier',
  },
};
