/** Strings of the balances area. */
export const balances = {};
