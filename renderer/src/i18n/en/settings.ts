/** Settings page. */
export const settings = {
  title: 'Settings',
  description: 'Changes apply to the next sync. Nothing here changes data already in Condo Control.',
  language: {
    title: 'Language',
    description: 'The language of this console on this computer. Residents’ own language is set in Condo Manager.',
    label: 'Console language',
    system: 'Same as this computer ({{language}})',
    en: 'English',
    fr: 'Français',
  },
};
