// The ABI check that keeps a Node-ABI better-sqlite3 out of the package,
// against the real Node build in node_modules (the wrong one for Electron).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
// @ts-expect-error plain .mjs module without types
import { abiOf, binaryTarget, checkNativeFile } from '../../scripts/native-abi.mjs';
// @ts-expect-error plain .mjs module without types
import { relabel } from '../../scripts/check-packaging.mjs';

const require = createRequire(import.meta.url);
const nodeBuild = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
const electronAbi = Number(readFileSync(require.resolve('electron/abi_version'), 'utf8').trim());
const electronVersion = (require('electron/package.json') as { version: string }).version;
const { checkPackagedSqlite } = require('../../scripts/after-pack.cjs') as {
  checkPackagedSqlite(context: unknown): Promise<void>;
};
const here = { platform: process.platform, arch: process.arch };

describe('reading the ABI a .node file was built for', () => {
  it('reads the Node build in node_modules as this Node’s NODE_MODULE_VERSION, for this OS and CPU', () => {
    const bytes = readFileSync(nodeBuild);
    expect(abiOf(bytes)).toBe(Number(process.versions.modules));
    expect(binaryTarget(bytes)).toEqual(here);
  });

  it('reads the OS and CPU of Windows and macOS headers too', () => {
    const pe = Buffer.alloc(0x100);
    pe.write('MZ', 0, 'latin1');
    pe.writeUInt32LE(0x80, 0x3c);
    pe.writeUInt32BE(0x50450000, 0x80);
    pe.writeUInt16LE(0xaa64, 0x84);
    expect(binaryTarget(pe)).toEqual({ platform: 'win32', arch: 'arm64' });
    const macho = Buffer.alloc(16);
    macho.writeUInt32BE(0xcffaedfe, 0);
    macho.writeUInt32LE(0x01000007, 4);
    expect(binaryTarget(macho)).toEqual({ platform: 'darwin', arch: 'x64' });
    expect(binaryTarget(Buffer.from('#!/bin/sh\n'))).toEqual({ platform: undefined, arch: undefined });
  });
});

describe('checkNativeFile', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.cleanup());
  const want = { abi: electronAbi, runtime: `Electron ${electronVersion}`, ...here };

  it('refuses the Node-ABI build for Electron, naming both numbers', () => {
    const problem = checkNativeFile(nodeBuild, want) as string;
    expect(problem).toContain(`NODE_MODULE_VERSION ${process.versions.modules}`);
    expect(problem).toContain(`Electron ${electronVersion} needs ${electronAbi}`);
  });

  it('accepts a build that says Electron’s ABI for this OS and CPU, and refuses it for another OS or CPU', () => {
    dir = tempDir();
    const file = join(dir.path, 'better_sqlite3.node');
    writeFileSync(file, relabel(readFileSync(nodeBuild), Number(process.versions.modules), electronAbi));
    expect(checkNativeFile(file, want)).toBeUndefined();
    expect(checkNativeFile(file, { ...want, platform: 'win32' })).toMatch(/binary, but this package is for win32/);
    expect(checkNativeFile(file, { ...want, arch: process.arch === 'arm64' ? 'x64' : 'arm64' })).toMatch(/is built for/);
  });

  it('says so when the file is missing or not an addon', () => {
    dir = tempDir();
    expect(checkNativeFile(join(dir.path, 'nope.node'), want)).toMatch(/is missing/);
    const text = join(dir.path, 'text.node');
    writeFileSync(text, 'not a binary');
    expect(checkNativeFile(text, want)).toMatch(/not a native addon/);
  });
});

describe('the afterPack hook', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.cleanup());
  const archNumber = { ia32: 0, x64: 1, armv7l: 2, arm64: 3 }[process.arch as 'x64'];

  /** An unpacked app as electron-builder leaves it (Linux and Windows layout). */
  function unpacked(native: Buffer, extra?: Buffer) {
    dir = tempDir();
    const res = join(dir.path, 'resources');
    const target = join(res, 'native', `electron-${electronVersion}-linux-${process.arch}`);
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'better_sqlite3.node'), native);
    if (extra) {
      const stray = join(res, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release');
      mkdirSync(stray, { recursive: true });
      writeFileSync(join(stray, 'better_sqlite3.node'), extra);
    }
    return { appOutDir: dir.path, electronPlatformName: 'linux', arch: archNumber, packager: { config: {}, appInfo: { productFilename: 'Condo Sync' } } };
  }

  it.runIf(process.platform === 'linux')('stops a package carrying the Node-ABI build in resources/native', async () => {
    await expect(checkPackagedSqlite(unpacked(readFileSync(nodeBuild)))).rejects.toThrow(new RegExp(`^Packaging stopped: .*NODE_MODULE_VERSION ${process.versions.modules}`));
  });

  it.runIf(process.platform === 'linux')('stops a package whose right build sits beside a stray Node-ABI copy', async () => {
    const node = readFileSync(nodeBuild);
    const good = relabel(node, Number(process.versions.modules), electronAbi);
    await expect(checkPackagedSqlite(unpacked(good))).resolves.toBeUndefined();
    await expect(checkPackagedSqlite(unpacked(good, node))).rejects.toThrow(/app\.asar\.unpacked.*NODE_MODULE_VERSION/);
  });

  it('stops a package with no Electron build at all', async () => {
    dir = tempDir();
    const context = { appOutDir: dir.path, electronPlatformName: 'linux', arch: 1, packager: { config: {}, appInfo: { productFilename: 'Condo Sync' } } };
    await expect(checkPackagedSqlite(context)).rejects.toThrow(/is missing/);
  });
});

describe('a dmg for x64 and arm64 carries both builds', () => {
  it.runIf(process.platform === 'linux')('checks only its own CPU’s build in resources/native', async () => {
    const dir = tempDir();
    try {
      const res = join(dir.path, 'resources', 'native');
      const good = relabel(readFileSync(nodeBuild), Number(process.versions.modules), electronAbi);
      const other = process.arch === 'x64' ? 'arm64' : 'x64';
      for (const [arch, bytes] of [[process.arch, good], [other, readFileSync(nodeBuild)]] as const) {
        mkdirSync(join(res, `electron-${electronVersion}-linux-${arch}`), { recursive: true });
        writeFileSync(join(res, `electron-${electronVersion}-linux-${arch}`, 'better_sqlite3.node'), bytes);
      }
      const archNumber = { x64: 1, arm64: 3 }[process.arch as 'x64'];
      await expect(checkPackagedSqlite({ appOutDir: dir.path, electronPlatformName: 'linux', arch: archNumber, packager: { config: {}, appInfo: { productFilename: 'Condo Sync' } } })).resolves.toBeUndefined();
    } finally {
      dir.cleanup();
    }
  });
});
