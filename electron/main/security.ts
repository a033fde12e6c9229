import { app, shell, type Session, type WebContents } from 'electron';
import { denyPermissionCheck, denyPermissionRequest, opensExternally } from './trust';

/**
 * Locks the session down before any window loads: no permission is ever
 * granted (camera, microphone, notifications from the page, geolocation,
 * clipboard, USB/HID/serial devices …), and no web contents, including any a
 * future feature creates, may navigate, open windows or attach a <webview>.
 * Downloads stay allowed: CSV exports and the diagnostics zip are saved that
 * way, through Electron's Save dialog.
 */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(() => false);
}

/** Applies the navigation rules to every web contents the app ever creates. */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (opensExternally(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
