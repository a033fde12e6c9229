/** Status summaries where failed beats attention. */
export const summary = {
  someFailed_one: '{{count, number}} failed in the last sync',
  someFailed_other: '{{count, number}} failed in the last sync',
};
