/**
 * The audit log in people's words, English and Quebec French: what each
 * action is called, what each detail is, and the words for the values kept.
 *
 * Why here and not only in renderer/src/i18n: the engine writes the audit
 * log's CSV export itself (it cannot import the renderer), and the console
 * must say the same thing as the file. The renderer's catalogue includes
 * these tables (access.audit.actions, .fields, .values…), so the screen
 * still reads them through i18next like every other word.
 */
import type { MethodName } from './contract';
import type { JobKind, JobTrigger, Weekday } from './types';
import type { AuditEntry, AuditOutcome, Caller, Role } from './access';

type NsOf<M extends string> = M extends `${infer N}.${string}` ? N : never;
type VerbOf<M extends string, N extends string> = M extends `${N}.${infer V}` ? V : never;
/** Every contract method, nested by its dot (`sync.start` → `sync: { start }`), as i18next reads keys. */
export type ActionWords = { [N in NsOf<MethodName>]: { [V in VerbOf<MethodName, N>]: string } };

/**
 * The details an audit entry may carry (audit-summary.ts keeps nothing
 * else). `id` never shows as such: it is named after what it identifies.
 */
export const auditFields = [
  'jobId',
  'unitId',
  'personId',
  'corporationId',
  'keyId',
  'keyName',
  'kind',
  'trigger',
  'dryRun',
  'refresh',
  'start',
  'what',
  'target',
  'role',
  'folder',
  'until',
  'forMs',
  'time',
  'timeZone',
  'reconcileDay',
  'language',
  'settings',
  'rows',
  'id',
] as const;
export type AuditField = (typeof auditFields)[number];

/** The names of the settings a call may change (`settings` detail): settings.set, desktop.set, schedule.set, corporations.setGroups. */
export const auditSettingNames = ['groups', 'retention', 'connections', 'launchAtLogin', 'dismissSuggestion', 'updates', 'time', 'timeZone', 'reconcileDay'] as const;
export type AuditSettingName = (typeof auditSettingNames)[number];

export interface AuditWords {
  header: { at: string; who: string; role: string; action: string; details: string; outcome: string; error: string };
  file: string;
  /** One detail: `{{field}}` and `{{value}}` (French puts a space before the colon). */
  detail: string;
  roles: Record<Role, string>;
  /** `localOn`/`tokenOn`: the same, naming the engine or computer (`{{engine}}`) the call came through. */
  who: { local: string; token: string; localOn: string; tokenOn: string };
  outcomes: Record<AuditOutcome, string>;
  actions: ActionWords;
  fields: Record<AuditField, string>;
  values: {
    yes: string;
    no: string;
    minutes: string;
    kind: Record<JobKind, string>;
    trigger: Record<JobTrigger, string>;
    what: { units: string; attention: string; job: string };
    target: { condoManager: string; condoControl: string; both: string };
    folder: { data: string; logs: string };
    language: { en: string; fr: string };
    reconcileDay: Record<Weekday, string>;
    setting: Record<AuditSettingName, string>;
  };
}

