/** Limits shared by the contract's validation and the forms that say them to people before sending. */

/** Days of sync history and of record-by-record detail kept (Settings → History kept). */
export const RETENTION_DAYS = { min: 1, max: 3650 } as const;
