/** Strings of the sync area. */
export const sync = {};
