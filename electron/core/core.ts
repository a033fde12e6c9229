import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Handlers } from '@shared/contract';
import type { AppInfo, BalanceCheck, CommerceStatus, Job } from '@shared/types';
import { createHandlers } from './api';
import { dispatch } from './api/dispatch';
import { systemClock, type Clock } from './clock';
import type { CoreContext } from './context';
import type { Db } from './db/database';
import { openSqliteEngine, type EngineDatabase } from './db/connect';
import type { ClusterTuning, EngineCluster } from './cluster/engine-cluster';
import { DeferredCluster } from './cluster/deferred';
import { rehydrateFrom } from './cluster/rehydrate';
import { loadMigrations, migrate } from './db/migrate';
import { createRepositories } from './db/repositories';
import type { DB } from './db/schema';
import { EventBus } from './events';
import { createLogger, type Logger } from './log';
import { ensurePrivateDir, ensurePrivateFile, makePrivate } from './private-files';
import { MemorySecretStore, type SecretStore } from './secrets';
import { MemoryStore, retentionOf, type SettingsStore } from './settings';
import { SHARED_SETTING_KEYS, SharedSettingsStore } from './settings-shared';

/** How often an engine on PostgreSQL reads the shared settings again, besides being told of each change (ms). */
const SETTINGS_RESYNC_MS = 30_000;
import { APP_VERSION } from './version';
import { jobHandlers } from './api/jobs';
import { residentHandlers } from './api/residents';
import { connectionHandlers } from './api/connections';
import { exportHandlers } from './api/exports';
import { GroupDirectory, groupHandlers } from './api/groups';
import { JobRunner } from './jobs/runner';
import { backfillSearchKeys, SyncCache } from './sync/cache';
import type { Systems } from './sync/types';
import { createSystems, type SystemsConfig } from './systems';
import { defaultGroups } from './settings';
import { contentHash } from './sync/hash';
import { Scheduler } from './jobs/scheduler';
import { scheduleHandlers } from './api/schedule';
import { balanceHandlers } from './api/balances';
import { commerceJob, type CommerceDeps } from './sync/commerce-job';
import { commerceReconcileJob } from './sync/commerce-reconcile-job';
import { LAST_CHECK_KEY } from './sync/balance-check';
import { balanceCheckJob } from './sync/balance-check-job';
import { residentJob } from './sync/resident-job';
import { JobKinds } from './jobs/registry';
import { HistoryPruner } from './jobs/history-pruner';
import { CommerceService } from './sync/commerce-service';
import { KeyedLock } from './sync/keyed-lock';
import { HELD_TRIGGERS, PauseControl } from './jobs/pause';
import { pauseHandlers } from './api/pause';
import { appHandlers } from './api/app';
import { DesktopSettingsService, type DesktopHooks } from './api/desktop';
import { LOCAL_ADMINISTRATOR, type Caller } from '@shared/access';
import { AccessService } from './access/access-service';
import { accessHandlers } from './access/access-handlers';
import { accessDb } from './db/repositories/access-schema';
import { isMethodName } from './api/dispatch';
import { officeHandlers } from './api/office';

export interface SystemEndpoints {
  mode: 'sandbox' | 'live';
  /** What names this connection across restarts when its URLs may change (the in-process sandboxes' stores); default: the two URLs. */
  identity?: string;
  condoManager: { url: string; clientId: string; clientSecret: string };
  condoControl: { url: string; username: string; password: string };
}

export interface CoreOptions {
  dataDir: string;
  adapter: AppInfo['adapter'];
  clock?: Clock;
  /**
   * The engine's settings file. On PostgreSQL the settings that decide what
   * the sync does and when come from the shared database instead
   * (settings-shared.ts): pass a SharedSettingsStore already loaded (bootCore
   * does, so the shared rate applies from the start), or this file is wrapped
   * in one that start() loads.
   */
  settings?: SettingsStore;
  secrets?: SecretStore;
  /** The systems to talk to; sandbox mode passes the in-process sandboxes' URLs. */
  systems?: SystemEndpoints;
  logger?: Logger;
  /** Folder of numbered .sql migrations; defaults to the one beside this file. */
  migrationsDir?: string;
  nativeBinding?: string;
  /** Pacing and HTTP policy for both clients (tests and the bench tune these). */
  systemsPolicy?: Pick<SystemsConfig, 'rate' | 'policy'>;
  /** Queue the first sync of a new connection on start (default true). */
  initialSync?: boolean;
  /** Run the nightly scheduler (default true; the CLI's one-shot sync turns it off). */
  scheduler?: boolean;
  /**
   * Follow Condo Manager's change feed and import the invoice history after
   * the first sync (default true). Tests of the resident sync turn it off so
   * their request counts are theirs alone.
   */
  realtime?: boolean | { waitSec?: number; backoff?: { baseMs: number; capMs: number } };
  /** What only the desktop app can do (login item, folders, updates); absent in browser mode. */
  desktop?: DesktopHooks;
  /**
   * A PostgreSQL store already opened and migrated (openPostgresStore); without
   * it, the SQLite file in the data dir. The caller closes it if createCore throws.
   */
  database?: EngineDatabase;
  /** PostgreSQL: how this engine takes part with the others on the database (workers, intervals, id). */
  cluster?: ClusterTuning;
}

