import type { AppInfo } from '@shared/types';
import type { Clock } from './clock';
import type { Db } from './db/database';
import type { EventBus } from './events';
import type { Logger } from './log';
import type { SecretStore } from './secrets';
import type { SettingsStore } from './settings';

/** What every API module and service of the core receives. */
export interface CoreContext {
  db: Db;
  clock: Clock;
  settings: SettingsStore;
  secrets: SecretStore;
  events: EventBus;
  log: Logger;
  info: AppInfo;
}
