import type { SettingsStore } from '../../core/settings';
import type { Logger } from '../../core/log';
import type { SecretStorage } from '@shared/types';
import { parseOfficeUrl } from './office-url';

/** Where the office server's access key is kept (safeStorage in the app, memory in tests). */
export interface OfficeKeyStore {
  /** Throws when the key is there but cannot be decrypted (another user, a new keychain). */
  get(): string | undefined;
  set(key: string | null): void;
  readonly storage: SecretStorage;
}

/** The settings key holding `{ url }` of the office server; absent means "run the engine here". */
export const OFFICE_SETTING = 'office';

export type BootDecision = { mode: 'local' } | { mode: 'remote'; origin: string; key: string | undefined };

/** The saved office server's origin, if any (a hand-edited, unusable value counts as none). */
export function savedOfficeOrigin(settings: SettingsStore): string | undefined {
  const saved = settings.get(OFFICE_SETTING) as { url?: unknown } | undefined;
  if (!saved || typeof saved.url !== 'string') return undefined;
  try {
    return parseOfficeUrl(saved.url).origin;
  } catch {
    return undefined;
  }
}

/**
 * What the desktop app starts: its own engine (the default), or none and a
 * link to the saved office server. A saved server whose key cannot be read
 * still means remote (the console says so and asks for the key): starting a
 * local engine instead would run a second engine behind the user's back.
 */
export function decideBoot(o: { settings: SettingsStore; keys: OfficeKeyStore; log: Logger }): BootDecision {
  const origin = savedOfficeOrigin(o.settings);
  if (!origin) {
    if (o.settings.get(OFFICE_SETTING) != null) o.log.warn('the saved office server address is unusable: running the engine on this computer');
    return { mode: 'local' };
  }
  let key: string | undefined;
  try {
    key = o.keys.get();
  } catch (err) {
    o.log.warn('the office server access key could not be read', { error: (err as Error).name });
  }
  return { mode: 'remote', origin, key };
}
