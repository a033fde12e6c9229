import type { Catalogue } from '../catalogue';
import type { job as en } from '../en/job';

export const job: Catalogue<typeof en> = {
  title: 'Synchronisation — {{kind}}',
  titlePreview: 'Synchronisation — {{kind}} (aperçu)',
  titleUnknown: 'Synchronisation',
  detailWhat: 'Le détail fiche par fiche d’une synchronisation',
  whatSync: 'Le détail d’une synchronisation',
  fact: {
    status: 'Statut',
    trigger: 'Lancée par',
    phase: 'Étape',
    queued: 'Mise en file',
    started: 'Début',
    finished: 'Fin',
    duration: 'Durée',
    notYet: 'Pas encore',
    stillRunning: 'Toujours en cours',
  },
  preview: {
    title: 'Ceci était un aperçu',
    body: 'Rien n’a été écrit dans Condo Control. La liste ci-dessous montre ce qu’une synchronisation ferait.',
  },
  stopped: {
    title: 'La synchronisation s’est arrêtée avant la fin',
    body: 'Les changements déjà écrits restent; la prochaine synchronisation fera le reste.',
  },
  records: 'Fiches',
  show: 'Afficher les fiches',
  all: 'Toutes',
  table: {
    caption: 'Fiches de cette synchronisation',
    outcome: 'Résultat',
    record: 'Fiche',
    what: 'Ce qui s’est passé',
    when: 'Quand',
    empty: 'Aucune fiche dans cette vue.',
    range: '{{from}} à {{to}} sur {{total}}',
    previous: 'Précédent',
    next: 'Suivant',
    invoice: 'Facture',
    payment: 'Paiement',
    stillAttention: 'Toujours à vérifier',
  },
  plain: {
    created: 'Ajouté dans Condo Control',
    updated: 'Mis à jour dans Condo Control',
    unchanged: 'Correspondait déjà à Condo Manager',
    deactivated: 'Désactivé dans Condo Control (n’est plus dans Condo Manager)',
    conflict: 'À vérifier',
    failed: 'N’a pas pu être écrit; la prochaine synchronisation réessaiera',
  },
};
