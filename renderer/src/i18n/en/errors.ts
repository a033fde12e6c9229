/** Strings of the errors area. */
export const errors = {};
