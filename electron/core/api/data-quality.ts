import type { Handlers } from '@shared/contract';
import type { DataQualityPerson, DataQualityReport } from '@shared/types';
import type { CoreContext } from '../context';
import { isValidEmail } from '../sync/mapping';

interface Row {
  id: string;
  corporation_id: string;
  role: 'owner' | 'tenant';
  first_name: string;
  last_name: string;
  email: string | null;
  status: 'Active' | 'Past';
  move_out_date: string | null;
  units: string | null;
  synced_state: string | null;
}

/**
 * The accounting desk's "Data-quality report": what to fix in Condo Manager
 * before the sync can carry it, from the local copy of Condo Manager and the
 * id map (no call to either system, so it prints even when one is down).
 */
export function buildDataQualityReport(ctx: CoreContext, corporationId?: string): DataQualityReport {
  const scope = corporationId ? 'WHERE p.corporation_id = @corp' : '';
  const people = ctx.db
    .prepare(`SELECT p.id, p.corporation_id, p.role, p.first_name, p.last_name, p.email, p.status, p.move_out_date, m.synced_state,
        (SELECT group_concat(u.number, '|') FROM unit_roles r JOIN units u ON u.id = r.unit_id WHERE r.person_id = p.id) AS units
      FROM people p LEFT JOIN id_map m ON m.entity = 'person' AND m.source_id = p.id ${scope}
      ORDER BY p.corporation_id, p.last_name, p.first_name, p.id`)
    .all(corporationId ? { corp: corporationId } : {}) as Row[];
  const who = (p: Row): DataQualityPerson => ({
    personId: p.id,
    name: `${p.first_name} ${p.last_name}`.trim(),
    role: p.role,
    units: p.units ? p.units.split('|') : [],
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
  const peopleWithoutUnits = active.filter((p) => !p.units).map(who);

  const today = ctx.clock.now().toISOString().slice(0, 10);
  const unfinishedMoveOuts: DataQualityReport['unfinishedMoveOuts'] = [];
  for (const p of people) {
    if (p.status === 'Active' && p.role === 'tenant' && p.move_out_date && p.move_out_date.slice(0, 10) < today) {
      unfinishedMoveOuts.push({ ...who(p), moveOutDate: p.move_out_date.slice(0, 10), reason: 'still-current' });
    } else if (p.status === 'Past' && p.synced_state && (JSON.parse(p.synced_state) as { active?: boolean }).active === true) {
      unfinishedMoveOuts.push({ ...who(p), ...(p.move_out_date ? { moveOutDate: p.move_out_date.slice(0, 10) } : {}), reason: 'still-active-in-condo-control' });
    }
  }

  const unitsWithoutOwners = ctx.db
    .prepare(`SELECT u.id AS unitId, u.number, u.corporation_id AS corporationId FROM units u
      WHERE u.kind = 'residential' ${corporationId ? 'AND u.corporation_id = @corp' : ''}
        AND NOT EXISTS (SELECT 1 FROM unit_roles r JOIN people p ON p.id = r.person_id WHERE r.unit_id = u.id AND r.role = 'owner' AND p.status = 'Active')
      ORDER BY u.corporation_id, (u.number GLOB '[0-9]*') DESC, length(u.number), u.number`)
    .all(corporationId ? { corp: corporationId } : {}) as DataQualityReport['unitsWithoutOwners'];

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
