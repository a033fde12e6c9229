import type { Catalogue } from '../catalogue';
import type { units as en } from '../en/units';

export const units: Catalogue<typeof en> = {
  description: 'Chaque unité et ses résidents tels que Condo Control les affiche, tenus à jour à partir de Condo Manager.',
  search: {
    label: 'Rechercher dans le Dossier des unités',
    placeholder: 'Rechercher par unité, nom ou courriel',
    clear: 'Effacer la recherche',
  },
  filter: {
    label: 'Afficher les unités',
    all: 'Toutes',
  },
  what: 'Le Dossier des unités',
  caption: 'Unités',
  loading: 'Chargement du Dossier des unités…',
  noMatch: {
    title: 'Aucune unité ne correspond',
    query: 'Rien ne correspond à « {{query}} ».',
    queryFiltered: 'Rien ne correspond à « {{query}} » avec ce filtre.',
    status: 'Aucune unité n’a ce statut.',
    hint: 'Essayez une autre recherche ou affichez toutes les unités.',
  },
  empty: {
    onItsWay: 'La première synchronisation est en route',
    title: 'Le Dossier des unités est vide',
    failedTitle: 'La dernière synchronisation n’a pas pu se terminer',
    failedBody: 'Rien n’a été perdu. Vérifiez les connexions dans les <settings>Paramètres</settings>, puis lancez une nouvelle synchronisation.',
    body: 'La première synchronisation remplit le Dossier des unités avec chaque unité et chaque résident de Condo Manager (Information → Propriétaire / Locataire). Ensuite, les changements arrivent chaque nuit, ou chaque fois que vous lancez une synchronisation.',
  },
  pager: {
    total_one: '{{count, number}} unité',
    total_other: '{{count, number}} unités',
    range: '{{from}} à {{to}} sur {{total}} unités',
    previous: 'Précédent',
    next: 'Suivant',
  },
  col: {
    unit: 'Unité',
    building: 'Immeuble',
    residents: 'Résidents',
    occupancy: 'Occupation',
    status: 'État de la synchronisation',
    lastSynced: 'Dernière synchronisation',
  },
  residents: {
    none: 'Aucun résident',
    nonePast_one: 'Aucun résident actuel ({{count, number}} ancien)',
    nonePast_other: 'Aucun résident actuel ({{count, number}} anciens)',
    past_one: '+{{count, number}} ancien',
    past_other: '+{{count, number}} anciens',
  },
  notYet: 'Pas encore',
  stale: 'Actualisation impossible; affichage des dernières données chargées, qui peuvent ne plus être à jour.',
};
