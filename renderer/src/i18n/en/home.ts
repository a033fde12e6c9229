/** Strings of the home area. */
export const home = {};
