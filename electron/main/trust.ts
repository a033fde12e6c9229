/**
 * Who the console's main process trusts, as plain functions (no Electron
 * import) so the rules run under the tests. Only the console's own page, in
 * its own window's top frame, may call the contract; nothing may get a
 * permission (camera, notifications, clipboard, …) or navigate elsewhere.
 */
import { fileURLToPath } from 'node:url';
import { normalize } from 'node:path';

/** Where the console's page comes from: the built file, or the dev server in `npm start` development. */
export type AppSource = { kind: 'file'; indexPath: string } | { kind: 'url'; origin: string };

export function appSource(outRendererIndex: string, devServerUrl?: string): AppSource {
  if (devServerUrl) return { kind: 'url', origin: new URL(devServerUrl).origin };
  return { kind: 'file', indexPath: normalize(outRendererIndex) };
}

/** True when `url` is the console's own page (any hash or query: the client router uses the hash). */
export function isAppUrl(url: string | undefined, source: AppSource): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (source.kind === 'url') return parsed.origin === source.origin;
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  try {
    return normalize(fileURLToPath(parsed)) === source.indexPath;
  } catch {
    return false;
  }
}

/** The slice of an IpcMainInvokeEvent the check reads. */
export interface SenderLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * An IPC call is the console's when it comes from the expected window's
 * top frame (not an iframe) and that frame shows the console's own page.
 * A frame already navigated or destroyed (`senderFrame` null) is refused.
 */
export function isTrustedSender(event: SenderLike, source: AppSource, windowId: number | undefined): boolean {
  if (windowId === undefined || event.sender.id !== windowId) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent) return false;
  return isAppUrl(frame.url, source);
}

/** Every permission request is refused: the console needs none. */
export function denyPermissionRequest(_wc: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** Every permission check says no. */
export function denyPermissionCheck(): boolean {
  return false;
}

/** Web addresses that open in the person's browser; anything else (file:, javascript:, custom schemes) is dropped. */
export function opensExternally(url: string): boolean {
  return /^https:\/\//i.test(url) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//i.test(url);
}
