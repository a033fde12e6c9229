import type { Catalogue } from '../catalogue';
import type { settings as en } from '../en/settings';

export const settings: Catalogue<typeof en> = {
  title: 'Paramètres',
  description: 'Les changements s’appliquent à la prochaine synchronisation. Rien ici ne modifie les données déjà dans Condo Control.',
  language: {
    title: 'Langue',
    description: 'La langue de cette console sur cet ordinateur. La langue de chaque résident se règle dans Condo Manager.',
    label: 'Langue de la console',
    system: 'Celle de cet ordinateur ({{language}})',
    en: 'English',
    fr: 'Français',
  },
  what: 'Les paramètres',
  retention: {
    title: 'Historique conservé',
    description: 'Combien de temps ce moteur garde les synchronisations terminées, leur détail fiche par fiche et le journal d’audit.',
    history: 'Garder les synchronisations (jours)',
    records: 'Garder le détail des fiches (jours)',
    audit: 'Garder le journal d’audit (jours)',
    auditHelp: 'Qui a modifié quoi, dans Paramètres → Clés d’accès. Les entrées plus anciennes sont supprimées.',
    save: 'Enregistrer la conservation',
    saved: 'Conservation enregistrée.',
    what: 'L’enregistrement de la conservation',
    days: 'Entrez un nombre de jours de {{min}} à {{max}}.',
    crossCheck: 'Le détail des fiches appartient à une synchronisation : ne le gardez pas plus longtemps que les synchronisations ({{days}} jours).',
  },
  schedule: {
    title: 'Synchronisation nocturne',
    description: 'Les données des résidents se synchronisent automatiquement chaque nuit. Une exécution manquée (ordinateur en veille ou éteint) est rattrapée au redémarrage de Condo Sync.',
    what: 'La modification de l’horaire nocturne',
    loading: 'Chargement…',
    save: 'Enregistrer l’horaire',
    saved: 'Enregistré. Prochaine synchronisation nocturne {{when}}.',
    time: 'Heure',
    timeHelp: 'Dans le fuseau horaire ci-dessous.',
    timeInvalid: 'Entrez l’heure et les minutes.',
    zone: 'Fuseau horaire',
    reconcile: 'Rapprochement complet hebdomadaire',
    reconcileHelp: 'La seule exécution de la semaine qui désactive aussi les personnes qui ne sont plus dans Condo Manager.',
    nextRuns: 'Prochaines exécutions',
  },
};
