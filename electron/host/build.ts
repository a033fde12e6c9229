import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function rendererDir(root: string): string {
  return join(root, 'out', 'renderer');
}

/** True when the built renderer is missing or older than its sources. */
export function rendererIsStale(root: string): boolean {
  const built = join(rendererDir(root), 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')), newestMtime(join(root, 'electron.vite.config.ts')));
  return sources > statSync(built).mtimeMs;
}

/** Builds the app (renderer, main, preload) when the build is missing or stale. */
export function ensureBuilt(root: string, log: (line: string) => void): void {
  if (!rendererIsStale(root)) return;
  log('Building the console (the build is missing or older than its sources)…');
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`The build failed:\n${(result.stderr ?? '').trim().split('\n').slice(-15).join('\n')}`);
  }
}
