// Condo Control as a real onboarding leaves it: one workspace per corporation,
// the six built-in groups, units named as in Condo Manager ("1203", "P-12")
// but with no externalId yet, and only the few hand-made users — the sync
// links and creates everyone else.
import { generateStructure, handMadeUsers, workspaceName } from '../portfolio';
import type { Size } from '../portfolio/types';
import type { Db } from '../common/sqlite';
import { BUILT_IN_GROUPS, CC_TABLES } from './schema';

/** Hand-made users were entered before the integration, long before any sync. */
const HAND_MADE_AT = '2026-09-01T12:00:00.000Z';

export function seedCondoControl(db: Db, seed: number, size: Size): { workspaces: number; units: number; users: number } {
  const insertWs = db.prepare('INSERT INTO workspaces (id, position, name) VALUES (?, ?, ?)');
  const insertGroup = db.prepare('INSERT INTO groups (id, position, name, built_in) VALUES (?, ?, ?, 1)');
  const insertUnit = db.prepare('INSERT INTO units (n, id, ws_id, name, unit_type, external_id) VALUES (?, ?, ?, ?, ?, NULL)');
  const insertUser = db.prepare(
    `INSERT INTO users (n, id, ws_id, external_id, first_name, last_name, email, email_lower, phones, language, active, group_ids, unit_ids, updated_at)
     VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const counts = { workspaces: 0, units: 0, users: 0 };

  db.transaction(() => {
    for (const table of CC_TABLES) db.exec(`DELETE FROM ${table}`);
    const groupIds = new Map<string, string>();
    BUILT_IN_GROUPS.forEach((name, i) => {
      const id = `grp_${i + 1}`;
      groupIds.set(name, id);
      insertGroup.run(id, i, name);
    });
    for (const data of generateStructure(seed, size)) {
      const wsId = `ws_${data.index + 1}`;
      insertWs.run(wsId, data.index, workspaceName(data.corporation.code, data.address));
      counts.workspaces++;
      const unitIds = new Map<string, string>();
      for (const unit of data.units) {
        counts.units++;
        const id = `unit_${counts.units}`;
        unitIds.set(unit.number, id);
        insertUnit.run(counts.units, id, wsId, unit.number, unit.occupancy);
      }
      for (const user of handMadeUsers(seed, data)) {
        counts.users++;
        const units = user.unitNumbers.map((n) => unitIds.get(n)).filter((id): id is string => id !== undefined);
        insertUser.run(
          counts.users, `user_${counts.users}`, wsId, user.firstName, user.lastName, user.email, user.email.toLowerCase(),
          JSON.stringify(user.phones), user.language, JSON.stringify([groupIds.get(user.groupName)]), JSON.stringify(units),
          HAND_MADE_AT,
        );
      }
    }
    setMeta.run('seed', String(seed));
    setMeta.run('size', size);
  })();
  return counts;
}
