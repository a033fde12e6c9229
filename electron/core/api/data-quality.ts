import type { Handlers } from '@shared/contract';
import type { DataQualityPerson, DataQualityReport } from '@shared/types';
import type { CoreContext } from '../context';
import { isValidEmail } from '../sync/mapping';
import type { QualityPersonRow } from '../db/repositories/reports';

type Row = QualityPersonRow;

/**
 * The accounting desk's "Data-quality report": what to fix in Condo Manager
 * before the sync can carry it, from the local copy of Condo Manager and the
 * id map (no call to either system, so it prints even when one is down).
 */
export async function buildDataQualityReport(ctx: CoreContext, corporationId?: string): Promise<DataQualityReport> {
  const people = await ctx.repos.reports.qualityPeople(corporationId);
  const who = (p: Row): DataQualityPerson => ({
    personId: p.id,
    name: `${p.first_name} ${p.last_name}`.trim(),
    role: p.role,
    units: p.units,
    corporationId: p.corporation_id,
  });
  const active = people.filter((p) => p.status === 'Active');

  // One login per email in Condo Control: two current residents with one address is a conflict.
  const byEmail = new Map<string, Row[]>();
  for (const p of active) {
    const e = p.email?.trim().toLowerCase();
    if (!e || !isValidEmail(e)) continue;
    const k = `${p.corporation_id}\u0000${e}`;
    byEmail.set(k, [...(byEmail.get(k) ?? []), p]);
  }
  const sharedEmails = [...byEmail.values()].filter((list) => list.length > 1).map((list) => ({ email: list[0]!.email!.trim(), people: list.map(who) }));

  const invalidEmails = active.filter((p) => p.email?.trim() && !isValidEmail(p.email.trim())).map((p) => ({ ...who(p), email: p.email!.trim() }));
  const peopleWithoutUnits = active.filter((p) => !p.units.length).map(who);

  const today = ctx.clock.now().toISOString().slice(0, 10);
  const unfinishedMoveOuts: DataQualityReport['unfinishedMoveOuts'] = [];
  for (const p of people) {
    if (p.status === 'Active' && p.role === 'tenant' && p.move_out_date && p.move_out_date.slice(0, 10) < today) {
      unfinishedMoveOuts.push({ ...who(p), moveOutDate: p.move_out_date.slice(0, 10), reason: 'still-current' });
    } else if (p.status === 'Past' && p.synced_state && (JSON.parse(p.synced_state) as { active?: boolean }).active === true) {
      unfinishedMoveOuts.push({ ...who(p), ...(p.move_out_date ? { moveOutDate: p.move_out_date.slice(0, 10) } : {}), reason: 'still-active-in-condo-control' });
    }
  }

  const unitsWithoutOwners = await ctx.repos.reports.unitsWithoutOwners(corporationId);

  return {
    generatedAt: ctx.clock.now().toISOString(),
    ...(corporationId ? { corporationId } : {}),
    sharedEmails,
    invalidEmails,
    unitsWithoutOwners,
    peopleWithoutUnits,
    unfinishedMoveOuts,
  };
}

export function dataQualityHandlers(ctx: CoreContext): Pick<Handlers, 'reports.dataQuality'> {
  return { 'reports.dataQuality': async (input) => buildDataQualityReport(ctx, input?.corporationId) };
}
