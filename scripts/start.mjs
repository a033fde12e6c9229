#!/usr/bin/env node
// `npm start`: the Electron console in sandbox mode. Fetches the Electron
// binary with electron's own installer the first time, and a better-sqlite3
// build for Electron's ABI beside the Node one (so `npm test` keeps working).
// Where either cannot be fetched, says so in one line and starts the same
// console headless in the browser instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { electronSqliteBinding, ensureElectronSqlite } from './electron-native.mjs';
import { firstErrorLine } from './error-line.mjs';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;

function electronBinary() {
  try {
    return require('electron'); // the binary's path, or throws when it was never downloaded
  } catch {
    return undefined;
  }
}

function fetchElectron() {
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const r = spawnSync(process.execPath, [require.resolve('electron/install.js')], { env, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) return firstErrorLine(r.stderr || r.error?.message || 'the download failed');
  return electronBinary() ? undefined : 'the download finished but no binary was installed';
}

function browserMode(reason) {
  console.log(`Electron is unavailable (${reason}); starting the console in browser mode instead.`);
  const child = spawn(process.execPath, [new URL('../bin/condo-sync.mjs', import.meta.url).pathname, 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

let binary = electronBinary();
if (!binary) {
  const why = fetchElectron();
  if (why) {
    browserMode(`could not download Electron: ${why}`);
  } else binary = electronBinary();
}
if (binary) {
  const sqliteError = ensureElectronSqlite(root);
  if (sqliteError) browserMode(`could not build better-sqlite3 for Electron: ${sqliteError}`);
  else {
    const build = spawnSync(process.execPath, [new URL('../node_modules/electron-vite/bin/electron-vite.js', import.meta.url).pathname, 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
    const child = spawn(binary, [root], {
      stdio: 'inherit',
      env: { ...process.env, CONDO_SYNC_SQLITE_BINDING: electronSqliteBinding(root) },
    });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
