import type { Handlers } from '@shared/contract';
import { AppError } from '@shared/errors';
import type { BuildingGroups, GroupDefaults } from '@shared/types';
import type { CoreContext } from '../context';
import type { Systems } from '../sync/types';

/** Groups change rarely; a minute saves a round of calls per building while Settings is open. */
const FRESH_MS = 60_000;

const key = (name: string) => name.trim().toLowerCase();

/**
 * Condo Control's real groups per building (workspace), so a default group is
 * chosen from what exists and checked when saved: a typo such as "Ownrs"
 * would otherwise be accepted and fail every resident at the next sync.
 */
export class GroupDirectory {
  private cached?: { at: number; list: BuildingGroups[] };

  constructor(
    private readonly ctx: CoreContext,
    private readonly systems: () => Systems | undefined,
  ) {}

  /** Every building this login manages, with its groups. Throws `unavailable` when Condo Control cannot be reached. */
  async list(): Promise<BuildingGroups[]> {
    const now = this.ctx.clock.now().getTime();
    if (this.cached && now - this.cached.at < FRESH_MS) return this.cached.list;
    const sys = this.systems();
    if (!sys) throw new AppError('unavailable', 'Condo Control is not connected, so its groups cannot be listed. Set up the connection in Settings → Connections.');
    try {
      const corps = await this.ctx.repos.reports.buildingWorkspaces();
      const byWorkspace = new Map(corps.filter((c) => c.workspaceId).map((c) => [c.workspaceId!, c.id]));
      const workspaces = (await sys.cc.listWorkspaces()).items;
      const list = await Promise.all(
        workspaces.map(async (w) => {
          const groups = (await sys.cc.listGroups(w.id)).items.map((g) => ({ id: g.id, name: g.name, builtIn: g.builtIn }));
          const corporationId = byWorkspace.get(w.id);
          return { workspaceId: w.id, name: w.name, ...(corporationId ? { corporationId } : {}), groups };
        }),
      );
      this.cached = { at: now, list };
      return list;
    } catch (err) {
      this.ctx.log.warn('listing Condo Control groups failed', { code: err instanceof AppError ? err.code : 'internal' });
      throw new AppError('unavailable', 'Condo Control did not answer, so its groups could not be read. Nothing was changed; try again in a moment.');
    }
  }

  /**
   * Checks group names against the buildings they would apply to: one
   * building, or (for the defaults) every building without its own groups.
   * Returns the names as Condo Control spells them. Throws `invalid_input`
   * naming the field when a group does not exist.
   */
  async check(names: GroupDefaults, scope: { corporationId: string } | 'defaults', prefix: string): Promise<GroupDefaults> {
    if (!this.systems()) return names;
    const all = await this.list();
    let targets: BuildingGroups[];
    if (scope === 'defaults') {
      const own = new Set((await this.ctx.repos.reports.buildingWorkspaces()).filter((c) => c.owners).map((c) => c.id));
      const mapped = all.filter((b) => b.corporationId);
      targets = (mapped.length ? mapped : all).filter((b) => !b.corporationId || !own.has(b.corporationId));
    } else {
      targets = all.filter((b) => b.corporationId === scope.corporationId);
    }
    const fields: { field: string; message: string }[] = [];
    const spelled: GroupDefaults = { ...names };
    for (const role of ['owners', 'tenants'] as const) {
      const missing = targets.filter((b) => !b.groups.some((g) => key(g.name) === key(names[role])));
      const found = targets.flatMap((b) => b.groups).find((g) => key(g.name) === key(names[role]));
      if (found) spelled[role] = found.name;
      if (!missing.length) continue;
      const choices = [...new Set(missing[0]!.groups.map((g) => g.name))].join(', ');
      const where = missing.length === targets.length ? 'in Condo Control' : `in ${missing.length} of ${targets.length} buildings (${missing.slice(0, 3).map((b) => b.name).join('; ')}${missing.length > 3 ? '; …' : ''})`;
      fields.push({ field: `${prefix}.${role}`, message: `There is no group "${names[role].trim()}" ${where}. Choose one of: ${choices}.` });
    }
    if (fields.length) throw new AppError('invalid_input', fields.map((f) => f.message).join(' '), { fields });
    return spelled;
  }
}

type GroupHandlers = Pick<Handlers, 'groups.list' | 'settings.set' | 'corporations.setGroups'>;

/** groups.list, and the two saves of group names, each checked against Condo Control before anything is written. */
export function groupHandlers(dir: GroupDirectory, base: Pick<Handlers, 'settings.set' | 'corporations.setGroups'>): GroupHandlers {
  return {
    'groups.list': async (input) => {
      const all = await dir.list();
      return input?.corporationId ? all.filter((b) => b.corporationId === input.corporationId) : all;
    },
    'settings.set': async (input) => (input.groups ? base['settings.set']({ ...input, groups: await dir.check(input.groups, 'defaults', 'groups') }) : base['settings.set'](input)),
    'corporations.setGroups': async (input) =>
      base['corporations.setGroups'](input.groups ? { ...input, groups: await dir.check(input.groups, { corporationId: input.id }, 'groups') } : input),
  };
}
