import type { Catalogue } from '../catalogue';
import type { shell as en } from '../en/shell';

export const shell: Catalogue<typeof en> = {
  skipLink: 'Aller au contenu principal',
  brandHome: 'Condo Sync, Accueil',
  pageTitle: '{{page}} · Condo Sync',
  userSection: 'Section Utilisateur',
  notFound: 'Page introuvable',
  server: {
    banner: 'Condo Sync ne répond pas à cette adresse. Nouvel essai en cours…',
    status: 'Condo Sync ne répond pas',
  },
  pageFailed: {
    title: 'Impossible d’ouvrir cette page',
    unreachable: 'Condo Sync ne répond pas à cette adresse : cette page n’a pas pu être chargée. Rien n’a été perdu. Rechargez dès que Condo Sync fonctionne de nouveau.',
    other: 'Un problème est survenu à l’affichage de cette page. Rien n’a été perdu; recharger la page règle habituellement le problème.',
    reload: 'Recharger',
  },
  sandbox: {
    label: 'Mode bac à sable',
    text: 'Mode bac à sable — données de démonstration, aucun lien avec les vrais systèmes',
    condoManager: 'Condo Manager (bac à sable)',
    condoControl: 'Condo Control (bac à sable)',
    newTab: ' (s’ouvre dans un nouvel onglet)',
  },
  stream: {
    reconnecting: 'Reconnexion…',
    hint: 'Mises à jour en direct en pause. Condo Sync continue de fonctionner; cet écran se mettra à jour à la reconnexion.',
  },
  status: {
    label: 'État de la synchronisation : {{text}}',
    idle: 'Au repos',
    syncing: 'Synchronisation…',
    syncingPct: 'Synchronisation {{pct}}',
    queued: 'Synchronisation en file',
    waiting: 'En attente de vous',
    lastFailed: 'Échec de la dernière synchronisation',
    attention: 'À vérifier',
    nextRun: 'Prochaine synchronisation nocturne {{when}}',
  },
  navBadge: {
    attention_one: '{{count, number}} à vérifier',
    attention_other: '{{count, number}} à vérifier',
    active_one: '{{count, number}} en cours',
    active_other: '{{count, number}} en cours',
  },
  buildings: {
    filter: 'Trouver un immeuble',
    noMatch: 'Aucun immeuble ne correspond',
  },
  toasts: {
    region: 'Notifications',
  },
  access: {
    missingTitle: 'Cette adresse n’a pas de clé d’accès; Condo Sync ne peut rien afficher ni modifier',
    refusedTitle: 'La clé d’accès de cette fenêtre n’a pas été acceptée; Condo Sync ne peut rien afficher ni modifier',
    body: 'Ouvrez la console avec le lien affiché par Condo Sync au démarrage (il se termine par ?token=…). Rien n’a été perdu et rien n’a été modifié.',
    status: 'Non connecté',
  },
};
