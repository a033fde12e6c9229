/** The contract methods of people and roles: who am I, access keys, the audit log. */
import { stringify } from 'csv-stringify/sync';
import { LOCAL_ADMINISTRATOR, rolePermissions, type AuditEntry, type Role } from '@shared/access';
import type { Handlers } from '@shared/contract';
import type { ExportFile } from '@shared/types';
import type { Clock } from '../clock';
import type { AccessService } from './access-service';

type AccessHandlers = Pick<Handlers, 'session.get' | 'keys.list' | 'keys.create' | 'keys.revoke' | 'audit.list' | 'audit.export'>;

const words = {
  en: {
    header: ['When (UTC)', 'Who', 'Role', 'Action', 'Details', 'Outcome', 'Error'],
    roles: { administrator: 'Administrator', property_manager: 'Property manager', support: 'Support' } satisfies Record<Role, string>,
    local: 'This computer',
    token: 'Console access token',
    outcomes: { ok: 'Done', refused: 'Refused', failed: 'Failed' },
    file: 'audit-log',
  },
  fr: {
    header: ['Quand (UTC)', 'Qui', 'Rôle', 'Action', 'Détails', 'Résultat', 'Erreur'],
    roles: { administrator: 'Administrateur', property_manager: 'Gestionnaire immobilier', support: 'Soutien' } satisfies Record<Role, string>,
    local: 'Cet ordinateur',
    token: "Jeton d'accès de la console",
    outcomes: { ok: 'Fait', refused: 'Refusé', failed: 'Échec' },
    file: 'journal-d-audit',
  },
} as const;

/** A cell a spreadsheet would run as a formula (=, +, -, @) is kept as text. */
function cell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function detailText(summary: AuditEntry['summary']): string {
  return Object.entries(summary)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`)
    .join('; ');
}

export function accessHandlers(access: AccessService, clock: Clock): AccessHandlers {
  return {
    'session.get': async (_input, caller = LOCAL_ADMINISTRATOR) => ({ caller, permissions: [...rolePermissions[caller.role]] }),
    'keys.list': async (input) => access.listKeys({ includeRevoked: input?.includeRevoked ?? false }),
    'keys.create': async ({ name, role }) => access.createKey({ name, role }),
    'keys.revoke': async ({ id }) => access.revokeKey(id),
    'audit.list': async (input) => access.audit.list({ ...(input?.outcome ? { outcome: input.outcome } : {}), offset: input?.offset ?? 0, limit: input?.limit ?? 100 }),
    'audit.export': async (input): Promise<ExportFile> => {
      const w = words[input?.language ?? 'en'];
      const rows: string[][] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await access.audit.list({ offset, limit: 500 });
        for (const e of page.items) {
          const who = e.actor.kind === 'key' ? (e.actor.name ?? '') : e.actor.kind === 'token' ? w.token : w.local;
          rows.push([e.at, cell(who), w.roles[e.actor.role], e.method, cell(detailText(e.summary)), w.outcomes[e.outcome], e.code ?? '']);
        }
        if (offset + page.items.length >= page.total || !page.items.length) break;
      }
      const text = '\uFEFF' + stringify([[...w.header], ...rows], { record_delimiter: 'windows' });
      return { filename: `${w.file}-${clock.now().toISOString().slice(0, 10)}.csv`, mimeType: 'text/csv;charset=utf-8', text, rows: rows.length };
    },
  };
}
