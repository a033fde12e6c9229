/**
 * Launch at login on Linux, where Electron's setLoginItemSettings does
 * nothing: an XDG autostart entry (~/.config/autostart/condo-sync.desktop),
 * which GNOME, KDE, Xfce and Cinnamon all read. No Electron here, so it is
 * tested under Node.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export function autostartFile(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME?.trim() || join(env.HOME ?? homedir(), '.config');
  return join(config, 'autostart', 'condo-sync.desktop');
}

/** Quotes an Exec argument as the Desktop Entry spec asks. */
function quote(arg: string): string {
  return /[\s"'\\$`]/.test(arg) ? `"${arg.replace(/(["`$\\])/g, '\\$1')}"` : arg;
}

/**
 * The entry's text. `executable` is the AppImage when run from one
 * (process.env.APPIMAGE: the mounted path changes every run), else the binary.
 */
export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Condo Sync',
    'Comment=Keeps Condo Control in step with Condo Manager',
    `Exec=${quote(executable)} --hidden`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes or removes the entry. */
export function setLinuxAutostart(on: boolean, executable: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = autostartFile(env);
  if (!on) return rmSync(file, { force: true });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, autostartEntry(executable), { mode: 0o644 });
}
