/** Sync Queue page. */
export const queue = {
  description: 'Every sync, newest first: nightly runs, manual syncs, and invoices and payments as they happen.',
  listWhat: 'The list of past syncs',
  caption: 'Syncs, newest first',
  preview: 'Preview',
  col: {
    sync: 'Sync',
    status: 'Status',
    progress: 'Progress',
    created: 'Added',
    updated: 'Updated',
    unchanged: 'Unchanged',
    conflict: 'Needs attention',
    failed: 'Failed',
    started: 'Started',
    /** One column in place of the five counts when the window is narrow. */
    results: 'Records',
  },
  unchangedPart_one: '{{count, number}} unchanged',
  unchangedPart_other: '{{count, number}} unchanged',
  running: 'running {{duration}}',
  took: 'took {{duration}}',
  showing: 'Showing the latest {{shown}} of {{total}} syncs.',
  empty: {
    title: 'No syncs yet',
    body: 'Syncs appear here as soon as they are queued: the nightly run, a manual Start New Sync, and real-time invoice and payment updates.',
  },
};
