#!/usr/bin/env node
// CI's packaging check (npm run check:packaging). Installers need the
// Electron zips, which cannot be downloaded here; but electron-builder
// validates electron-builder.yml before any download, and with a stand-in
// Electron folder (`electronDist`) it packs a real `--dir` build, app.asar
// and all, and runs the afterPack ABI check. So, in a scratch copy of the
// project, for this machine's OS and CPU:
//
//   1. the Node-ABI better-sqlite3 from node_modules, put where the Electron
//      build belongs, must stop the packaging, naming both ABIs;
//   2. a build that says Electron's ABI must pack, and the package must hold
//      the tray images, the icon, that build, and no Node-ABI copy.
//
// The second file is the Node build with its ABI symbol rewritten to
// Electron's (same length), as no real Electron build can be made offline.
// Exit code 0 when both hold, 1 otherwise.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { abiOf } from './native-abi.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = require('electron/package.json').version;
const electronAbi = Number(readFileSync(require.resolve('electron/abi_version'), 'utf8').trim());
const platformFlag = { linux: '--linux', win32: '--win', darwin: '--mac' }[process.platform];
const nodeBuild = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');

/** The Node build with `node_register_module_v<node>` renamed to `…v<electron>`. */
export function relabel(bytes, from, to) {
  const a = Buffer.from(`node_register_module_v${from}`, 'latin1');
  const b = Buffer.from(`node_register_module_v${to}`, 'latin1');
  if (a.length !== b.length) throw new Error('ABI numbers of different lengths cannot be swapped in place');
  const out = Buffer.from(bytes);
  for (let i = out.indexOf(a); i !== -1; i = out.indexOf(a, i + 1)) b.copy(out, i);
  return out;
}

/** A scratch project: the config, resources, hooks, built app, and node_modules linked. */
function scratch(native) {
  const dir = mkdtempSync(join(tmpdir(), 'condo-sync-pack-'));
  for (const f of ['package.json', 'electron-builder.yml']) cpSync(join(root, f), join(dir, f));
  for (const d of ['resources', 'scripts', 'out']) if (existsSync(join(root, d))) cpSync(join(root, d), join(dir, d), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const target = join(dir, '.native', `electron-${electronVersion}-${process.platform}-${process.arch}`);
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'better_sqlite3.node'), native);
  // The stand-in Electron: an executable with Electron's name is all --dir copies.
  const dist = join(dir, 'electron-stand-in');
  mkdirSync(dist);
  writeFileSync(join(dist, process.platform === 'win32' ? 'electron.exe' : 'electron'), '#!/bin/sh\necho "stand-in for Electron"\n', { mode: 0o755 });
  return dir;
}

function pack(dir) {
  const bin = join(root, 'node_modules', 'electron-builder', 'cli.js');
  const r = spawnSync(process.execPath, [bin, platformFlag, '--dir', `--${process.arch}`, '--projectDir', dir, `-c.electronDist=${join(dir, 'electron-stand-in')}`, `-c.directories.output=${join(dir, 'dist')}`], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    timeout: 300_000,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

function resources(dir) {
  const out = join(dir, 'dist');
  if (process.platform === 'darwin') return join(out, process.arch === 'arm64' ? 'mac-arm64' : 'mac', 'Condo Sync.app', 'Contents', 'Resources');
  return join(out, `${process.platform === 'win32' ? 'win' : 'linux'}-${process.arch === 'x64' ? '' : `${process.arch}-`}unpacked`, 'resources');
}

export function checkPackaging(log = (line) => console.log(line)) {
  const node = readFileSync(nodeBuild);
  const nodeAbi = abiOf(node);
  const failures = [];
  const dirs = [];
  try {
    // 1. The wrong ABI stops the packaging.
    const wrong = scratch(node);
    dirs.push(wrong);
    const a = pack(wrong);
    if (a.status === 0) failures.push('a Node-ABI better-sqlite3 was packaged without complaint');
    else if (!a.output.includes('Packaging stopped') || !a.output.includes(`NODE_MODULE_VERSION ${nodeAbi}`) || !a.output.includes(String(electronAbi))) {
      failures.push(`packaging failed, but not at the ABI check:\n${a.output.split('\n').filter((l) => l.includes('⨯') || /error/i.test(l)).slice(0, 5).join('\n')}`);
    } else log(`ok: a better-sqlite3 built for NODE_MODULE_VERSION ${nodeAbi} stops the packaging (Electron ${electronVersion} needs ${electronAbi})`);

    // 2. The right ABI packs, with everything the app loads at run time.
    const right = scratch(relabel(node, nodeAbi, electronAbi));
    dirs.push(right);
    const b = pack(right);
    if (b.status !== 0) failures.push(`packaging with an Electron-ABI build failed:\n${b.output.split('\n').filter((l) => l.includes('⨯')).slice(0, 5).join('\n')}`);
    else {
      const res = resources(right);
      const must = [
        join('native', `electron-${electronVersion}-${process.platform}-${process.arch}`, 'better_sqlite3.node'),
        join('tray', 'idle-light.png'),
        join('tray', 'failed-dark@2x.png'),
        join('tray', 'pausedTemplate@2x.png'),
        'icon.png',
        'app.asar',
        'app-update.yml',
      ];
      const missing = must.filter((f) => !existsSync(join(res, f)));
      const stray = join(res, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
      if (missing.length) failures.push(`the package lacks ${missing.join(', ')}`);
      else if (existsSync(stray)) failures.push('the package still carries the Node-ABI better-sqlite3 from node_modules');
      else log(`ok: --dir package for ${process.platform}-${process.arch} holds the Electron-ABI better-sqlite3, tray images, icon and update feed`);
    }
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  return failures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const failures = checkPackaging();
  for (const f of failures) console.error(`packaging check failed: ${f}`);
  process.exit(failures.length ? 1 : 0);
}
