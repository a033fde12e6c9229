import type { about as en } from '../en/about';
import type { Catalogue } from '../catalogue';

/** Paramètres → À propos : ce qui tourne ici, et le paquet pour le soutien. */
export const about: Catalogue<typeof en> = {
  explain:
    'Exporter les diagnostics prépare un fichier zip pour le soutien : versions, paramètres sans les secrets, les 50 dernières synchronisations avec leurs nombres et leurs codes d’erreur, et les journaux. Les noms, courriels et numéros de téléphone des résidents et les secrets de connexion en sont retirés.',
  export: 'Exporter les diagnostics',
  exporting: 'Préparation…',
  exported: 'Diagnostics enregistrés sous {{filename}} ({{kb, number}} Ko).',
  copyAt: 'Une copie est gardée sur l’ordinateur où tourne Condo Sync : {{path}}',
  what: 'L’exportation des diagnostics',
};
