/**
 * Every sentence the resident sync and the job runner write for people
 * (attention notes, failures, a job's error), by stable code.
 *
 * The engine writes them only through `say(code, params)`, and keeps the
 * English sentence with the record (the CLI, the logs and the CSV exports read
 * it as it is). `readMessages(text)` gives back each sentence's code and
 * parameters, exactly, because it is built from the same templates; the
 * console then says it in the reader's language from its catalogue
 * (`core.<code>`, in English and in French). A sentence added here without
 * its French fails tests/unit/core-messages.test.ts.
 *
 * Parameters are `{name}` in a template. Some are themselves words the
 * console translates (see `paramKinds`): `who`/`other` ("The owner of unit
 * 1203"), `whoLower`/`whereLower` (the same, mid-sentence), `role` (Owner |
 * Tenant), `system` (Condo Manager | Condo Control | A connected system),
 * `field` (email, phone number…), `on` ("31 Oct", "31 Oct 2025").
 */
export const coreMessages = {
  unitMissing:
    "Unit {unit} is not in Condo Control's Unit File, so its residents cannot be related to it. Check the unit number in Condo Manager (Information → Units) matches the unit's name in Condo Control.",
  badEmail: '{who} has an email Condo Control cannot accept ({email}). They were synced without one. Correct it in Condo Manager (Information → {role}).',
  badEmailKept: '{who} has an email Condo Control cannot accept ({email}). Condo Control keeps the email it has. Correct it in Condo Manager (Information → {role}).',
  sharedInUnit:
    'Two residents of unit {unit} share the email {email}. Condo Control needs a unique email to log in, so only one of them has it. Give each their own email in Condo Manager (Information → {role}).',
  sharedWith:
    '{who} shares the email {email} with {other}. Condo Control needs a unique email to log in, so only one of them has it. Give each their own email in Condo Manager (Information → {role}).',
  pastResidentEmail:
    '{who} has the email {email} of a past resident of unit {units} with another name. If they are the same person, correct the name in Condo Manager (Information → {role}) so their Condo Control user follows them; until then they get a user of their own.',
  pastResidentEmailNoUnit:
    '{who} has the email {email} of a past resident with another name in Condo Control. If they are the same person, correct the name in Condo Manager (Information → {role}) so their Condo Control user follows them; until then they get a user of their own.',
  emailOtherName:
    '{who} uses the email {email}, which belongs to another Condo Control user with a different name. They were synced without it. Check which person the email belongs to and correct it in Condo Manager, or in Condo Control if that user is wrong.',
  emailOther:
    '{who} uses the email {email}, which belongs to another Condo Control user. They were synced without it. Check which person the email belongs to and correct it in Condo Manager.',
  relatedMissing: "{who} is related to unit {unit}, which is not in Condo Control's Unit File. Check the unit number in Condo Manager matches Condo Control.",
  relatedMissingUnknown: "{who} is related to a unit that is missing from Condo Manager, which is not in Condo Control's Unit File. Check the unit number in Condo Manager matches Condo Control.",
  deactivatedInCc: "{who} is active in Condo Manager but deactivated in Condo Control. Reactivate the user in Condo Control's Unit File if they still live here.",
  refusedValue: 'Condo Control refused the {field} of {whoLower}, so it was synced without it. Correct it in Condo Manager (Information → {role}).',
  refusedEmail: 'Condo Control refused the email of {whoLower} ({email}), so it was synced without it. Correct it in Condo Manager (Information → {role}).',
  movedOut: 'Moved out on {on} according to Condo Manager, but still Active there. Finish the move-out in Condo Manager. Until then they stay active in Condo Control (Information → {role}).',
  movesIn:
    'Moves in on {on} according to Condo Manager, but is already Active there, so they can already log in to Condo Control. If they have not moved in yet, check the status and move-in date in Condo Manager (Information → {role}).',
  emailTakenCreated:
    'The email {email} is already used by another Condo Control user, so this person was created without it. Check which person the email belongs to and correct it in Condo Manager.',
  emailTakenNotSet: 'The email {email} is already used by another Condo Control user, so it was not set. Check which person the email belongs to and correct it in Condo Manager.',
  overwritten: "Condo Manager's value replaced a change made in Condo Control ({fields}).",
  movedWith: 'Same resident, moved from unit {from} to {to}.',
  movedOn: 'Same resident, now {whereLower} in Condo Manager: their Condo Control user moved with them.',
  movedOnNewRecord: 'Same resident, now a new record in Condo Manager: their Condo Control user moved with them.',
  pastNeverSynced: 'A past resident who was never in Condo Control: nothing to do.',
  unreadableRecord:
    'Condo Manager sent an unreadable {kind} record ({field}: {detail}). The others were synced; this one is read again on every sync until it is corrected in Condo Manager.',
  /** The same, as versions before 2026-12 wrote it ("a owner record", the field named twice): never written now, still read in the history. */
  unreadableRecordBefore:
    'Condo Manager sent a {kind} record that could not be read ({field}: {detail}). The others were synced; this one is read again on every sync until it is corrected in Condo Manager.',
  unreadableUser: "Condo Control sent this resident's user in a form that could not be read, so nothing was written. It is retried on the next sync.",
  groupMissing: 'The group "{group}" does not exist in Condo Control. Choose an existing group in Settings → Groups.',
  vanished: 'No longer in Condo Manager: deactivated in Condo Control (never deleted).',
  vanishedGuarded: 'A real reconcile asks for confirmation first: {count} of {size} residents is more than {percent}% of the building.',
  reconcileGuard:
    'The full reconcile would deactivate {count} of {size} residents in one building (more than {percent}%). This usually means Condo Manager returned an incomplete list. Confirm in the Sync Queue to go on, or cancel.',
  refused: 'Condo Control refused this record ({fields}). Check those values in Condo Manager; the other records were synced, and this one is tried again on the next sync.',
  noAnswer: '{system} did not answer. Check the network and its address in Settings → Connections. Nothing was lost; the sync will run again.',
  noAnswerRecord: '{system} did not answer. Check the network and its address in Settings → Connections. Nothing was lost; this record is tried again on the next sync.',
  refusedSignIn: "{system} refused Condo Sync's sign-in. Check the credentials in Settings → Connections.",
  slowDown: '{system} kept asking Condo Sync to slow down. Nothing was lost; the sync will run again later.',
  upstream: '{system} answered with an error it could not explain. Nothing was lost; the sync will run again.',
  upstreamRecord: '{system} answered with an error it could not explain. Nothing was lost; this record is tried again on the next sync.',
  stoppedUnexpectedly: 'The sync stopped unexpectedly. Nothing was lost; it will run again. If it repeats, contact support.',
  diskFull:
    'The disk where Condo Sync keeps its data is full (or cannot be written). Free some space on it; nothing was lost, and the sync runs again once there is room.',
  deactivateFailed: 'Condo Control did not deactivate this user.',
  retriedNextReconcile: 'It will be retried by the next reconcile.',
  buildingsFailed: '{buildings} could not be synced: {reason} The other buildings were synced.',
  buildingsUnmatched: 'No Condo Control building matches {buildings}. Name the building in Condo Control after the corporation code, then sync again.',
  engineFenced: 'This engine lost the shared database for {seconds} s.',
  engineFencedBody: 'Its syncs stopped here so that none runs twice; they continue on another engine, or here once the database answers again. Nothing was lost.',
  engineRejoined: 'This engine is back on the shared database and takes syncs again.',
} as const;

