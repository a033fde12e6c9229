import { Menu, nativeImage, Tray } from 'electron';

export type TrayStatus = 'idle' | 'syncing' | 'attention' | 'failed';

const TOOLTIPS: Record<TrayStatus, string> = {
  idle: 'Condo Sync: in sync',
  syncing: 'Condo Sync: syncing…',
  attention: 'Condo Sync: needs attention',
  failed: 'Condo Sync: last sync failed',
};

/** The tray: Open console, Sync now, Quit, with a status tooltip. */
export class AppTray {
  private readonly tray: Tray;

  constructor(
    iconPath: string,
    private readonly actions: { open(): void; syncNow(): void; quit(): void },
  ) {
    this.tray = new Tray(nativeImage.createFromPath(iconPath));
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open console', click: () => actions.open() },
        { label: 'Sync now', click: () => actions.syncNow() },
        { type: 'separator' },
        { label: 'Quit', click: () => actions.quit() },
      ]),
    );
    this.tray.on('click', () => actions.open());
    this.setStatus('idle');
  }

  setStatus(status: TrayStatus): void {
    this.tray.setToolTip(TOOLTIPS[status]);
  }

  destroy(): void {
    this.tray.destroy();
  }
}
