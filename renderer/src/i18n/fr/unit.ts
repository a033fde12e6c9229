import type { Catalogue } from '../catalogue';
import type { unit as en } from '../en/unit';

export const unit: Catalogue<typeof en> = {
  title: 'Unité {{number}}',
  titleUnknown: 'Unité',
  what: 'Cette unité',
  loading: 'Chargement…',
  fact: {
    building: 'Immeuble',
    legal: 'Description légale',
    type: 'Type',
    occupancy: 'Occupation',
    status: 'État de la synchronisation',
    lastSynced: 'Dernière synchronisation',
    inCondoControl: 'Dans Condo Control',
    notYet: 'Pas encore',
    notCreated: 'Pas encore créée',
  },
  residents: {
    title: 'Résidents',
    caption: 'Résidents de l’unité {{number}}',
    name: 'Nom',
    role: 'Rôle dans Condo Manager',
    status: 'Statut',
    current: 'Actuel',
    past: 'Ancien (a déménagé)',
    none: 'Condo Manager n’indique aucun propriétaire ni locataire pour cette unité.',
  },
  notFound: {
    title: 'Page introuvable',
    description: 'Cette adresse ne mène nulle part dans Condo Sync.',
    home: 'Aller à l’Accueil',
    or: 'ou',
    units: 'ouvrir le Dossier des unités',
  },
};
