#!/usr/bin/env node
// The condo-sync command. It runs the built host, out/host/cli.mjs (made by
// `npm run build`, shaped like the desktop's out/main: no tsx loader or
// transform cache in the process, ~40 MB less RSS on a large sync), when that
// bundle is there and newer than every source it is built from. Otherwise (a
// fresh clone, or sources edited since the last build) it says so in one line
// and runs the TypeScript sources through tsx, so `npm ci` then `npm start`
// works without a separate build; `serve` then builds the app for next time.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const built = join(root, 'out', 'host', 'cli.mjs');
// What the bundle is made of: the engine, the contract, and what shapes the build.
const SOURCES = ['electron', 'shared', 'package.json', 'tsconfig.json', 'electron.vite.config.ts'];

/** True when some file under `path` was changed after `since` (ms); stops at the first. */
function changedAfter(path, since) {
  if (!existsSync(path)) return false;
  const st = statSync(path);
  if (st.mtimeMs > since) return true;
  if (!st.isDirectory()) return false;
  return readdirSync(path).some((entry) => entry !== 'node_modules' && changedAfter(join(path, entry), since));
}

function builtIsCurrent() {
  if (!existsSync(built)) return false;
  const at = statSync(built).mtimeMs;
  return !SOURCES.some((s) => changedAfter(join(root, s), at));
}

let main;
if (builtIsCurrent()) {
  ({ main } = await import(pathToFileURL(built).href));
} else {
  console.error(`Running condo-sync from its TypeScript sources through tsx: out/host is ${existsSync(built) ? 'older than the sources' : 'not built'} (npm run build builds it).`);
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: join(root, 'tsconfig.json') });
  ({ main } = await import('../electron/host/cli.ts'));
}
const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
