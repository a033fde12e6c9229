/**
 * The audit log reads in English and Quebec French: every method that can
 * show in it, every detail it keeps and every value with words has its text
 * in both catalogues, and the screen and the CSV export share those words.
 */
import { describe, expect, it } from 'vitest';
import { auditableMethods } from '@shared/access';
import { auditDetails, auditDetailsText, auditFields, auditWho, auditWords } from '@shared/audit-words';
import { inputs, jobKinds, jobTriggers, weekdays } from '@shared/contract';
import { KEPT_INPUT_FIELDS, auditSummary } from '../../electron/core/access/audit-summary';
import { en } from '../../renderer/src/i18n/en';
import { fr } from '../../renderer/src/i18n/fr';

const catalogues = { en, fr } as const;

/** A catalogue string at a dotted path, or undefined where it is missing or blank. */
function at(tree: unknown, path: string): string | undefined {
  let node = tree;
  for (const part of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' && node.trim() ? node : undefined;
}

function missing(paths: string[]): string[] {
  return Object.entries(catalogues).flatMap(([lng, cat]) => paths.filter((p) => at(cat, p) === undefined).map((p) => `${lng}: ${p}`));
}

describe('the audit log in both languages', () => {
  it('names every method that can show in the audit log, in English and French', () => {
    const methods = auditableMethods();
    expect(methods.length).toBeGreaterThan(30);
    expect(missing(methods.map((m) => `access.audit.actions.${m}`))).toEqual([]);
    // French is French: no action left in English.
    const same = methods.filter((m) => at(en, `access.audit.actions.${m}`) === at(fr, `access.audit.actions.${m}`));
    expect(same).toEqual([]);
  });

  it('labels every detail the log keeps, and every setting name a change can carry', () => {
    for (const k of KEPT_INPUT_FIELDS) expect(auditFields).toContain(k);
    expect(missing(auditFields.map((f) => `access.audit.fields.${f}`))).toEqual([]);
    const settingNames = (['settings.set', 'desktop.set', 'schedule.set'] as const).flatMap((m) => Object.keys(inputs[m].shape));
    expect(settingNames).toContain('retention');
    expect(missing([...new Set(settingNames)].map((s) => `access.audit.values.setting.${s}`))).toEqual([]);
  });

  it('has words for every value with a meaning: job kinds, triggers, weekdays, files, systems, folders, languages', () => {
    const paths = [
      ...jobKinds.map((k) => `access.audit.values.kind.${k}`),
      ...jobTriggers.map((k) => `access.audit.values.trigger.${k}`),
      ...weekdays.map((k) => `access.audit.values.reconcileDay.${k}`),
      ...inputs['export.csv'].shape.what.options.map((k) => `access.audit.values.what.${k}`),
      ...inputs['desktop.openFolder'].shape.folder.options.map((k) => `access.audit.values.folder.${k}`),
      ...['condoManager', 'condoControl', 'both'].map((k) => `access.audit.values.target.${k}`),
      'access.audit.values.language.en',
      'access.audit.values.language.fr',
    ];
    expect(missing(paths)).toEqual([]);
  });

  it('turns a summary into words, naming an id after what it identifies', () => {
    const summary = auditSummary('sync.start', { kind: 'residents', dryRun: true, trigger: 'manual', scope: { corporationId: 'tscc-2750' } }, { id: 'job-42' });
    expect(auditDetailsText('sync.start', summary, auditWords.fr)).toBe(
      'Synchronisation : job-42 · Immeuble : tscc-2750 · Type : Résidents · Lancée depuis : Manuelle · Aperçu seulement : oui',
    );
    expect(auditDetailsText('sync.start', summary, auditWords.en)).toBe('Sync: job-42 · Building: tscc-2750 · Kind: Residents · Started from: Manual · Preview only: yes');
    expect(auditDetails('keys.revoke', { id: 'k-1', keyName: 'Zoë O’Brien' })).toEqual([
      { field: 'keyId', value: 'k-1' },
      { field: 'keyName', value: 'Zoë O’Brien' },
    ]);
    expect(auditDetailsText('settings.set', auditSummary('settings.set', { retention: { historyDays: 90, recordEventsDays: 30 } }), auditWords.fr)).toBe('Paramètres modifiés : Historique conservé');
    // A key name with $ signs stays as typed (no replacement patterns).
    expect(auditDetailsText('keys.create', { keyName: 'Caisse $& $1' }, auditWords.en)).toBe('Key name: Caisse $& $1');
    expect(auditDetailsText('sync.pause', auditSummary('sync.pause', { forMs: 7_200_000 }), auditWords.fr)).toBe('Pendant : 120 min');
  });

  it('names the engine a call by a computer or a console token came through, in both languages; a key stays its name', () => {
    const engine = 'bureau-ouest:4312:a1b2c3';
    expect(auditWho({ kind: 'token', engine }, auditWords.en)).toBe('Console access token of bureau-ouest:4312:a1b2c3');
    expect(auditWho({ kind: 'local', engine }, auditWords.fr)).toBe('Ordinateur bureau-ouest:4312:a1b2c3');
    expect(auditWho({ kind: 'token', engine }, auditWords.fr)).toBe('Jeton d’accès de la console de bureau-ouest:4312:a1b2c3');
    // Rows written before engines were recorded keep the old words.
    expect(auditWho({ kind: 'local' }, auditWords.en)).toBe('This computer');
    expect(auditWho({ kind: 'key', name: 'Zoë O’Brien', engine }, auditWords.fr)).toBe('Zoë O’Brien');
  });
});