export type CoreMessageCode = keyof typeof coreMessages;

/** The parameter names of a template: `{who} has…` → ['who']. */
export function paramsOf(code: CoreMessageCode): string[] {
  return [...coreMessages[code].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** The English sentence for a code; every parameter of the template must be given. */
export function say(code: CoreMessageCode, params: Record<string, string | number> = {}): string {
  return coreMessages[code].replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`say(${code}): missing parameter ${name}`);
    return String(params[name]);
  });
}

export interface ReadMessage {
  code: CoreMessageCode;
  params: Record<string, string>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern per template; a parameter matches as little as it can. */
const patterns: { code: CoreMessageCode; re: RegExp; names: string[] }[] = (Object.keys(coreMessages) as CoreMessageCode[]).map((code) => {
  const names = paramsOf(code);
  const source = coreMessages[code]
    .split(/\{\w+\}/)
    .map(escape)
    .reduce((acc, part, i) => acc + (i > 0 ? '(.+?)' : '') + part, '');
  // A sentence ends the text or is followed by the next one.
  return { code, re: new RegExp(`^${source}(?= |$)`), names };
});

const captured = (m: RegExpExecArray) => m.slice(1).reduce((n, g) => n + (g?.length ?? 0), 0);

/**
 * Reads a stored text back into its sentences: the codes and parameters, in
 * order, or `undefined` when some part of it is not one of this registry's
 * sentences (an older version's wording, or another part of the engine).
 */
export function readMessages(text: string): ReadMessage[] | undefined {
  const rest = text.trim();
  if (!rest) return [];
  // Shortest sentence first, and back off when the rest cannot be read: a parameter
  // never swallows the next sentence, yet may hold one ("… could not be synced: {reason} …").
  const fits = patterns
    .map(({ code, re, names }) => ({ code, names, m: re.exec(rest) }))
    .filter((f): f is { code: CoreMessageCode; names: string[]; m: RegExpExecArray } => f.m !== null)
    // Equal lengths: the one that spells out more of it (refusedEmail over refusedValue with field "email").
    .sort((a, b) => a.m[0].length - b.m[0].length || captured(a.m) - captured(b.m));
  for (const { code, names, m } of fits) {
    const after = readMessages(rest.slice(m[0].length));
    if (after) return [{ code, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1]!])) }, ...after];
  }
  return undefined;
}
