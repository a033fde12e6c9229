/** Pause and resume, and the desktop app's own settings (launch at login, updates, folders). */
export const desktop = {
  pause: {
    pausedUntil: 'Paused until {{time}}',
    pausedUntilDay: 'Paused until {{when}}',
    pausedIndefinitely: 'Paused',
    hint: 'The nightly run and real-time sync of invoices and payments wait. A sync you start yourself still runs.',
    resume: 'Resume syncing',
    menu: 'Pause syncing',
    forHour: 'For 1 hour',
    untilTomorrow: 'Until tomorrow, 8:00 a.m.',
    untilResumed: 'Until I resume',
    failed: 'Syncing could not be paused or resumed',
  },
};
