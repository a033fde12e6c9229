import type { Catalogue } from '../catalogue';
import type { exportFiles as en } from '../en/exports';

export const exportFiles: Catalogue<typeof en> = {
  menu: {
    unitsCsv: 'Exporter le Dossier des unités (CSV pour Excel)',
    attentionCsv: 'Exporter les éléments à vérifier (CSV pour Excel)',
    report: 'Rapport sur la qualité des données (à imprimer)',
    whatSyncs: 'Ce qui est synchronisé (aide)',
  },
  button: {
    jobCsv: 'Exporter les résultats (CSV)',
    attentionCsv: 'Exporter les éléments à vérifier (CSV)',
    print: 'Imprimer',
  },
  exporting: 'Préparation du fichier…',
  exportWhat: 'L’exportation en CSV',
  downloaded_one: '{{file}} téléchargé : {{count, number}} ligne.',
  downloaded_other: '{{file}} téléchargé : {{count, number}} lignes.',
  report: {
    title: 'Rapport sur la qualité des données',
    description: 'Pour la comptabilité : ce qu’il faut corriger dans Condo Manager pour que la synchronisation puisse le transmettre. D’après la copie de Condo Manager de Condo Sync, à la dernière synchronisation ou au dernier aperçu.',
    generated: 'Préparé {{when}} · {{building}}',
    loadWhat: 'Le rapport sur la qualité des données',
    loading: 'Préparation du rapport…',
    allClear: 'Rien à corriger : aucun courriel partagé ou invalide, chaque unité a un propriétaire, chaque personne a une unité et aucun départ n’est inachevé.',
    sharedEmails: 'Courriels partagés',
    sharedEmailsHelp: 'Condo Control exige un courriel unique pour chaque accès; une seule de ces personnes l’a donc. Donnez à chacune son propre courriel dans Condo Manager.',
    invalidEmails: 'Courriels invalides',
    invalidEmailsHelp: 'Condo Control ne peut pas accepter ces courriels; ces personnes ont été synchronisées sans courriel et ne peuvent pas se connecter.',
    unitsWithoutOwners: 'Unités sans propriétaire',
    unitsWithoutOwnersHelp: 'Unités résidentielles sans propriétaire actuel dans Condo Manager (Information → Propriétaire).',
    peopleWithoutUnits: 'Personnes sans unité',
    peopleWithoutUnitsHelp: 'Propriétaires ou locataires actuels liés à aucune unité connue de Condo Manager.',
    moveOuts: 'Départs inachevés',
    moveOutsHelp: 'Locataires dont la date de départ est passée mais qui sont encore actuels dans Condo Manager, ou personnes parties encore actives dans Condo Control jusqu’à la prochaine synchronisation.',
    stillCurrent: 'Parti le {{date}}; encore actuel dans Condo Manager',
    stillActive: 'Terminé dans Condo Manager; encore actif dans Condo Control',
    col: { email: 'Courriel', person: 'Personne', role: 'Rôle', units: 'Unités', unit: 'Unité', building: 'Immeuble', what: 'À faire' },
    none: 'Aucun',
  },
};
