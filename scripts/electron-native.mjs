// better-sqlite3 for Electron's ABI, kept in .native/ beside the Node build in
// node_modules: tests and the host load the Node build, the Electron app
// loads this one through better-sqlite3's `nativeBinding` option. Neither
// runtime needs a manual rebuild, and neither build overwrites the other.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { firstErrorLine } from './error-line.mjs';

const require = createRequire(import.meta.url);

function electronVersion() {
  return require('electron/package.json').version;
}

export function electronSqliteBinding(root) {
  return join(root, '.native', `electron-${electronVersion()}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
}

/** Returns undefined when the Electron build exists or was made, else why not. */
export function ensureElectronSqlite(root) {
  const target = electronSqliteBinding(root);
  if (existsSync(target)) return undefined;
  const version = electronVersion();
  const work = join(root, '.native', 'work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // Build in a copy so the Node build in node_modules stays untouched.
  cpSync(require.resolve('better-sqlite3/package.json').replace(/package\.json$/, ''), work, {
    recursive: true,
    filter: (src) => !src.includes(`${join('build', '')}`),
  });
  const env = { ...process.env };
  const attempts = [
    // A prebuilt binary for this Electron version, when the network allows it.
    [process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', version, '--arch', process.arch, '--platform', process.platform]],
    // Otherwise compile against Electron's headers (NOT Node's: see TOOLCHAIN.md).
    [process.execPath, [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers', `--arch=${process.arch}`]],
  ];
  let last = 'no build method worked';
  for (const [cmd, args] of attempts) {
    const r = spawnSync(cmd, args, { cwd: work, env, encoding: 'utf8', timeout: 600_000 });
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (r.status === 0 && existsSync(built)) {
      mkdirSync(join(target, '..'), { recursive: true });
      cpSync(built, target);
      rmSync(work, { recursive: true, force: true });
      return undefined;
    }
    last = firstErrorLine(r.stderr || r.error?.message || `exit ${r.status}`);
  }
  return last;
}
