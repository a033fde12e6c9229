/** Result and event payload types of the contract. No I/O here. */

export type Mode = 'sandbox' | 'live';

/**
 * Where the connection secrets live, so Settings can say what is true:
 * `encrypted` (Electron's safeStorage, the OS keychain), `plain-file` (a 0600
 * file readable by this computer's account, not encrypted: browser mode, or
 * Electron without a keychain), `environment` (CONDO_* variables), `memory`
 * (tests: nothing written).
 */
export type SecretStorage = 'encrypted' | 'plain-file' | 'environment' | 'memory';

export interface AppInfo {
  version: string;
  mode: Mode;
  dataDir: string;
  adapter: 'electron' | 'http';
  secretStorage: SecretStorage;
  sandbox?: { condoManagerUrl: string; condoControlUrl: string };
}

export type SyncStatus = 'in_sync' | 'pending' | 'attention' | 'failed';

export type UnitKind = 'residential' | 'parking' | 'locker' | 'commercial';
export type Occupancy = 'OwnerOccupied' | 'Rental' | 'Vacant';

export interface ResidentRef {
  id: string;
  firstName: string;
  lastName: string;
  role: 'owner' | 'tenant';
  status: 'Active' | 'Past';
}

export interface UnitSummary {
  id: string;
  corporationId: string;
  number: string;
  kind: UnitKind;
  occupancy: Occupancy;
  residents: ResidentRef[];
  syncStatus: SyncStatus;
  lastSyncedAt?: string;
}