const en: AuditWords = {
  header: { at: 'When (UTC)', who: 'Who', role: 'Role', action: 'Action', details: 'Details', outcome: 'Outcome', error: 'Error' },
  file: 'audit-log',
  detail: '{{field}}: {{value}}',
  roles: { administrator: 'Administrator', property_manager: 'Property manager', support: 'Support' },
  who: { local: 'This computer', token: 'Console access token', localOn: 'Computer {{engine}}', tokenOn: 'Console access token of {{engine}}' },
  outcomes: { ok: 'Done', refused: 'Refused', failed: 'Failed' },
  actions: {
    app: { info: 'Look at the version' },
    session: { get: 'Look at own role' },
    units: { list: 'Look at the Unit File', get: 'Look at a unit', counts: 'Count units by status' },
    corporations: { list: 'Look at the buildings', setGroups: 'Change a building’s groups' },
    residents: { get: 'Look at a resident' },
    sync: { start: 'Start a sync', pause: 'Pause background syncing', resume: 'Resume background syncing' },
    jobs: { list: 'Look at the Sync Queue', get: 'Look at a sync', cancel: 'Cancel a sync', confirm: 'Confirm a sync', retry: 'Retry a sync' },
    balances: { get: 'Get Account Balance', check: 'Check balances' },
    commerce: { status: 'Look at invoices & payments' },
    settings: { get: 'Look at the settings', set: 'Change settings' },
    schedule: { get: 'Look at the nightly sync', set: 'Change the nightly sync' },
    connections: { test: 'Test connections' },
    groups: { list: 'Look at Condo Control’s groups' },
    export: { csv: 'Export a CSV file' },
    reports: { dataQuality: 'Look at data quality' },
    diagnostics: { export: 'Export diagnostics' },
    desktop: { get: 'Look at desktop settings', set: 'Change desktop settings', openFolder: 'Open a folder', restartToUpdate: 'Restart to update' },
    keys: { list: 'Look at access keys', create: 'Create an access key', revoke: 'Revoke an access key' },
    audit: { list: 'Look at the audit log', export: 'Export the audit log' },
    office: { get: 'Look at the office server', test: 'Test an office server', connect: 'Connect to an office server', disconnect: 'Disconnect from the office server' },
  },
  fields: {
    jobId: 'Sync',
    unitId: 'Unit',
    personId: 'Resident',
    corporationId: 'Building',
    keyId: 'Key',
    keyName: 'Key name',
    kind: 'Kind',
    trigger: 'Started from',
    dryRun: 'Preview only',
    refresh: 'Fetched again',
    start: 'Started',
    what: 'File',
    target: 'System',
    role: 'Role',
    folder: 'Folder',
    until: 'Until (UTC)',
    forMs: 'For',
    time: 'Time',
    timeZone: 'Time zone',
    reconcileDay: 'Full reconcile day',
    language: 'Language',
    settings: 'Settings changed',
    rows: 'Rows',
    id: 'Record',
  },
  values: {
    yes: 'yes',
    no: 'no',
    minutes: 'min',
    kind: { residents: 'Residents', reconcile: 'Full reconcile', commerce: 'Invoices & payments', 'commerce-reconcile': 'Invoice history import', 'balance-check': 'Balance check' },
    trigger: {
      initial: 'First sync',
      manual: 'Manual',
      tray: 'Tray menu',
      schedule: 'Nightly',
      'catch-up': 'Catch-up',
      realtime: 'Real time',
      balance: 'Get Account Balance',
      cli: 'Command line',
    },
    what: { units: 'Unit File', attention: 'Needs attention', job: 'One sync' },
    target: { condoManager: 'Condo Manager', condoControl: 'Condo Control', both: 'Both' },
    folder: { data: 'Data', logs: 'Logs' },
    language: { en: 'English', fr: 'French' },
    reconcileDay: { sunday: 'Sunday', monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday', thursday: 'Thursday', friday: 'Friday', saturday: 'Saturday' },
    setting: {
      groups: 'Groups',
      retention: 'History kept',
      connections: 'Connections',
      launchAtLogin: 'Start at login',
      dismissSuggestion: 'Start-at-login suggestion',
      updates: 'Updates',
      time: 'Time',
      timeZone: 'Time zone',
      reconcileDay: 'Full reconcile day',
    },
  },
};

const fr: AuditWords = {
  header: { at: 'Quand (UTC)', who: 'Qui', role: 'Rôle', action: 'Action', details: 'Détails', outcome: 'Résultat', error: 'Erreur' },
  file: 'journal-d-audit',
  detail: '{{field}} : {{value}}',
  roles: { administrator: 'Administrateur', property_manager: 'Gestionnaire immobilier', support: 'Soutien' },
  who: { local: 'Cet ordinateur', token: 'Jeton d’accès de la console', localOn: 'Ordinateur {{engine}}', tokenOn: 'Jeton d’accès de la console de {{engine}}' },
  outcomes: { ok: 'Fait', refused: 'Refusé', failed: 'Échec' },
  actions: {
    app: { info: 'Consulter la version' },
    session: { get: 'Consulter son rôle' },
    units: { list: 'Consulter le Dossier des unités', get: 'Consulter une unité', counts: 'Compter les unités par état' },
    corporations: { list: 'Consulter les immeubles', setGroups: 'Modifier les groupes d’un immeuble' },
    residents: { get: 'Consulter un résident' },
    sync: { start: 'Lancer une synchronisation', pause: 'Suspendre la synchronisation en arrière-plan', resume: 'Reprendre la synchronisation en arrière-plan' },
    jobs: {
      list: 'Consulter la file de synchronisation',
      get: 'Consulter une synchronisation',
      cancel: 'Annuler une synchronisation',
      confirm: 'Confirmer une synchronisation',
      retry: 'Relancer une synchronisation',
    },
    balances: { get: 'Obtenir le solde du compte', check: 'Vérifier les soldes' },
    commerce: { status: 'Consulter les factures et paiements' },
    settings: { get: 'Consulter les paramètres', set: 'Modifier les paramètres' },
    schedule: { get: 'Consulter la synchronisation nocturne', set: 'Modifier la synchronisation nocturne' },
    connections: { test: 'Tester les connexions' },
    groups: { list: 'Consulter les groupes de Condo Control' },
    export: { csv: 'Exporter un fichier CSV' },
    reports: { dataQuality: 'Consulter la qualité des données' },
    diagnostics: { export: 'Exporter les diagnostics' },
    desktop: {
      get: 'Consulter les paramètres de l’ordinateur',
      set: 'Modifier les paramètres de l’ordinateur',
      openFolder: 'Ouvrir un dossier',
      restartToUpdate: 'Redémarrer pour la mise à jour',
    },
    keys: { list: 'Consulter les clés d’accès', create: 'Créer une clé d’accès', revoke: 'Révoquer une clé d’accès' },
    audit: { list: 'Consulter le journal d’audit', export: 'Exporter le journal d’audit' },
    office: {
      get: 'Consulter le serveur du bureau',
      test: 'Tester un serveur du bureau',
      connect: 'Se connecter à un serveur du bureau',
      disconnect: 'Se déconnecter du serveur du bureau',
    },
  },
  fields: {
    jobId: 'Synchronisation',
    unitId: 'Unité',
    personId: 'Résident',
    corporationId: 'Immeuble',
    keyId: 'Clé',
    keyName: 'Nom de la clé',
    kind: 'Type',
    trigger: 'Lancée depuis',
    dryRun: 'Aperçu seulement',
    refresh: 'Obtenu de nouveau',
    start: 'Lancée',
    what: 'Fichier',
    target: 'Système',
    role: 'Rôle',
    folder: 'Dossier',
    until: 'Jusqu’à (UTC)',
    forMs: 'Pendant',
    time: 'Heure',
    timeZone: 'Fuseau horaire',
    reconcileDay: 'Jour du rapprochement complet',
    language: 'Langue',
    settings: 'Paramètres modifiés',
    rows: 'Lignes',
    id: 'Fiche',
  },
  values: {
    yes: 'oui',
    no: 'non',
    minutes: 'min',
    kind: {
      residents: 'Résidents',
      reconcile: 'Rapprochement complet',
      commerce: 'Factures et paiements',
      'commerce-reconcile': 'Importation de l’historique des factures',
      'balance-check': 'Vérification des soldes',
    },
    trigger: {
      initial: 'Première synchronisation',
      manual: 'Manuelle',
      tray: 'Menu de la barre d’état',
      schedule: 'Nocturne',
      'catch-up': 'Rattrapage',
      realtime: 'Temps réel',
      balance: 'Obtenir le solde du compte',
      cli: 'Ligne de commande',
    },
    what: { units: 'Dossier des unités', attention: 'À vérifier', job: 'Une synchronisation' },
    target: { condoManager: 'Condo Manager', condoControl: 'Condo Control', both: 'Les deux' },
    folder: { data: 'Données', logs: 'Journaux' },
    language: { en: 'anglais', fr: 'français' },
    reconcileDay: { sunday: 'dimanche', monday: 'lundi', tuesday: 'mardi', wednesday: 'mercredi', thursday: 'jeudi', friday: 'vendredi', saturday: 'samedi' },
    setting: {
      groups: 'Groupes',
      retention: 'Historique conservé',
      connections: 'Connexions',
      launchAtLogin: 'Démarrage à l’ouverture de session',
      dismissSuggestion: 'Suggestion de démarrage à l’ouverture de session',
      updates: 'Mises à jour',
      time: 'Heure',
      timeZone: 'Fuseau horaire',
      reconcileDay: 'Jour du rapprochement complet',
    },
  },
};

export const auditWords = { en, fr } as const;

/** One detail of an entry, named: `id` is renamed after what it identifies in that method. */
export interface AuditDetail {
  field: AuditField;
  value: AuditEntry['summary'][string];
}

const ID_OF: Partial<Record<string, AuditField>> = { jobs: 'jobId', keys: 'keyId', corporations: 'corporationId', units: 'unitId', residents: 'personId' };

/** The entry's details in a stable order (auditFields'), with `id` named after what it is. */
export function auditDetails(method: MethodName, summary: AuditEntry['summary']): AuditDetail[] {
  const named = new Map<AuditField, AuditDetail['value']>();
  for (const [k, v] of Object.entries(summary)) {
    const field: AuditField = k === 'id' ? (ID_OF[method.split('.')[0]!] ?? 'id') : (auditFields as readonly string[]).includes(k) ? (k as AuditField) : 'id';
    if (!named.has(field)) named.set(field, v);
  }
  return auditFields.filter((f) => named.has(f)).map((field) => ({ field, value: named.get(field)! }));
}

/** Where a detail's value has words (`values.<path>.<value>`); ids, times and counts show as they are. */
const WORDED: Partial<Record<AuditField, keyof AuditWords['values']>> = {
  kind: 'kind',
  trigger: 'trigger',
  what: 'what',
  target: 'target',
  folder: 'folder',
  language: 'language',
  reconcileDay: 'reconcileDay',
};

/**
 * A detail's value in words. `word(path)` looks a path up in the reader's
 * words (`values.yes`, `values.kind.residents`, `roles.support`); an unknown
 * value shows as it is rather than as a missing key.
 */
export function auditValueText(d: AuditDetail, word: (path: string) => string | undefined): string {
  const v = d.value;
  if (typeof v === 'boolean') return word(v ? 'values.yes' : 'values.no') ?? String(v);
  if (Array.isArray(v)) return v.map((s) => (d.field === 'settings' ? (word(`values.setting.${s}`) ?? s) : s)).join(', ');
  if (d.field === 'forMs' && typeof v === 'number') return `${Math.round(v / 60_000)} ${word('values.minutes') ?? 'min'}`;
  if (d.field === 'role') return word(`roles.${v}`) ?? String(v);
  const group = WORDED[d.field];
  return group ? (word(`values.${group}.${v}`) ?? String(v)) : String(v);
}

/** Looks a dotted path up in one language's words. */
export function auditWord(words: AuditWords, path: string): string | undefined {
  let node: unknown = words;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The entry's details as one line in a language, for the CSV export: "Sync: j-12 · Preview only: yes". */
export function auditDetailsText(method: MethodName, summary: AuditEntry['summary'], words: AuditWords): string {
  return auditDetails(method, summary)
    .map((d) => words.detail.replace(/\{\{(field|value)\}\}/g, (_m, which: string) => (which === 'field' ? words.fields[d.field] : auditValueText(d, (p) => auditWord(words, p)))))
    .join(' · ');
}

/**
 * Who made a call, in `w`'s words: a key's name, else this computer or the
 * console's token, naming the engine it came through when recorded (on a
 * shared database each engine has its own).
 */
export function auditWho(actor: Pick<Caller, 'kind' | 'name' | 'engine'>, w: AuditWords): string {
  if (actor.kind === 'key') return actor.name ?? '';
  return actor.engine ? w.who[`${actor.kind}On`].replace('{{engine}}', actor.engine) : w.who[actor.kind];
}
