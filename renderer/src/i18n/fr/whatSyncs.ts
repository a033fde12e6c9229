import type { Catalogue } from '../catalogue';
import type { whatSyncs as en } from '../en/whatSyncs';

export const whatSyncs: Catalogue<typeof en> = {
  title: 'Ce qui est synchronisé',
  description: 'Tout va dans un seul sens : de Condo Manager vers Condo Control. Rien ne revient; une modification faite dans Condo Control est remplacée par la valeur de Condo Manager, et l’ancienne valeur est conservée dans l’historique.',
  col: { what: 'Dans Condo Manager', where: 'Apparaît dans Condo Control', direction: 'Sens', when: 'Quand' },
  residents: 'Données des résidents (propriétaires et locataires)',
  residentsWhen: 'Chaque nuit à {{time}} ({{zone}}) et chaque fois que quelqu’un clique sur Lancer une nouvelle synchronisation',
  commerce: 'Factures et paiements',
  commerceWhen: 'En temps réel : quelques secondes après leur saisie',
  direction: 'Condo Manager → Condo Control',
  rows: {
    name: { what: 'Prénom et nom (Information → Propriétaire / Locataire)', where: 'La section Utilisateur : nom' },
    email: { what: 'Courriel', where: 'La section Utilisateur : le courriel avec lequel le résident se connecte. Il doit être unique : un courriel partagé ou invalide est marqué « À vérifier » et n’est pas écrit.' },
    phones: { what: 'Téléphones (maison, cellulaire, travail)', where: 'La section Utilisateur : téléphones' },
    language: { what: 'Langue (anglais ou français)', where: 'La section Utilisateur : langue' },
    units: { what: 'Unités liées', where: 'Le Dossier des unités (les résidents de l’unité) et la section Utilisateur (unités liées)' },
    role: { what: 'Rôle : propriétaire ou locataire', where: 'La section Utilisateur : groupe ({{owners}} pour les propriétaires, {{tenants}} pour les locataires)' },
    moveOut: { what: 'Un départ (la personne est marquée Ancienne)', where: 'L’utilisateur est désactivé et perd son accès. Personne n’est jamais supprimé.' },
    occupancy: { what: 'Occupation de l’unité (occupée par le propriétaire, locative, vacante)', where: 'Le Dossier des unités : le type d’unité' },
    invoices: { what: 'Factures : charges communes, cotisations spéciales, refacturations, frais pour chèque sans provision, frais de retard, intérêts', where: 'Mon compte → Solde du compte' },
    payments: { what: 'Paiements : préautorisés (DPA), chèque, argent comptant, TEF, carte', where: 'Mon compte → Solde du compte' },
  },
  reconcile: 'Chaque {{day}}, la synchronisation de nuit est un rapprochement complet : la seule qui désactive les personnes disparues de Condo Manager, et elle demande une confirmation avant de désactiver plus de 10 % d’un immeuble.',
  groupsTitle: 'Groupes par défaut',
  groupsBody: 'Les propriétaires se joignent à {{owners}} et les locataires à {{tenants}} (Paramètres → Groupes par défaut).',
  groupsBuilding: '{{building}} : les propriétaires se joignent à {{owners}}, les locataires à {{tenants}}.',
  changeGroups: 'Modifier les groupes',
  changeSchedule: 'Modifier l’horaire',
};
