// Workspaces, groups and units: what Condo Control already knows before any
// sync. Unit PUT sets the unit type and the externalId (the Condo Manager id).
import type { Statement } from 'better-sqlite3';
import { notFound } from '../common/http-error';
import type { Paging } from '../common/query';
import type { Db } from '../common/sqlite';

export interface Workspace {
  id: string;
  name: string;
}

export interface Group {
  id: string;
  name: string;
  builtIn: boolean;
}

export type UnitType = 'Vacant' | 'OwnerOccupied' | 'Rental';

export interface CcUnit {
  id: string;
  name: string;
  unitType: UnitType;
  externalId: string | null;
}

const UNIT_COLUMNS = 'id, name, unit_type AS unitType, external_id AS externalId';

export class Directory {
  private readonly s: Record<string, Statement>;

  constructor(db: Db) {
    this.s = {
      workspaces: db.prepare('SELECT id, name FROM workspaces ORDER BY position LIMIT ? OFFSET ?'),
      workspaceCount: db.prepare('SELECT COUNT(*) FROM workspaces').pluck(),
      workspace: db.prepare('SELECT id, name FROM workspaces WHERE id = ?'),
      groups: db.prepare('SELECT id, name, built_in AS builtIn FROM groups ORDER BY position LIMIT ? OFFSET ?'),
      groupCount: db.prepare('SELECT COUNT(*) FROM groups').pluck(),
      groupIds: db.prepare('SELECT id FROM groups').pluck(),
      units: db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE ws_id = ? ORDER BY n LIMIT ? OFFSET ?`),
      unitCount: db.prepare('SELECT COUNT(*) FROM units WHERE ws_id = ?').pluck(),
      unit: db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE ws_id = ? AND id = ?`),
      updateUnit: db.prepare('UPDATE units SET unit_type = ?, external_id = ? WHERE id = ?'),
    };
  }

  private st(name: string): Statement {
    const s = this.s[name];
    if (!s) throw new Error(`no statement ${name}`);
    return s;
  }

  workspaces(paging: Paging): { total: number; items: Workspace[] } {
    return {
      total: this.st('workspaceCount').get() as number,
      items: this.st('workspaces').all(paging.limit, paging.offset) as Workspace[],
    };
  }

  workspace(id: string): Workspace {
    const ws = this.st('workspace').get(id) as Workspace | undefined;
    if (!ws) throw notFound('The workspace', 'workspace', id);
    return ws;
  }

  groups(paging: Paging): { total: number; items: Group[] } {
    const rows = this.st('groups').all(paging.limit, paging.offset) as Array<Omit<Group, 'builtIn'> & { builtIn: number }>;
    return { total: this.st('groupCount').get() as number, items: rows.map((g) => ({ ...g, builtIn: g.builtIn === 1 })) };
  }

  groupIds(): Set<string> {
    return new Set(this.st('groupIds').all() as string[]);
  }

  units(wsId: string, paging: Paging): { total: number; items: CcUnit[] } {
    return {
      total: this.st('unitCount').get(wsId) as number,
      items: this.st('units').all(wsId, paging.limit, paging.offset) as CcUnit[],
    };
  }

  unit(wsId: string, id: string): CcUnit {
    const unit = this.st('unit').get(wsId, id) as CcUnit | undefined;
    if (!unit) throw notFound('The unit', 'unitId', id);
    return unit;
  }

  updateUnit(wsId: string, id: string, patch: { unitType?: UnitType; externalId?: string | null }): CcUnit {
    const next = { ...this.unit(wsId, id), ...patch };
    this.st('updateUnit').run(next.unitType, next.externalId, id);
    return next;
  }
}
