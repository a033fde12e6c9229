/** Strings of the unit area. */
export const unit = {};
