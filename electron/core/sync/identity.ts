// Who is who across the two systems, compared as people read names and
// emails (shared/people-text.ts): who keeps an email two residents share,
// and which new Condo Manager record is a resident who moved (a transfer).
import { emailKey, foldText, isLoginEmail, sameName } from '@shared/people-text';
import type { CcUser } from '../systems/schemas';
import type { CachedPerson, MapRow } from './cache';

/** Who keeps a shared email: whoever already holds it in Condo Control, else the person it names, else the longest-standing resident. */
export function emailHolders(people: CachedPerson[], maps: Map<string, MapRow>, usersById: Map<string, CcUser>): Map<string, string> {
  const claims = new Map<string, CachedPerson[]>();
  for (const p of people) {
    const e = emailKey(p.email);
    if (p.status !== 'Active' || !e || !isLoginEmail(p.email!.trim())) continue;
    const list = claims.get(e);
    if (list) list.push(p);
    else claims.set(e, [p]);
  }
  const holders = new Map<string, string>();
  for (const [email, list] of claims) {
    if (list.length === 1) {
      holders.set(email, list[0]!.id);
      continue;
    }
    const current = list.find((p) => {
      const target = maps.get(p.id)?.target_id;
      return target && emailKey(usersById.get(target)?.email) === email;
    });
    // mateo.santos@… is Mateo's; then the longest-standing resident, then the lowest id: stable run to run.
    const local = foldText(email.split('@')[0]).replace(/[^a-z]/g, '');
    const part = (n: string) => foldText(n).replace(/[^a-z]/g, '');
    const named = (p: CachedPerson) =>
      Number(part(p.firstName).length > 1 && local.includes(part(p.firstName))) + Number(part(p.lastName).length > 1 && local.includes(part(p.lastName)));
    const first = [...list].sort((a, b) => named(b) - named(a) || (a.startDate ?? '9999').localeCompare(b.startDate ?? '9999') || a.id.localeCompare(b.id))[0]!;
    holders.set(email, (current ?? first).id);
  }
  return holders;
}

export interface Transfer {
  /** The Condo Control user the resident keeps. */
  user: CcUser;
  /** The ended Condo Manager record that user belonged to, when it is still known. */
  fromPersonId: string;
}

export interface Transfers {
  /** New record id → the user it takes over. */
  byNew: Map<string, Transfer>;
  /** Ended record id → the new record that took its user. */
  byPast: Map<string, string>;
  /** New record id → the past record whose email it shares under another name (a person decides). */
  uncertain: Map<string, { user: CcUser; fromPersonId: string }>;
}

/**
 * A resident who moves (a sale and a purchase, a tenant changing units) often
 * appears in Condo Manager as an ended record and a new one. When the new
 * record has no Condo Control user yet and carries the same email and a name
 * that reads the same as the user of an ended (or vanished) record, the
 * resident keeps that user. The same email under another name is not proof:
 * it is reported, never guessed.
 */
export function findTransfers(
  candidates: CachedPerson[],
  peopleById: Map<string, CachedPerson>,
  users: CcUser[],
  hasUser: (p: CachedPerson) => boolean,
): Transfers {
  const out: Transfers = { byNew: new Map(), byPast: new Map(), uncertain: new Map() };
  const fresh = candidates.filter((p) => p.status === 'Active' && p.email && !hasUser(p));
  if (!fresh.length) return out;
  const wanted = new Set(fresh.map((p) => emailKey(p.email)));
  const byEmail = new Map<string, CcUser[]>();
  for (const u of users) {
    const key = emailKey(u.email);
    if (!key || !wanted.has(key) || !u.externalId) continue;
    const owner = peopleById.get(u.externalId);
    // Only a user whose record has ended (or is gone from Condo Manager) can move to a new one.
    if (owner && owner.status === 'Active') continue;
    const list = byEmail.get(key);
    if (list) list.push(u);
    else byEmail.set(key, [u]);
  }
  const taken = new Set<string>();
  for (const p of fresh) {
    const found = (byEmail.get(emailKey(p.email)) ?? []).filter((u) => u.externalId !== p.id && !taken.has(u.id));
    if (!found.length) continue;
    const named = (u: CcUser) => peopleById.get(u.externalId!) ?? u;
    const same = found.filter((u) => sameName(named(u), p));
    if (same.length === 1) {
      const user = same[0]!;
      taken.add(user.id);
      out.byNew.set(p.id, { user, fromPersonId: user.externalId! });
      out.byPast.set(user.externalId!, p.id);
    } else {
      out.uncertain.set(p.id, { user: found[0]!, fromPersonId: found[0]!.externalId! });
    }
  }
  return out;
}
