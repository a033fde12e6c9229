/** Strings of the resident area. */
export const resident = {};
