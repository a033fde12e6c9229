/** Settings → About: what runs here, and the support bundle. */
export const about = {
  explain:
    'Export diagnostics prepares a zip for support: versions, settings without secrets, the last 50 syncs with their counts and error codes, and the logs. Residents’ names, emails and phones and the connection secrets are removed.',
  export: 'Export diagnostics',
  exporting: 'Preparing…',
  exported: 'Diagnostics saved as {{filename}} ({{kb, number}} KB).',
  copyAt: 'A copy is kept on the computer running Condo Sync: {{path}}',
  what: 'Exporting diagnostics',
};
