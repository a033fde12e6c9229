/** Strings of the queue area. */
export const queue = {};
