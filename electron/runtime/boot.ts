import { join } from 'node:path';
import type { AppInfo } from '@shared/types';
import { systemClock, type Clock } from '../core/clock';
import { createCore, defaultMigrationsDir, type Core, type CoreOptions, type SystemEndpoints } from '../core/core';
import type { EngineDatabase } from '../core/db/connect';
import { openPostgresStore } from '../core/db/open-store';
import type { Logger } from '../core/log';
import type { SecretStore } from '../core/secrets';
import type { SettingsStore } from '../core/settings';
import { SharedSettingsStore } from '../core/settings-shared';
import type { DB } from '../core/db/schema';

export type SandboxSize = 'small' | 'medium' | 'large';

export interface BootOptions {
  dataDir: string;
  adapter: AppInfo['adapter'];
  settings: SettingsStore;
  secrets: SecretStore;
  logger: Logger;
  clock?: Clock;
  sandboxSize?: SandboxSize;
  sandboxSeed?: number;
  nativeBinding?: string;
  coreOptions?: Pick<CoreOptions, 'initialSync' | 'scheduler' | 'systemsPolicy' | 'realtime'>;
  desktop?: CoreOptions['desktop'];
  /** postgres://… keeps the engine's state in PostgreSQL (chooseDatabase); absent: SQLite in the data dir. */
  databaseUrl?: string;
  /** PostgreSQL: connections of the engine's state pool (default 10). */
  poolSize?: number;
  /** PostgreSQL: how this engine takes part in the cluster (workers, intervals). */
  cluster?: CoreOptions['cluster'];
}

export interface Booted {
  core: Core;
  stop(): Promise<void>;
}

/** The sandboxes' fixed demo credentials (SYSTEMS.md): generated data only, not secrets. */
export const SANDBOX_CREDENTIALS = {
  condoManager: { clientId: 'demo', clientSecret: 'demo-secret' },
  condoControl: { username: 'demo', password: 'demo-password' },
};

/**
 * Starts the core against the configured systems, or, with none configured,
 * against both sandboxes started in-process on loopback (the same ports as
 * last time when they are free). Electron
 * and the host share this, so both behave the same in sandbox mode.
 */
export async function bootCore(opts: BootOptions): Promise<Booted> {
  const secrets = opts.secrets.get();
  let systems: SystemEndpoints;
  let closeSandboxes: (() => Promise<void>) | undefined;
  if (secrets) {
    systems = { mode: 'live', ...secrets };
  } else {
    // Loaded only in sandbox mode, so a live console never carries the emulators' state.
    const { startSandboxesOnStablePorts } = await import('../sandbox');
    const sandboxes = await startSandboxesOnStablePorts({
      dataDir: join(opts.dataDir, 'sandbox'),
      size: opts.sandboxSize ?? 'small',
      seed: opts.sandboxSeed,
      // A size or seed asked for explicitly replaces a store seeded otherwise;
      // without one, a trainer's edits survive restarts.
      reseed: opts.sandboxSize || opts.sandboxSeed !== undefined ? 'if-different' : 'if-empty',
      // Their request logs go to the console's logs, redacted the same way.
      log: opts.logger,
    });
    closeSandboxes = () => sandboxes.close();
    systems = {
      mode: 'sandbox',
      // The stores, not their ports, say whether this is a connection the console knows.
      identity: sandboxes.identity,
      condoManager: { url: sandboxes.condoManagerUrl, ...SANDBOX_CREDENTIALS.condoManager },
      condoControl: { url: sandboxes.condoControlUrl, ...SANDBOX_CREDENTIALS.condoControl },
    };
  }
  let core: Core;
  let database: EngineDatabase | undefined;
  try {
    database = opts.databaseUrl
      ? await openPostgresStore(opts.databaseUrl, { migrationsDir: defaultMigrationsDir(), log: opts.logger, ...(opts.poolSize ? { postgres: { poolSize: opts.poolSize } } : {}) })
      : undefined;
    // On PostgreSQL the settings that decide what the sync does and when are the database's,
    // read before the core is made so its pacing starts at the shared rate.
    let settings = opts.settings;
    if (database) {
      settings = new SharedSettingsStore({ db: (database as EngineDatabase<DB>).kysely, local: opts.settings, clock: opts.clock ?? systemClock, log: opts.logger });
      await (settings as SharedSettingsStore).load();
    }
    core = createCore({
      dataDir: opts.dataDir,
      adapter: opts.adapter,
      settings,
      secrets: opts.secrets,
      logger: opts.logger,
      systems,
      ...opts.coreOptions,
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
      ...(opts.desktop ? { desktop: opts.desktop } : {}),
      ...(database ? { database } : {}),
      ...(opts.cluster ? { cluster: opts.cluster } : {}),
    });
    await core.start();
  } catch (err) {
    await closeSandboxes?.();
    await database?.close();
    throw err;
  }
  opts.logger.info('console ready', { mode: systems.mode });
  return {
    core,
    async stop() {
      await core.stop();
      await closeSandboxes?.();
    },
  };
}
