import type { Catalogue } from '../catalogue';
import type { groups as en } from '../en/groups';

export const groups: Catalogue<typeof en> = {
  title: 'Groupes par défaut',
  description: 'Le groupe Condo Control auquel chaque résident se joint, selon son rôle dans Condo Manager. Choisissez parmi les groupes de Condo Control.',
  owners: 'Les propriétaires se joignent à',
  tenants: 'Les locataires se joignent à',
  ownersHelp: 'Condo Manager : Information → Propriétaire. Groupe intégré : Owners.',
  tenantsHelp: 'Condo Manager : Information → Locataire. Groupe intégré : Renters.',
  save: 'Enregistrer les groupes',
  saving: 'Vérification auprès de Condo Control…',
  saved: 'Groupes par défaut enregistrés. La prochaine synchronisation y déplace les résidents.',
  savingWhat: 'L’enregistrement des groupes',
  required: 'Choisissez un groupe, comme {{example}}',
  notFound: 'Il n’y a pas de groupe « {{name}} » dans Condo Control. Choisissez parmi : {{choices}}.',
  notFoundSome: 'Le groupe « {{name}} » manque dans certains immeubles. Choisissez-en un que tous les immeubles ont, ou donnez à ces immeubles leurs propres groupes ci-dessous.',
  unavailable: 'Les groupes de Condo Control n’ont pas pu être lus; les noms ne peuvent donc pas être vérifiés pour l’instant. Rien n’a été modifié; réessayez dans un moment.',
  loading: 'Lecture des groupes de Condo Control…',
  showAll: 'Afficher tous les groupes',
  builtIn: 'intégré',
  building: {
    title: 'Groupes de {{building}}',
    description: 'Laissez les deux à « Par défaut » pour utiliser les groupes par défaut.',
    useDefault: 'Par défaut ({{name}})',
    save: 'Enregistrer {{building}}',
    saved: 'Groupes de {{building}} enregistrés. La prochaine synchronisation y déplace ses résidents.',
    savedDefault: '{{building}} utilise les groupes par défaut.',
    savingWhat: 'L’enregistrement des groupes de {{building}}',
  },
};
