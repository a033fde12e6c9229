/** What went wrong, what to do, and whether anything was lost. */
export const errors = {
  notYet: {
    title: 'Not available in this version yet',
    body: '{{what}} is still being built into Condo Sync. Nothing was changed and nothing was lost.',
    this: 'This',
  },
  unavailable: {
    title: 'Condo Sync is not answering',
    body: 'Check that Condo Sync is still running, then try again. Nothing was lost.',
  },
  unauthorized: {
    title: 'This window is no longer signed in',
    bodyDesktop: 'Open the console again from Condo Sync’s tray icon. Nothing was lost.',
    bodyBrowser: 'Open the console again with the link Condo Sync printed when it started (it ends with ?token=…). Nothing was lost.',
  },
  notFound: {
    title: 'Not found',
    body: 'It may have been removed, or not synced yet. Nothing was lost.',
  },
  upstream: {
    title: 'The other system did not answer in time',
    body: 'Nothing was lost; Condo Sync will retry. You can also try again in a few minutes.',
  },
  invalid: {
    title: 'Please check the highlighted fields',
    body: 'Nothing was saved yet.',
    checkFields: 'Check the fields marked above. Nothing was saved.',
  },
  conflict: {
    title: 'That could not be done right now',
    body: 'Something changed in the meantime. Reload and try again; nothing was lost.',
  },
  internal: {
    title: 'Something went wrong',
    body: 'Nothing was lost. Try again, and if it repeats, contact support.',
  },
  field: {
    required: 'This is required',
    tooLong: 'This is too long',
    atLeast: 'Enter {{n}} or more',
    atMost: 'Enter {{n}} or less',
    check: 'Check this value',
    noAt: 'Must not start with @: use the person’s name, such as “Marie (front desk)”',
    oneLine: 'Write it on one line, without tabs',
    retentionCross: 'Keep record detail no longer than the syncs it belongs to',
  },
  stale: 'Showing what was last loaded; it may be out of date.',
};
