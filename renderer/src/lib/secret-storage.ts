/**
 * Settings → Connections' line on where the secrets are kept. The engine
 * keeps them, so the computer named is the engine's: this one for the
 * desktop console, the server for a browser console (adapter `http`) or a
 * desktop attached to an office server, which may be another machine.
 */
import type { AppInfo } from '@shared/types';
import { i18n } from '../i18n';

/** The translated sentence for `info.secretStorage`, naming the engine's computer truthfully. */
export function secretStorageLine(info: Pick<AppInfo, 'adapter' | 'secretStorage' | 'office'>): string {
  const kind = info.secretStorage ?? 'plain-file';
  const onServer = info.adapter === 'http' || !!info.office;
  return i18n.t(onServer ? `connections.storageServer.${kind}` : `connections.storage.${kind}`);
}
