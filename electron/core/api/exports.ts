import { stringify } from 'csv-stringify/sync';
import type { Handlers } from '@shared/contract';
import { AppError } from '@shared/errors';
import { isStandingAttention } from '@shared/standing-attention';
import type { ExportFile, FieldDifference } from '@shared/types';
import type { CoreContext } from '../context';

type Lang = 'en' | 'fr';

/** Column headings and status words, in the console's two languages (Quebec French). */
const words = {
  en: {
    building: 'Building',
    unit: 'Unit',
    kind: 'Kind',
    occupancy: 'Occupancy',
    residents: 'Residents',
    status: 'Sync status',
    lastSynced: 'Last synced (UTC)',
    resident: 'Resident',
    role: 'Role',
    note: 'What to fix',
    record: 'Record',
    outcome: 'Outcome',
    message: 'Message',
    changes: 'Changes (Condo Manager → Condo Control)',
    at: 'When (UTC)',
    owner: 'Owner',
    tenant: 'Tenant',
    past: 'past',
    syncStatus: { in_sync: 'In sync', pending: 'Changes pending', attention: 'Needs attention', failed: 'Failed' },
    kinds: { residential: 'Residential', parking: 'Parking', locker: 'Locker', commercial: 'Commercial' },
    occupancies: { OwnerOccupied: 'Owner occupied', Rental: 'Rental unit', Vacant: 'Vacant' },
    outcomes: { created: 'Added', updated: 'Updated', unchanged: 'Unchanged', deactivated: 'Deactivated', conflict: 'Needs attention', failed: 'Failed' },
    files: { units: 'unit-file', attention: 'needs-attention', job: 'sync' },
  },
  fr: {
    building: 'Immeuble',
    unit: 'Unité',
    kind: 'Type',
    occupancy: 'Occupation',
    residents: 'Résidents',
    status: 'État de la synchronisation',
    lastSynced: 'Dernière synchronisation (UTC)',
    resident: 'Résident',
    role: 'Rôle',
    note: 'À corriger',
    record: 'Fiche',
    outcome: 'Résultat',
    message: 'Message',
    changes: 'Modifications (Condo Manager → Condo Control)',
    at: 'Moment (UTC)',
    owner: 'Propriétaire',
    tenant: 'Locataire',
    past: 'ancien',
    syncStatus: { in_sync: 'Synchronisé', pending: 'Modifications en attente', attention: 'À vérifier', failed: 'Échec' },
    kinds: { residential: 'Résidentiel', parking: 'Stationnement', locker: 'Casier', commercial: 'Commercial' },
    occupancies: { OwnerOccupied: 'Occupé par le propriétaire', Rental: 'Unité locative', Vacant: 'Vacant' },
    outcomes: { created: 'Ajouté', updated: 'Mis à jour', unchanged: 'Inchangé', deactivated: 'Désactivé', conflict: 'À vérifier', failed: 'Échec' },
    files: { units: 'dossier-des-unites', attention: 'a-verifier', job: 'synchronisation' },
  },
} as const;

/** Excel opens a CSV as UTF-8 (accents intact) only when it starts with a byte order mark. */
export const BOM = '\uFEFF';

/**
 * CRLF rows; a value holding a line break of either kind is quoted, since
 * Excel ends a row at a bare LF too (csv-stringify quotes only the record delimiter).
 */
function csv(header: string[], rows: unknown[][]): string {
  return BOM + stringify([header, ...rows], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map(value).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return typeof o.number === 'string' ? o.number : JSON.stringify(v);
  }
  return String(v);
}

const changeText = (changes: FieldDifference[]) => changes.map((c) => `${c.field}: ${value(c.condoManager)} → ${value(c.condoControl)}`).join('; ');

/**
 * CSV exports for a spreadsheet: the Unit File, the Needs attention list and
 * one sync's outcomes. The text is returned (not written to disk) so both the
 * Electron window and a browser save it the same way.
 */
export function exportHandlers(ctx: CoreContext, units: Handlers['units.list']): Pick<Handlers, 'export.csv'> {
  const date = () => ctx.clock.now().toISOString().slice(0, 10);
  const slug = (s: string) => s.normalize('NFD').replace(/[^\w-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');

  return {
    'export.csv': async ({ what, corporationId, jobId, language }): Promise<ExportFile> => {
      const w = words[(language ?? 'en') as Lang];
      const code = await ctx.repos.reports.corporationCodes();
      const where = corporationId ? `-${slug(code.get(corporationId) ?? corporationId)}` : '';
      let header: string[];
      const rows: unknown[][] = [];
      let name: string;
      if (what === 'units') {
        header = [w.building, w.unit, w.kind, w.occupancy, w.residents, w.status, w.lastSynced];
        for (let offset = 0; ; offset += 500) {
          const page = await units({ ...(corporationId ? { corporationId } : {}), offset, limit: 500 });
          for (const u of page.items) {
            const people = u.residents.map((r) => `${`${r.firstName} ${r.lastName}`.trim()} (${r.role === 'owner' ? w.owner : w.tenant}${r.status === 'Past' ? `, ${w.past}` : ''})`);
            // Occupancy means something only where people live or work.
            const occupancy = u.kind === 'parking' || u.kind === 'locker' ? '' : w.occupancies[u.occupancy];
            rows.push([code.get(u.corporationId) ?? u.corporationId, u.number, w.kinds[u.kind], occupancy, people.join('; '), w.syncStatus[u.syncStatus], u.lastSyncedAt ?? '']);
          }
          if (offset + page.items.length >= page.total || !page.items.length) break;
        }
        name = `${w.files.units}${where}-${date()}.csv`;
      } else if (what === 'attention') {
        header = [w.building, w.unit, w.resident, w.role, w.status, w.note];
        const list = await ctx.repos.reports.attention(corporationId);
        for (const r of list) {
          const person = r.entity === 'person' ? `${r.firstName ?? ''} ${r.lastName ?? ''}`.trim() : '';
          const role = r.role ? (r.role === 'owner' ? w.owner : w.tenant) : '';
          for (const note of JSON.parse(r.attention) as string[]) rows.push([r.code ?? '', r.units ?? '', person, role, w.syncStatus[r.status], note]);
        }
        name = `${w.files.attention}${where}-${date()}.csv`;
      } else {
        const job = jobId!;
        if (!(await ctx.repos.jobs.get(job))) throw new AppError('not_found', 'That sync is not in the history any more.', { jobId: job });
        header = [w.record, w.outcome, w.message, w.changes, w.at];
        const first = await ctx.repos.jobHistory.outcomes(job, { offset: 0, limit: 1 });
        for (let offset = 0; offset < first.total; offset += 1000) {
          for (const o of (await ctx.repos.jobHistory.outcomes(job, { offset, limit: 1000 })).items) {
            // A standing note (unchanged, still open) reads as the page shows it: unchanged, and needing attention.
            const outcome = o.effect ? `${w.outcomes[o.effect]}; ${w.outcomes.conflict}` : isStandingAttention(o) ? `${w.outcomes.unchanged}; ${w.outcomes.conflict}` : w.outcomes[o.outcome];
            rows.push([o.label ?? o.entityId, outcome, o.message ?? '', o.changes ? changeText(o.changes) : '', o.at]);
          }
        }
        name = `${w.files.job}-${slug(job).slice(0, 24)}.csv`;
      }
      ctx.log.info('csv exported', { what, rows: rows.length });
      return { filename: name, mimeType: 'text/csv;charset=utf-8', text: csv(header, rows), rows: rows.length };
    },
  };
}
