/** Home: the cards and the Needs attention notes. */
export const home = {
  description: 'Residents, invoices and payments flow one way: from Condo Manager into Condo Control.',
  empty: {
    title: 'The Unit File is empty',
    body: 'The first sync fills it from Condo Manager. Start New Sync to bring in units and residents now.',
  },
  sync: {
    inProgress: 'Sync in progress',
    follow: 'Follow it in the Sync Queue',
    last: 'Last sync',
    changes_one: '{{count, number}} change',
    changes_other: '{{count, number}} changes',
    stoppedEarly: 'The sync stopped before it finished.',
    stoppedBody: 'Nothing was lost; the next sync tries again.',
    details: 'See the details',
    whatChanged: 'See what changed',
    historyWhat: 'The sync history',
    none: 'No sync has finished yet. The first sync fills the Unit File from Condo Manager.',
  },
  schedule: {
    title: 'Next nightly run',
    every: 'Every night at {{time}} ({{zone}}). Full reconcile every {{day}}.',
    change: 'Change the schedule',
    what: 'The nightly schedule',
  },
  units: {
    total_one: '{{count, number}} unit',
    total_other: '{{count, number}} units',
    attention: 'need attention',
    pending: 'with changes pending',
    inSync: 'in sync',
  },
  loading: 'Loading…',
  attention: {
    title: 'Needs attention',
    fallback: 'Needs a look before the next sync.',
    more_one: '{{count, number}} more in the last sync',
    more_other: '{{count, number}} more in the last sync',
    seeLast: 'See the last sync',
    showUnits: 'Show units needing attention',
    caption: 'Units needing attention',
  },
};
