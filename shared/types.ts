/** Result and event payload types of the contract. No I/O here. */
import type { Role } from './access';

export type Mode = 'sandbox' | 'live';

/**
 * Where the connection secrets live, so Settings can say what is true:
 * `encrypted` (Electron's safeStorage, the OS keychain), `plain-file` (the
 * host's 0600 secrets.json, readable by this computer's account, not
 * encrypted), `no-keyring` (Electron on an OS that offers no keychain, such as
 * Linux without GNOME Keyring or KWallet: a 0600 file, not encrypted, and
 * Settings warns), `environment` (CONDO_* variables), `memory` (tests).
 */
export type SecretStorage = 'encrypted' | 'plain-file' | 'no-keyring' | 'environment' | 'memory';

export interface AppInfo {
  version: string;
  mode: Mode;
  dataDir: string;
  adapter: 'electron' | 'http';
  secretStorage: SecretStorage;
  sandbox?: { condoManagerUrl: string; condoControlUrl: string };
  /** Background syncing paused (sync.pause): the nightly run, catch-ups and real-time sync wait. */
  pause?: PauseState;
  /** Where this console keeps its data and logs (absolute paths). */
  paths?: { data: string; logs: string };
  /** Set when this desktop console is attached to an office server: the engine (and these paths) are that server's. */
  office?: { url: string };
}

/**
 * How the desktop console reaches its office server: `connected` (answering),
 * `connecting` (first contact), `unreachable` (retrying with backoff; what is
 * on screen is from `lastContactAt` and is not live), `refused` (the access
 * key was refused or could not be read).
 */
export type OfficeLink = 'connecting' | 'connected' | 'unreachable' | 'refused';

/**
 * Settings → Connect to an office server. `available` is false in the
 * browser console, which always talks to a server. `mode` says where the
 * engine runs: on this computer (`local`) or on the server at `url`.
 */
export interface OfficeConnection {
  available: boolean;
  mode: 'local' | 'remote';
  url?: string;
  link?: OfficeLink;
  /** ISO instants: the server's last answer, and the next attempt while unreachable. */
  lastContactAt?: string;
  nextRetryAt?: string;
  /** How the saved access key is kept on this computer. */
  keyStorage?: SecretStorage;
}

/** What the Test button learned from the server with the key typed (or saved). */
export interface OfficeTestResult {
  url: string;
  version: string;
  mode: Mode;
  /** What the key may do there (its role, and its name for a named key); absent from a server older than access keys. */
  access?: { role: Role; name?: string };
}

/** Connect or disconnect accepted: the app restarts its engine side now. */
export interface OfficeSwitch {
  restarting: true;
  mode: 'local' | 'remote';
}

export type UpdateState = 'off' | 'idle' | 'checking' | 'downloading' | 'ready' | 'error';

/**
 * The desktop app's own settings (Settings → Desktop). In browser mode
 * `available` is false and none of them apply.
 */
export interface DesktopSettings {
  available: boolean;
  launchAtLogin: boolean;
  /** The one-time suggestion to launch at login is still to be shown. */
  suggestLaunchAtLogin: boolean;
  updates: {
    enabled: boolean;
    /** The generic feed's URL (Settings, or CONDO_SYNC_UPDATE_URL, which wins). */
    feedUrl?: string;
    feedFromEnv: boolean;
    state: UpdateState;
    /** The version downloaded or being downloaded. */
    version?: string;
    /** Why the last check failed, in words for people. */
    message?: string;
    /** "Restart to update" is offered: an update is ready and no sync is running. */
    canRestart: boolean;
  };
}

/**
 * Whether background syncing is paused; `since` and `until` are ISO instants.
 * Paused without `until` means until someone resumes.
 */
export interface PauseState {
  paused: boolean;
  since?: string;
  until?: string;
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
  /** This person's own sync state, so the unit can mark who needs attention. */
  syncStatus?: SyncStatus;
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
  /** Group names; absent when Condo Control did not answer, so they are not known. */
  groups?: string[];
  /** `live`: read from Condo Control just now; `last-sync`: what the last sync wrote (Condo Control did not answer). */
  source: 'live' | 'last-sync';
}

