/** Strings of the job area. */
export const job = {};
