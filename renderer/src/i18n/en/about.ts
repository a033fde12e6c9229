/** Settings → About: what runs here, and the support bundle. */
export const about = {
  title: 'About',
  description: 'What is running here, and a bundle to send to support.',
  version: 'Version',
  mode: 'Mode',
  modeSandbox: 'Sandbox (the built-in demo systems)',
  modeLive: 'Connected to Condo Manager and Condo Control',
  dataDir: 'Data folder',
  explain:
    'Export diagnostics prepares a zip for support: versions, settings without secrets, the last 50 syncs with their counts and error codes, and the logs. Residents’ names, emails and phones and the connection secrets are removed.',
  export: 'Export diagnostics',
  exporting: 'Preparing…',
  exported: 'Diagnostics saved as {{filename}} ({{kb, number}} KB).',
  copyAt: 'A copy is kept on the computer running Condo Sync: {{path}}',
  what: 'Exporting diagnostics',
};
