/** Strings of the units area. */
export const units = {};
