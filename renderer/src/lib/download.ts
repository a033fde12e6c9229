/** Hands a file the core prepared to the person: the browser's (or Electron's) own download. */
import type { ExportFile } from '@shared/types';

export function download(file: ExportFile): void {
  save(new Blob([file.text], { type: file.mimeType }), file.filename);
}

/** A binary file the core sent as base64 (the diagnostics zip). */
export function downloadBase64(file: { filename: string; mimeType: string; base64: string }): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  save(new Blob([bytes], { type: file.mimeType }), file.filename);
}

function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