export interface ResidentHistoryEntry {
  at: string;
  jobId: string;
  outcome: OutcomeType;
  /** For a `conflict`: the write the record also made. */
  effect?: OutcomeEffect;
  message?: string;
  changes?: FieldDifference[];
}

/** How many units are in each sync state; the four states add up to `all`. */
export interface UnitStatusCounts {
  all: number;
  in_sync: number;
  pending: number;
  attention: number;
  failed: number;
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

export type JobKind = 'residents' | 'reconcile' | 'commerce' | 'commerce-reconcile' | 'balance-check';
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
/** The write a record that needs attention also made (or, in a preview, will make). */
export type OutcomeEffect = 'created' | 'updated' | 'deactivated';

/** Records per outcome; each processed record is counted once. */
export interface JobCounts {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  /** Every record that needs attention, including those in `alsoWritten`. */
  conflict: number;
  failed: number;
  /**
   * Of the `conflict` records, those that were also created, updated or
   * deactivated (a new resident whose email another resident shares is still
   * created, and Condo Control still sends the welcome email). Absent when none.
   */
  alsoWritten?: Record<OutcomeEffect, number>;
}

export interface Job {
  id: string;
  kind: JobKind;
  /** Why the job was first queued. */
  trigger: JobTrigger;
  /** Every reason it was asked for, first one first: a request that joins a waiting job adds its own ("initial", "catch-up"). */
  triggers: JobTrigger[];
  /** The access key's name of the person who started it ("Marie (front desk)"); absent for nightly, real-time and unnamed callers. */
  startedBy?: string;
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
  /**
   * Of `counts.unchanged`, the records whose note from an earlier run is
   * still open (shared/standing-attention.ts): counted as needing attention
   * on screen. Given by jobs.list and jobs.get for a finished job; absent in events.
   */
  standingAttention?: number;
}

export interface JobOutcome {
  id: number;
  entity: 'person' | 'unit' | 'invoice' | 'payment';
  entityId: string;
  /** How a person reads the record: "Unit 1203", or the resident's name. */
  label?: string;
  outcome: OutcomeType;
  /** For a `conflict`: the write the record also made (or, in a preview, will make). */
  effect?: OutcomeEffect;
  message?: string;
  changes?: FieldDifference[];
  at: string;
}

export interface JobDetail extends Job {
  outcomes: Page<JobOutcome>;
  /**
   * Of `counts.unchanged`, the records whose note from an earlier run still
   * asks something of a person (shared/standing-attention.ts). The page counts
   * them under Needs attention, and the `conflict` filter lists them.
   */
  standingAttention: number;
}

export type InvoiceKind = 'CommonExpense' | 'SpecialAssessment' | 'Chargeback' | 'NSFFee' | 'LateFee' | 'Interest' | 'Other';
export type PaymentMethod = 'PAD' | 'Cheque' | 'Cash' | 'EFT' | 'Card';

/** Where a ledger line stands in Condo Control. */
export interface LineDelivery {
  /** `in_condo_control`: the resident sees it; `waiting`: not yet; `attention`: held until someone fixes it in Condo Manager. */
  state: 'in_condo_control' | 'waiting' | 'attention';
  /** When it reached Condo Control as it reads now (ISO UTC). */
  since?: string;
  /** When Condo Sync tries again (ISO UTC), for a line still waiting. */
  nextAttemptAt?: string;
  /** What to fix, for a line held for attention; or why the last attempt failed. */
  message?: string;
}

/** One invoice or payment of an account, as Condo Manager holds it. Money in integer cents (CAD). */
export interface LedgerLine {
  /** The Condo Manager id. */
  id: string;
  type: 'invoice' | 'payment';
  /** Invoices only. */
  kind?: InvoiceKind;
  /** Payments only. */
  method?: PaymentMethod;
  number?: string;
  /** YYYY-MM-DD. */
  date: string;
  dueDate?: string;
  description: string;
  /** Signed: a charge is positive, a payment negative. */
  amountCents: number;
  status: 'Open' | 'Paid' | 'Void' | 'Posted' | 'Reversed';
  /** False for a voided invoice or a reversed payment: shown, never counted. */
  counts: boolean;
  /** The balance after this line, oldest first. */
  runningBalanceCents: number;
  condoControl: LineDelivery;
}

/** Unpaid amounts by age of the invoice, in cents; they add up to the balance. */
export interface Aging {
  d0_30: number;
  d31_60: number;
  d61_90: number;
  over90: number;
}

/** One unit's account: what its owners and tenants see under My Account → Account Balance. */
export interface AccountLedger {
  unitId: string;
  unitNumber: string;
  corporationId: string;
  corporationCode: string;
  accountId: string;
  /** Condo Manager's balance (cents): invoices not void minus payments posted. */
  balanceCents: number;
  aging: Aging;
  /** When these figures were read from Condo Manager (ISO UTC); absent when never read. */
  asOf?: string;
  /** `live`: read from Condo Manager just now; `cached`: the local copy. */
  source: 'live' | 'cached';
  /** Condo Manager could not be reached: the figures are the last ones read (at `asOf`). */
  stale: boolean;
  /** Why the figures are stale, in people's words. */
  staleReason?: string;
  condoControl: {
    /** The unit exists in Condo Control, so the account can be shown there. */
    mapped: boolean;
    /** Condo Control's balance for the account, when read (cents). */
    balanceCents?: number;
    checkedAt?: string;
  };
  lines: LedgerLine[];
}

/** `balances.get`: one account for a unit, one per unit for a person. */
export interface BalanceAnswer {
  accounts: AccountLedger[];
}

export interface BalanceDifference {
  unitId: string;
  unitNumber: string;
  corporationId: string;
  corporationCode: string;
  condoManagerCents: number;
  /** Absent when the unit is not in Condo Control. */
  condoControlCents?: number;
  /** Condo Manager minus Condo Control, in cents. */
  differenceCents: number;
  /** Why it could not be compared, when it could not. */
  note?: string;
}

/** A finished balance check (a `balance-check` job): every account's balance in Condo Manager against Condo Control's. */
export interface BalanceCheck {
  /** The job that ran it (its outcomes list each account that differs). */
  jobId: string;
  checkedAt: string;
  /** Accounts compared. */
  accounts: number;
  matching: number;
  differences: BalanceDifference[];
  /** Accounts that could not be read in one system or the other. */
  unreadable: number;
}

/**
 * `balances.check`: answers at once. `job`: with `start`, the check job
 * queued (or the waiting one it joined); without, the one queued or running
 * now, if any. `last` is the last finished check, if any.
 */
export interface BalanceCheckAnswer {
  job?: Job;
  last?: BalanceCheck;
}

/** An invoice or payment Condo Sync holds back until someone fixes it in Condo Manager. */
export interface CommerceAttention {
  entity: 'invoice' | 'payment';
  id: string;
  unitId: string;
  unitNumber?: string;
  corporationCode?: string;
  number?: string;
  message: string;
  at: string;
}

export interface CommerceBuildingStatus {
  corporationId: string;
  code: string;
  state: 'live' | 'paused' | 'starting';
  reason?: string;
  since?: string;
  lastEventAt?: string;
}

/** Real-time sync of invoices and payments: live, paused (with the reason in people's words), or off. */
export interface CommerceStatus {
  state: 'live' | 'paused' | 'starting' | 'off';
  reason?: string;
  /** Since when the state holds (ISO UTC). */
  since?: string;
  /** The newest invoice or payment event seen from Condo Manager. */
  lastEventAt?: string;
  buildings: CommerceBuildingStatus[];
  attention: CommerceAttention[];
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
  /** Days kept: finished syncs, their record-by-record detail, and the audit log. */
  retention: { historyDays: number; recordEventsDays: number; auditDays: number };
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
/** A support bundle written by diagnostics.export: redacted, no secrets. */
export interface DiagnosticsFile {
  filename: string;
  /** Where it was written on the computer running the engine. */
  path: string;
  bytes: number;
  /** Names inside the zip: about.json, settings.json, jobs.json, logs/… */
  entries: string[];
  mimeType: 'application/zip';
  /** The zip itself, for the browser to save. */
  base64: string;
}

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
