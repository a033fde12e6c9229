/** The frame around every page: header, banner, navigation, toasts. */
export const shell = {
  skipLink: 'Skip to main content',
  brandHome: 'Condo Sync, Home',
  pageTitle: '{{page}} · Condo Sync',
  userSection: 'User section',
  notFound: 'Not found',
  server: {
    banner: 'Condo Sync is not answering at this address. Retrying…',
    status: 'Condo Sync not answering',
  },
  pageFailed: {
    title: 'This page could not be opened',
    unreachable: 'Condo Sync is not answering at this address, so this page could not be loaded. Nothing was lost. Reload once Condo Sync is running again.',
    other: 'Something went wrong while showing this page. Nothing was lost; reloading usually helps.',
    reload: 'Reload',
  },
  sandbox: {
    label: 'Sandbox mode',
    text: 'Sandbox mode — demo data, not connected to real systems',
    condoManager: 'Sandbox Condo Manager',
    condoControl: 'Sandbox Condo Control',
    newTab: ' (opens in a new tab)',
  },
  stream: {
    reconnecting: 'Reconnecting…',
    hint: 'Live updates paused. Condo Sync keeps working; this screen catches up when it reconnects.',
  },
  status: {
    label: 'Sync status: {{text}}',
    idle: 'Idle',
    syncing: 'Syncing…',
    syncingPct: 'Syncing {{pct}}',
    queued: 'Sync queued',
    waiting: 'Waiting for you',
    lastFailed: 'Last sync failed',
    attention: 'Needs attention',
    nextRun: 'Next nightly run {{when}}',
  },
  navBadge: {
    attention_one: '{{count, number}} needing attention',
    attention_other: '{{count, number}} needing attention',
    active_one: '{{count, number}} active',
    active_other: '{{count, number}} active',
  },
  buildings: {
    filter: 'Find a building',
    noMatch: 'No building matches',
  },
  toasts: {
    region: 'Notifications',
  },
  access: {
    missingTitle: 'This address has no access key, so Condo Sync cannot show or change anything',
    refusedTitle: 'This window’s access key was not accepted, so Condo Sync cannot show or change anything',
    body: 'Open the console with the link Condo Sync printed when it started (it ends with ?token=…). Nothing was lost, and nothing was changed.',
    status: 'Not signed in',
  },
};
