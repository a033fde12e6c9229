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
};