export interface UnitDetail extends UnitSummary {
  legalDescription: string;
  accountId?: string;
  condoControlUnitId?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Phone {
  type: 'home' | 'mobile' | 'work';
  number: string;
}

export interface FieldDifference {
  field: string;
  condoManager: unknown;
  condoControl: unknown;
  /** Set when the next sync will NOT write the Condo Manager value, and why (in people's words). */
  heldBack?: string;
  /** The same reason as a code, for the console to say in the reader's language. */
  heldBackCode?: HeldBackCode;
}

export type HeldBackCode = 'invalid-email' | 'email-held' | 'email-taken' | 'no-reactivation';

/** A resident as Condo Control holds them: what they log in with. */
export interface CondoControlUser {
  firstName: string;
  lastName: string;
  email?: string;
  phones: Phone[];
  language: 'en' | 'fr';
  active: boolean;
  groups: string[];
  /** `live`: read from Condo Control just now; `last-sync`: what the last sync wrote (Condo Control did not answer). */
  source: 'live' | 'last-sync';
}

export interface ResidentHistoryEntry {
  at: string;
  jobId: string;
  outcome: OutcomeType;
  message?: string;
  changes?: FieldDifference[];
}

export interface Resident {
  id: string;
  corporationId: string;
  firstName: string;
  lastName: string;
  email?: string;
  phones: Phone[];
  language: 'en' | 'fr';
  role: 'owner' | 'tenant';
  status: 'Active' | 'Past';
  groups: string[];
  unitIds: string[];
  active: boolean;
  condoControlUserId?: string;
  /** What Condo Control holds; absent when the resident is not in Condo Control yet. */
  condoControl?: CondoControlUser;
  lastSyncedAt?: string;
  syncStatus: SyncStatus;
  pendingDifferences: FieldDifference[];
  attention: string[];
  history: ResidentHistoryEntry[];
}

export type JobKind = 'residents' | 'reconcile' | 'commerce';
export type JobTrigger = 'initial' | 'manual' | 'tray' | 'schedule' | 'catch-up' | 'realtime' | 'balance' | 'cli';
export type JobStatus =
  | 'queued'
  | 'running'
  | 'awaiting_confirmation'
  | 'succeeded'
  | 'partial'
  | 'failed'
  | 'cancelled'
  | 'interrupted';
export type JobPhase = 'waiting' | 'reading' | 'planning' | 'writing' | 'done';
export type OutcomeType = 'created' | 'updated' | 'unchanged' | 'deactivated' | 'conflict' | 'failed';

export interface JobCounts {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  conflict: number;
  failed: number;
}

export interface Job {
  id: string;
  kind: JobKind;
  trigger: JobTrigger;
  scope?: { corporationId: string };
  dryRun: boolean;
  status: JobStatus;
  phase: JobPhase;
  progress: { done: number; total: number };
  counts: JobCounts;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  etaSeconds?: number;
  error?: { code: string; message: string };
}

export interface JobOutcome {
  id: number;
  entity: 'person' | 'unit' | 'invoice' | 'payment';
  entityId: string;
  /** How a person reads the record: "Unit 1203", or the resident's name. */
  label?: string;
  outcome: OutcomeType;
  message?: string;
  changes?: FieldDifference[];
  at: string;
}

export interface JobDetail extends Job {
  outcomes: Page<JobOutcome>;
}

export interface LedgerLine {
  id: string;
  type: 'invoice' | 'payment';
  date: string;
  description: string;
  amountCents: number;
  status: string;
}

export interface Balance {
  unitId: string;
  accountId?: string;
  balanceCents: number;
  lines: LedgerLine[];
  fetchedAt: string;
}

export interface GroupDefaults {
  owners: string;
  tenants: string;
}

export interface ConnectionSettings {
  condoManager: { url: string; clientId: string; hasSecret: boolean };
  condoControl: { url: string; username: string; hasSecret: boolean };
}

export interface Corporation {
  id: string;
  code: string;
  legalName: string;
  /** The Condo Control building it syncs to, once mapped. */
  workspaceId?: string;
  units: number;
  /** Groups for this building's owners and tenants, when they differ from the defaults in Settings. */
  groups?: GroupDefaults;
}

export interface Settings {
  groups: GroupDefaults;
  connections?: ConnectionSettings;
  retention: { historyDays: number; recordEventsDays: number };
  restartRequired?: boolean;
}

export type Weekday = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';

export interface Schedule {
  time: string;
  timeZone: string;
  reconcileDay: Weekday;
  nextRunAt: string;
  nextRuns: string[];
}

/** Why a connection test ended as it did, so the console can say it in the reader's language. */
export type ConnectionTestReason = 'connected' | 'timeout' | 'unreachable' | 'refused' | 'not-the-system' | 'rate-limited' | 'not-configured' | 'not-tested' | 'unknown';

export interface ConnectionTestResult {
  condoManager: { ok: boolean; message: string; reason?: ConnectionTestReason; corporations?: number };
  condoControl: { ok: boolean; message: string; reason?: ConnectionTestReason; workspaces?: number };
}

export interface CcGroup {
  id: string;
  name: string;
  builtIn: boolean;
}

/** One Condo Control building (workspace) and its groups, with the corporation synced to it when known. */
export interface BuildingGroups {
  workspaceId: string;
  name: string;
  corporationId?: string;
  groups: CcGroup[];
}

/** A file the console hands to the person: CSV text begins with a UTF-8 BOM so Excel reads accents. */
export interface ExportFile {
  filename: string;
  mimeType: string;
  text: string;
  rows: number;
}

export interface DataQualityPerson {
  personId: string;
  name: string;
  role: 'owner' | 'tenant';
  units: string[];
  corporationId: string;
}

/** The accounting desk's printable list: what to fix in Condo Manager. */
export interface DataQualityReport {
  generatedAt: string;
  corporationId?: string;
  sharedEmails: { email: string; people: DataQualityPerson[] }[];
  invalidEmails: (DataQualityPerson & { email: string })[];
  unitsWithoutOwners: { unitId: string; number: string; corporationId: string }[];
  peopleWithoutUnits: DataQualityPerson[];
  /** Tenants past their move-out date but still current in Condo Manager, or ended but still active in Condo Control. */
  unfinishedMoveOuts: (DataQualityPerson & { moveOutDate?: string; reason: 'still-current' | 'still-active-in-condo-control' })[];
}

export interface Notice {
  level: 'info' | 'success' | 'warning' | 'error';
  /** The sync the notice is about, when it is about one. */
  jobId?: string;
  title: string;
  body?: string;
}
