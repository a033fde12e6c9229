import type { AppInfo } from '@shared/types';
import type { Clock } from './clock';
import type { Db } from './db/database';
import type { Repositories } from './db/repositories';
import type { EventBus } from './events';
import type { Logger } from './log';
import type { SecretStore } from './secrets';
import type { SettingsStore } from './settings';

/** What every API module and service of the core receives. */
export interface CoreContext {
  /** The better-sqlite3 handle, on SQLite only: everything else goes through `repos`. */
  db?: Db;
  /** Engine state through async repositories (SQLite or PostgreSQL). */
  repos: Repositories;
  clock: Clock;
  settings: SettingsStore;
  secrets: SecretStore;
  events: EventBus;
  log: Logger;
  info: AppInfo;
}
