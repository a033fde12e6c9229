/** The contract methods of people and roles: who am I, access keys, the audit log. */
import { stringify } from 'csv-stringify/sync';
import { LOCAL_ADMINISTRATOR, rolePermissions } from '@shared/access';
import { auditDetailsText, auditWho, auditWord, auditWords } from '@shared/audit-words';
import type { Handlers } from '@shared/contract';
import type { ExportFile } from '@shared/types';
import type { Clock } from '../clock';
import type { AccessService } from './access-service';

type AccessHandlers = Pick<Handlers, 'session.get' | 'keys.list' | 'keys.create' | 'keys.revoke' | 'audit.list' | 'audit.export'>;

/** A cell a spreadsheet would run as a formula (=, +, -, @) is kept as text. */
function cell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function accessHandlers(access: AccessService, clock: Clock): AccessHandlers {
  return {
    'session.get': async (_input, caller = LOCAL_ADMINISTRATOR) => ({ caller, permissions: [...rolePermissions[caller.role]] }),
    'keys.list': async (input) => access.listKeys({ includeRevoked: input?.includeRevoked ?? false }),
    'keys.create': async ({ name, role }) => access.createKey({ name, role }),
    'keys.revoke': async ({ id }) => access.revokeKey(id),
    'audit.list': async (input) => access.audit.list({ ...(input?.outcome ? { outcome: input.outcome } : {}), offset: input?.offset ?? 0, limit: input?.limit ?? 100 }),
    'audit.export': async (input): Promise<ExportFile> => {
      // The same words as the console's audit log (shared/audit-words.ts), in the reader's language.
      const w = auditWords[input?.language ?? 'en'];
      const rows: string[][] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await access.audit.list({ offset, limit: 500 });
        for (const e of page.items) {
          const who = auditWho(e.actor, w);
          const action = auditWord(w, `actions.${e.method}`) ?? e.method;
          rows.push([e.at, cell(who), w.roles[e.actor.role], action, cell(auditDetailsText(e.method, e.summary, w)), w.outcomes[e.outcome], e.code ?? '']);
        }
        if (offset + page.items.length >= page.total || !page.items.length) break;
      }
      const h = w.header;
      const text = '\uFEFF' + stringify([[h.at, h.who, h.role, h.action, h.details, h.outcome, h.error], ...rows], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
      return { filename: `${w.file}-${clock.now().toISOString().slice(0, 10)}.csv`, mimeType: 'text/csv;charset=utf-8', text, rows: rows.length };
    },
  };
}
