import type { Catalogue } from '../catalogue';
import type { queue as en } from '../en/queue';

export const queue: Catalogue<typeof en> = {
  description: 'Chaque synchronisation, la plus récente en premier : exécutions nocturnes, synchronisations manuelles, et factures et paiements en temps réel.',
  listWhat: 'La liste des synchronisations passées',
  caption: 'Synchronisations, la plus récente en premier',
  preview: 'Aperçu',
  col: {
    sync: 'Synchronisation',
    status: 'Statut',
    progress: 'Progression',
    created: 'Ajoutés',
    updated: 'Mis à jour',
    unchanged: 'Inchangés',
    conflict: 'À vérifier',
    failed: 'Échecs',
    started: 'Début',
    results: 'Fiches',
  },
  unchangedPart_one: '{{count, number}} inchangée',
  unchangedPart_other: '{{count, number}} inchangées',
  running: 'en cours depuis {{duration}}',
  took: 'durée : {{duration}}',
  showing: 'Affichage des {{shown}} plus récentes sur {{total}} synchronisations.',
  empty: {
    title: 'Aucune synchronisation pour l’instant',
    body: 'Les synchronisations apparaissent ici dès qu’elles sont en file : l’exécution nocturne, un lancement manuel et les mises à jour de factures et de paiements en temps réel.',
  },
};
