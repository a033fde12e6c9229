import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagnosticsFile } from '@shared/types';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files';
import { buildDiagnosticsZip, type DiagnosticsSources } from './collect';

/** Bundles kept in `<data dir>/diagnostics`; older ones are removed. */
export const KEEP_BUNDLES = 5;

/**
 * Writes a support bundle to `<data dir>/diagnostics/condo-sync-diagnostics-<UTC stamp>.zip`
 * (0600, folder 0700) and returns it, base64 included so a browser can download it.
 */
export async function writeDiagnostics(src: DiagnosticsSources): Promise<DiagnosticsFile> {
  const { zip, entries } = await buildDiagnosticsZip(src);
  const dir = join(src.dataDir, 'diagnostics');
  ensurePrivateDir(dir);
  const stamp = src.now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
  const filename = `condo-sync-diagnostics-${stamp}.zip`;
  const path = join(dir, filename);
  writeFileSync(path, zip, { mode: PRIVATE_FILE_MODE });
  const old = readdirSync(dir)
    .filter((n) => /^condo-sync-diagnostics-.*\.zip$/.test(n))
    .sort()
    .reverse()
    .slice(KEEP_BUNDLES);
  for (const n of old) rmSync(join(dir, n), { force: true });
  return { filename, path, bytes: zip.length, entries, mimeType: 'application/zip', base64: Buffer.from(zip).toString('base64') };
}
