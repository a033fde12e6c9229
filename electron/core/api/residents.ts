import type { Handlers } from '@shared/contract';
import { AppError } from '@shared/errors';
import type { FieldDifference, Resident } from '@shared/types';
import type { CoreContext } from '../context';
import { stableJson } from '../sync/hash';
import type { Systems } from '../sync/types';
import type { CcUser, Group } from '../systems/schemas';
import { heldBackReason } from './held-back';

/** The User section: Condo Manager's values, Condo Control's, and what differs. */
export function residentHandlers(ctx: CoreContext, systems: () => Systems | undefined): Pick<Handlers, 'residents.get'> {
  const groupsCache = new Map<string, Group[]>();

  return {
    'residents.get': async ({ id }) => {
      const row = await ctx.repos.residents.get(id);
      if (!row) throw new AppError('not_found', 'That resident is not in the Unit File. They may not have been synced yet.', { id });
      const phones = JSON.parse(row.phones);
      const language = row.language as Resident['language'];
      const source = { firstName: row.first_name, lastName: row.last_name, email: row.email, phones, language, active: row.status === 'Active' };

      // Condo Control's live values when it answers; what the sync last wrote otherwise.
      let user: CcUser | undefined;
      let groups: Group[] | undefined;
      let gone = false;
      const sys = systems();
      if (sys && row.target_id && row.workspace_id) {
        try {
          const ws = row.workspace_id;
          const [found, g] = await Promise.all([
            sys.cc.findUsers(ws, { externalId: id, limit: 1 }),
            groupsCache.get(ws) ?? sys.cc.listGroups(ws).then((r) => r.items),
          ]);
          groupsCache.set(ws, g);
          user = found.items.find((u) => u.id === row.target_id) ?? found.items[0];
          // Condo Control answered without this user: it no longer holds them (the next sync links or creates one).
          gone = !user;
          groups = g;
        } catch (err) {
          ctx.log.warn('live Condo Control read failed for residents.get', { error: String(err) });
        }
      }
      const synced = row.synced_state ? JSON.parse(row.synced_state) : undefined;
      const target = user
        ? { firstName: user.firstName, lastName: user.lastName, email: user.email, phones: user.phones, language: user.language, active: user.active }
        : gone
          ? undefined
          : synced;
      const pendingDifferences: FieldDifference[] = [];
      if (!target) {
        // Never written to Condo Control: every value is still to come.
        for (const key of Object.keys(source) as (keyof typeof source)[]) pendingDifferences.push({ field: key, condoManager: source[key], condoControl: null });
      } else {
        for (const key of Object.keys(source) as (keyof typeof source)[]) {
          const a = key === 'email' ? (source.email ?? '').toLowerCase() || null : source[key];
          const b = key === 'email' ? ((target.email as string | null) ?? '').toLowerCase() || null : target[key];
          if (stableJson(a) !== stableJson(b)) pendingDifferences.push({ field: key, condoManager: source[key], condoControl: target[key] ?? null });
        }
      }
      const groupIds: string[] = user?.groupIds ?? synced?.groupIds ?? [];
      const names = groups ? groupIds.map((g) => groups!.find((x) => x.id === g)?.name ?? g) : [];
      // Say which of the waiting values the next sync will not write (a conflict holds them back).
      for (const d of pendingDifferences) {
        const why = await heldBackReason(ctx.repos.residents, { row, field: d.field, source: source[d.field as keyof typeof source], synced });
        if (why) {
          d.heldBack = why.message;
          d.heldBackCode = why.code;
        }
      }
      const ccValues = row.target_id && target
        ? {
            firstName: target.firstName ?? '',
            lastName: target.lastName ?? '',
            ...(target.email ? { email: target.email as string } : {}),
            phones: target.phones ?? [],
            language: target.language ?? 'en',
            active: !!target.active,
            ...(groups ? { groups: names } : {}),
            source: user ? ('live' as const) : ('last-sync' as const),
          }
        : undefined;
      const resident: Resident = {
        id,
        corporationId: row.corporation_id,
        firstName: row.first_name,
        lastName: row.last_name,
        ...(row.email ? { email: row.email } : {}),
        phones,
        language,
        role: row.role,
        status: row.status,
        groups: names,
        unitIds: JSON.parse(row.unit_ids),
        active: user ? user.active : (synced?.active ?? false),
        ...(row.target_id ? { condoControlUserId: row.target_id } : {}),
        ...(ccValues ? { condoControl: ccValues } : {}),
        ...(row.last_synced_at ? { lastSyncedAt: row.last_synced_at } : {}),
        syncStatus: row.sync_status ?? 'pending',
        pendingDifferences,
        attention: row.attention ? JSON.parse(row.attention) : [],
        history: (await ctx.repos.jobHistory.of('person', id)).map((h) => ({
          at: h.at,
          jobId: h.jobId,
          outcome: h.outcome,
          ...(h.effect ? { effect: h.effect } : {}),
          ...(h.message ? { message: h.message } : {}),
          ...(h.changes ? { changes: JSON.parse(h.changes) } : {}),
        })),
      };
      return resident;
    },
  };
}
