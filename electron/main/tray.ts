import { Menu, nativeImage, nativeTheme, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { PauseState } from '@shared/types';
import type { DesktopText } from './desktop-text';
import { trayLook, trayMenu, type MenuEntry, type TrayAction, type TrayState } from './tray-status';

/**
 * The tray icon as the app's status light. What it shows comes from
 * tray-status.ts (a status → image and tooltip table, tested under Node);
 * this class only hands it to Electron.
 */
export class AppTray {
  private readonly tray: Tray;
  private last = '';

  constructor(
    private readonly resources: string,
    private readonly actions: Record<TrayAction, () => void>,
  ) {
    this.tray = new Tray(nativeImage.createEmpty());
    // Windows and Linux open the console on a click; macOS shows the menu.
    if (process.platform !== 'darwin') this.tray.on('click', () => actions.open());
  }

  private darkTaskbar(): boolean {
    // Windows' taskbar follows the "system" theme, which can differ from the apps' theme.
    if (process.platform === 'win32') return nativeTheme.shouldUseDarkColorsForSystemIntegratedUI;
    return nativeTheme.shouldUseDarkColors;
  }

  show(state: TrayState, o: { text: DesktopText; locale: string; timeZone?: string; pause: PauseState; lastSync: string; override?: string }): void {
    const look = trayLook(state, { platform: process.platform, darkTaskbar: this.darkTaskbar(), text: o.text, locale: o.locale, pause: o.pause, ...(o.timeZone ? { timeZone: o.timeZone } : {}) });
    const tooltip = o.override ?? look.tooltip;
    const key = JSON.stringify([look.image, tooltip, o.lastSync, o.pause]);
    if (key === this.last) return;
    this.last = key;
    const image = nativeImage.createFromPath(join(this.resources, look.image));
    if (process.platform === 'darwin') image.setTemplateImage(true);
    this.tray.setImage(image);
    this.tray.setToolTip(tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenu({ text: o.text, pause: o.pause, lastSync: o.lastSync }).map((e) => this.item(e))));
  }

  private item(e: MenuEntry): MenuItemConstructorOptions {
    if (e.separator) return { type: 'separator' };
    const action = e.action;
    return {
      label: e.label ?? '',
      enabled: e.enabled ?? true,
      ...(action ? { click: () => this.actions[action]() } : {}),
      ...(e.submenu ? { submenu: e.submenu.map((s) => this.item(s)) } : {}),
    };
  }

  destroy(): void {
    this.tray.destroy();
  }
}
