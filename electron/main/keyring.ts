/**
 * Whether Electron's safeStorage really protects secrets here. On Linux
 * without a keyring (no GNOME Keyring / KWallet unlocked), Electron reports
 * encryption as available but uses the `basic_text` backend: a key built into
 * Chromium, so anyone with the file can decrypt it. That is treated as no
 * encryption, and Settings says so.
 */
export function keyringProtects(opts: { platform: NodeJS.Platform; available: boolean; backend?: string }): boolean {
  if (!opts.available) return false;
  if (opts.platform !== 'linux') return true;
  return opts.backend !== undefined && opts.backend !== 'basic_text' && opts.backend !== 'unknown';
}
