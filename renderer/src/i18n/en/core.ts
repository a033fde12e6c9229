/**
 * The core's own sentences (attention notes, failures, notices), which it
 * writes in English. lib/core-text.ts recognises them and reads them from
 * here, so a French reader gets them in French.
 */
export const core = {
  who: {
    owner: 'The owner',
    tenant: 'The tenant',
    ownerOf: 'The owner of unit {{unit}}',
    tenantOf: 'The tenant of unit {{unit}}',
    another: 'another resident',
  },
  info: { Owner: 'Information → Owner', Tenant: 'Information → Tenant', Units: 'Information → Units' },
  unitMissing: 'Unit {{unit}} is not in Condo Control’s Unit File, so its residents cannot be related to it. Check the unit number in Condo Manager ({{info}}) matches the unit’s name in Condo Control.',
  badEmail: '{{who}} has an email Condo Control cannot accept ({{email}}). They were synced without one. Correct it in Condo Manager ({{info}}).',
  badEmailKept: '{{who}} has an email Condo Control cannot accept ({{email}}). Condo Control keeps the email it has. Correct it in Condo Manager ({{info}}).',
  sharedInUnit: 'Two residents of unit {{unit}} share the email {{email}}. Condo Control needs a unique email to log in, so only one of them has it. Give each their own email in Condo Manager ({{info}}).',
  sharedWith: '{{who}} shares the email {{email}} with {{other}}. Condo Control needs a unique email to log in, so only one of them has it. Give each their own email in Condo Manager ({{info}}).',
  emailOtherName: '{{who}} uses the email {{email}}, which belongs to another Condo Control user with a different name. They were synced without it. Check which person the email belongs to and correct it in Condo Manager, or in Condo Control if that user is wrong.',
  emailOther: '{{who}} uses the email {{email}}, which belongs to another Condo Control user. They were synced without it. Check which person the email belongs to and correct it in Condo Manager.',
  relatedMissing: '{{who}} is related to unit {{unit}}, which is not in Condo Control’s Unit File. Check the unit number in Condo Manager matches Condo Control.',
  relatedMissingUnknown: 'a unit that is missing from Condo Manager',
  deactivatedInCc: '{{who}} is active in Condo Manager but deactivated in Condo Control. Reactivate the user in Condo Control’s Unit File if they still live here.',
  emailTakenCreated: 'The email {{email}} is already used by another Condo Control user, so this person was created without it. Check which person the email belongs to and correct it in Condo Manager.',
  emailTakenNotSet: 'The email {{email}} is already used by another Condo Control user, so it was not set. Check which person the email belongs to and correct it in Condo Manager.',
  vanished: 'No longer in Condo Manager: deactivated in Condo Control (never deleted).',
  refused: 'Condo Control refused this record ({{fields}}). Check those values in Condo Manager; the other records were synced, and this one is tried again on the next sync.',
  system: { 'Condo Manager': 'Condo Manager', 'Condo Control': 'Condo Control', other: 'A connected system' },
  noAnswer: '{{system}} did not answer. Check the network and its address in Settings → Connections. Nothing was lost; {{retry}}.',
  refusedSignIn: '{{system}} refused Condo Sync’s sign-in. Check the credentials in Settings → Connections.',
  slowDown: '{{system}} kept asking Condo Sync to slow down. Nothing was lost; the sync will run again later.',
  upstream: '{{system}} answered with an error it could not explain. Nothing was lost; {{retry}}.',
  retrySync: 'the sync will run again',
  retryRecord: 'this record is tried again on the next sync',
  stoppedUnexpectedly: 'The sync stopped unexpectedly. Nothing was lost; it will run again. If it repeats, contact support.',
  retriedNextReconcile: 'It will be retried by the next reconcile.',
  diskFull: 'The disk where Condo Sync keeps its data is full (or cannot be written). Free some space on it; nothing was lost, and the sync runs again once there is room.',
  refusedEmail: 'Condo Control refused the email from Condo Manager, so this person was synced without one. Correct the email in Condo Manager.',
};