export interface Core {
  readonly api: Handlers;
  readonly events: EventBus;
  /** The better-sqlite3 handle (SQLite only; tests and fault injection). */
  readonly db?: Db;
  /** The same store as one Kysely instance (what the repositories use), and which backend it is. */
  readonly database: EngineDatabase<DB>;
  readonly info: AppInfo;
  readonly runner: JobRunner;
  /** PostgreSQL: this engine's part in the cluster of engines sharing the database. */
  readonly cluster?: EngineCluster;
  readonly systems?: Systems;
  readonly scheduler: Scheduler;
  readonly commerce?: CommerceService;
  /** Pause and resume of background syncing (the tray's menu uses it directly). */
  readonly pause: PauseControl;
  /** Settings → Desktop; electron/main calls publish() when an update's state changes. */
  readonly desktop: DesktopSettingsService;
  /** The machine woke from sleep: queue a missed nightly run. */
  resumed(): void;
  /** Access keys, the role check and the audit log. */
  readonly access: AccessService;
  /**
   * Checks the caller's role, validates and runs one contract method, and
   * records it in the audit log when it changes state: what every adapter
   * calls. Without a caller, the call is the local administrator's (the
   * desktop's own window, in-process callers).
   */
  call(method: string, input: unknown, caller?: Caller): Promise<unknown>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function defaultMigrationsDir(): string {
  // Bundled into out/main (the desktop) or out/host (the CLI) the SQL files sit
  // in a migrations folder beside the bundle; from source (tsx, vitest) they
  // sit in db/ beside this module.
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = here.endsWith(join('out', 'main')) || here.endsWith(join('out', 'host'));
  return bundled ? join(here, 'migrations') : join(here, 'db', 'migrations');
}

export function resolveDataDir(explicit?: string): string {
  return resolve(explicit ?? process.env.CONDO_SYNC_DATA_DIR ?? join(process.cwd(), '.condo-sync-data'));
}

/** The SQLite file in the data dir, opened private and migrated. */
function openDataDirSqlite(opts: CoreOptions, log: Logger): EngineDatabase<DB> {
  const dbFile = join(opts.dataDir, 'condo-sync.sqlite');
  ensurePrivateFile(dbFile);
  const database = openSqliteEngine<DB>(dbFile, { nativeBinding: opts.nativeBinding });
  const db = database.sqlite!;
  // A database from an older version may have left its WAL files readable by others.
  for (const suffix of ['-wal', '-shm']) makePrivate(dbFile + suffix);
  try {
    const { applied } = migrate(db, loadMigrations(opts.migrationsDir ?? defaultMigrationsDir()));
    if (applied.length) log.info('database migrated', { applied });
  } catch (err) {
    db.close();
    throw err;
  }
  return database;
}

export function createCore(opts: CoreOptions): Core {
  ensurePrivateDir(opts.dataDir);
  const log = opts.logger ?? createLogger({ dir: join(opts.dataDir, 'logs') });
  // PostgreSQL comes opened and migrated (openPostgresStore); SQLite is the data dir's file.
  const database = (opts.database as EngineDatabase<DB> | undefined) ?? openDataDirSqlite(opts, log);
  const db = database.sqlite;
  const clock = opts.clock ?? systemClock;
  const localSettings = opts.settings ?? new MemoryStore();
  // Engines sharing PostgreSQL share the settings that decide what the sync does and when.
  const shared =
    localSettings instanceof SharedSettingsStore
      ? localSettings
      : database.dialect === 'postgres'
        ? new SharedSettingsStore({ db: database.kysely, local: localSettings, clock, log })
        : undefined;

  const info: AppInfo = {
    version: APP_VERSION,
    mode: opts.systems?.mode ?? 'sandbox',
    dataDir: opts.dataDir,
    adapter: opts.adapter,
    secretStorage: (opts.secrets ?? new MemorySecretStore()).storage,
    paths: { data: opts.dataDir, logs: join(opts.dataDir, 'logs') },
    ...(opts.systems?.mode === 'sandbox'
      ? { sandbox: { condoManagerUrl: opts.systems.condoManager.url, condoControlUrl: opts.systems.condoControl.url } }
      : {}),
  };
  const ctx: CoreContext = {
    ...(db ? { db } : {}),
    repos: createRepositories(database.kysely),
    clock,
    settings: shared ?? localSettings,
    secrets: opts.secrets ?? new MemorySecretStore(),
    events: new EventBus(),
    log,
    info,
  };
  // Job kinds are typed handlers (sync/*-job.ts); without a connection none
  // is registered and a sync asked for answers not_implemented.
  const kinds = new JobKinds();
  // Engines sharing a PostgreSQL database: one queue, one rate limit, events
  // to every console, takeover of a dead engine's jobs (cluster/).
  // Which engine this is: the cluster's member id on a shared database, the host name alone otherwise
  // (the audit log names it for calls by this computer or the console's token).
  const engineId = database.dialect === 'postgres' ? (opts.cluster?.engineId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`) : hostname();
  const cluster =
    database.dialect === 'postgres'
      ? new DeferredCluster({
          database,
          events: ctx.events,
          kinds,
          log,
          rehydrate: rehydrateFrom(ctx.repos.jobs, {
            // Another engine changed shared settings: read them again (the listener below moves pause and schedule).
            settings: async (keys) => {
              await shared?.reload(keys);
              return { keys };
            },
            // A building's watcher on another engine changed: this engine's view of it, read again for its consoles.
            commerceStatus: async (): Promise<CommerceStatus | undefined> => (stopped ? undefined : commerce?.status()),
          }),
          ...opts.cluster,
          engineId,
        })
      : undefined;
  // Pacing: what the caller says, else Settings, else a sandbox's generous
  // default or the clients' conservative one for real systems.
  const rate = opts.systemsPolicy?.rate ??
    (ctx.settings.get('rate') as SystemsConfig['rate'] | undefined) ??
    (opts.systems?.mode === 'sandbox' ? { condoManagerPerSec: 200, condoControlPerSec: 200, concurrency: 16 } : undefined);
  const clients = opts.systems
    ? createSystems({
        condoManager: opts.systems.condoManager,
        condoControl: opts.systems.condoControl,
        ...(rate ? { rate } : {}),
        policy: { log, ...opts.systemsPolicy?.policy },
        // Several engines: each host's rate holds for all of them together.
        ...(cluster ? { shared: (host: string, perSec: number) => cluster.sharedLimit(host, perSec) } : {}),
      })
    : undefined;
  const systems: Systems | undefined = clients && { cm: clients.condoManager, cc: clients.condoControl };
  const cache = new SyncCache(ctx.repos.db);
  // Keys a migration left empty; start() waits for it (a no-op once filled).
  const backfilled = backfillSearchKeys(ctx.repos.db).then(
    (n) => void (n && log.info('search keys filled', { rows: n })),
    (err: unknown) => log.warn('search keys could not be filled', { error: String(err) }),
  );
  const groupDefaults = () => ({ ...defaultGroups, ...(ctx.settings.get('groups') as object | undefined) });
  const ledger = ctx.repos.ledger;
  const commerceDeps: CommerceDeps | undefined = systems && { ledger, cm: systems.cm, cc: systems.cc, clock: ctx.clock, log, locks: new KeyedLock() };
  const pause = new PauseControl({ settings: ctx.settings, clock: ctx.clock, log });
  const realtime = opts.realtime ?? true;
  const realtimeOpts = typeof realtime === 'object' ? realtime : {};
  const runner = new JobRunner({
    // A job waits only if nobody asked for it by hand: a click that joined a nightly run releases it.
    paused: () => pause.isPaused(),
    pausable: (job) => (job.triggers?.length ? job.triggers : [job.trigger]).every((t) => HELD_TRIGGERS.has(t)),
    store: ctx.repos.jobs,
    events: ctx.events,
    clock: ctx.clock,
    log,
    kinds,
    // On PostgreSQL the shared queue decides which engine runs a job, one per lane and building.
    ...(cluster ? { dispatcher: cluster.dispatcher() } : {}),
  });
  const commerce =
    commerceDeps && realtime !== false
      ? new CommerceService({
          deps: { ...commerceDeps, cache },
          events: ctx.events,
          enqueue: (req) => runner.enqueue(req),
          // Several engines: one watcher per building across all of them.
          ...(cluster ? { leases: (handlers) => cluster.leases(handlers) } : {}),
          ...realtimeOpts,
        })
      : undefined;
  if (systems && commerceDeps) {
    kinds
      .register(residentJob, { cache, systems, clock: ctx.clock, log, groupDefaults, events: ctx.events, ...(commerce ? { commerce: { service: commerce, ledger } } : {}) })
      .register(commerceJob, { ...commerceDeps, ...(commerce ? { realtime: commerce } : {}) })
      .register(commerceReconcileJob, commerceDeps)
      .register(balanceCheckJob, { ...commerceDeps, save: (check) => ctx.settings.set(LAST_CHECK_KEY, check) });
  }
  const scheduler = new Scheduler({ db: ctx.repos.db, clock: ctx.clock, settings: ctx.settings, log, enqueue: (req) => runner.enqueue(req) });
  const handlers = createHandlers(ctx, {
    ...jobHandlers(runner, ctx.repos.jobs, ctx.repos.jobHistory),
    ...pauseHandlers(pause),
    ...scheduleHandlers(scheduler),
    ...residentHandlers(ctx, () => systems),
    ...connectionHandlers(ctx, () => opts.systems),
    ...balanceHandlers({
      ctx,
      commerce: () => commerceDeps && commerce && { ...commerceDeps, service: commerce },
      nextNightly: () => scheduler.describe().nextRunAt,
      startCheck: (corporationId, startedBy) => runner.enqueue({ kind: 'balance-check', trigger: 'manual', dryRun: false, ...(startedBy ? { startedBy } : {}), ...(corporationId ? { corporationId } : {}) }),
      lastCheck: () => ctx.settings.get(LAST_CHECK_KEY) as BalanceCheck | undefined,
      currentCheck: async () => {
        const found = [...(await ctx.repos.jobs.running()), ...(await ctx.repos.jobs.runnable())].find((j) => j.kind === 'balance-check');
        return found && (runner.live(found.id) ?? found);
      },
    }),
  });
  const access = new AccessService(accessDb(database.kysely), { clock: ctx.clock, log, auditDays: () => retentionOf(ctx.settings).auditDays, engine: engineId });
  const pruner = new HistoryPruner({ db: ctx.repos.db, clock: ctx.clock, settings: ctx.settings, events: ctx.events, log });
  const desktop = new DesktopSettingsService(ctx, opts.desktop, () => runner.busy());
  let stopped = false;
  let resync: NodeJS.Timeout | undefined;
  const api: Handlers = {
    ...handlers,
    ...desktop.handlers(),
    ...officeHandlers(),
    ...appHandlers(ctx, () => pause.state()),
    ...groupHandlers(new GroupDirectory(ctx, () => systems), handlers),
    ...exportHandlers(ctx, handlers['units.list']),
    ...accessHandlers(access, ctx.clock),
  };
  // Shared settings: what changed here goes to every console (and, by the fan-out, every engine);
  // what another engine changed (or a failed save put back) moves this engine's pause and schedule.
  const unshare = shared?.onChange((keys, how) => {
    if (stopped) return;
    if (how !== 'reloaded') ctx.events.emit('settings.changed', { keys });
    if (how === 'written') return;
    if (keys.includes('pause')) pause.reload();
    if (keys.includes('schedule')) scheduler.reschedule();
  });
  if (shared) {
    // A change is answered once it is in the database; one that could not be saved throws `unavailable`.
    for (const method of ['settings.set', 'schedule.set', 'sync.pause', 'sync.resume'] as const) savedFirst(api, method, shared);
  } else {
    // One engine, several consoles (a browser beside the desktop window): they hear the change as engines' consoles do.
    announce(api, 'settings.set', (input) => ['groups', 'retention'].filter((k) => (input as Record<string, unknown>)[k] !== undefined), ctx.events);
    announce(api, 'schedule.set', () => ['schedule'], ctx.events);
  }
  const PAUSED_REASON = 'Syncing is paused. Invoices and payments made meanwhile sync when it is resumed; nothing is lost.';
  // Held jobs wait in the runner; the real-time watchers stop reading the feed.
  pause.onChange((state) => {
    if (stopped) return;
    ctx.events.emit('pause.changed', state);
    if (state.paused) void commerce?.hold(PAUSED_REASON);
    else {
      commerce?.release();
      void runner.release();
    }
  });
  // What follows a job is its kind's (JobHandler.after); the history is pruned as jobs end.
  const unwatch = [
    // A real-time job another engine ended: its write trouble shows in this engine's status too.
    ctx.events.subscribe((name, payload, meta) => {
      if (name === 'job.updated' && meta.relayed && (payload as Job).finishedAt) commerce?.jobFinishedElsewhere(payload as Job);
    }),
    kinds.followUps(ctx.events, {
      enqueue: (req) => runner.enqueue(req),
      everQueued: async (kind) => (await ctx.repos.jobs.list({ kind, limit: 1 })).total > 0,
    }),
    pruner.watch(),
  ];

  return {
    api,
    ...(commerce ? { commerce } : {}),
    events: ctx.events,
    ...(db ? { db } : {}),
    database,
    info,
    runner,
    get cluster() {
      return cluster?.current;
    },
    scheduler,
    ...(systems ? { systems } : {}),
    pause,
    desktop,
    resumed: () => {
      pause.check();
      if (systems) void scheduler.resumed().catch((err: unknown) => log.error('catch-up after sleep failed', { error: String(err) }));
    },
    access,
    call: (method, input, caller = LOCAL_ADMINISTRATOR) =>
      isMethodName(method) ? access.guard(caller, method, input, () => dispatch(api, method, input, caller)) : dispatch(api, method, input, caller),
    async start() {
      // Before anything reads a setting: on PostgreSQL the shared ones come from the database.
      await shared?.load();
      await backfilled;
      await pruner.atStart();
      pause.start();
      desktop.apply();
      if (pause.isPaused()) await commerce?.hold(PAUSED_REASON);
      // Heartbeat and events first; the runner then starts the shared queue's workers and hands over the jobs found waiting.
      await (await cluster?.ready)?.start();
      if (shared) {
        // Listening now: what another engine changed since the load is read once more; and
        // every half minute after, so a notification lost with a dropped connection is caught up.
        await shared.reload(SHARED_SETTING_KEYS);
        resync = setInterval(() => void shared.reload(SHARED_SETTING_KEYS).catch((err: unknown) => log.warn('shared settings not re-read', { error: String(err) })), SETTINGS_RESYNC_MS);
        resync.unref();
      }
      await runner.start();
      // A new connection (the sandbox included) gets one initial sync, so the
      // Unit File fills without a manual step: once per database, however
      // many engines share it (their settings are each their data dir's).
      if (opts.systems && opts.initialSync !== false) {
        const connection = contentHash(opts.systems.identity ?? [opts.systems.condoManager.url, opts.systems.condoControl.url]);
        if (cluster) {
          if (await (await cluster.ready).claimOnce(`initial-sync:${connection}`)) await runner.enqueue({ kind: 'residents', trigger: 'initial', dryRun: false });
        } else if (ctx.settings.get('connectionId') !== connection) {
          await runner.enqueue({ kind: 'residents', trigger: 'initial', dryRun: false });
          ctx.settings.set('connectionId', connection);
        }
      }
      if (systems && opts.scheduler !== false) await scheduler.start();
      await commerce?.ensureWatchers();
      log.info('core started', { mode: info.mode, adapter: info.adapter });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const off of unwatch) off();
      unshare?.();
      if (resync) clearInterval(resync);
      pause.stop();
      scheduler.stop();
      await commerce?.stop();
      // The runner interrupts its jobs, then stops the shared queue, which hands their dispatches back to another engine.
      await runner.stop();
      await (await cluster?.ready.catch(() => undefined))?.stop();
      clients?.close();
      await database.close();
      log.info('core stopped');
    },
  };
}

/** Makes a handler answer only once the shared settings it wrote are saved. */
function savedFirst<M extends keyof Handlers>(api: Handlers, method: M, store: SharedSettingsStore): void {
  const handler = api[method] as (input: unknown, caller?: Caller) => Promise<unknown>;
  (api as Record<M, unknown>)[method] = async (input: unknown, caller?: Caller) => {
    const before = store.writes;
    const out = await handler(input, caller);
    if (store.writes !== before) await store.saved();
    return out;
  };
}

/** SQLite: after a handler saved settings in the file, tells the consoles which keys (on PostgreSQL the shared store does). */
function announce<M extends keyof Handlers>(api: Handlers, method: M, keysOf: (input: unknown) => string[], events: EventBus): void {
  const handler = api[method] as (input: unknown, caller?: Caller) => Promise<unknown>;
  (api as Record<M, unknown>)[method] = async (input: unknown, caller?: Caller) => {
    const out = await handler(input, caller);
    const keys = keysOf(input);
    if (keys.length) events.emit('settings.changed', { keys });
    return out;
  };
}
