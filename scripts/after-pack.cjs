// electron-builder's afterPack hook (electron-builder.yml): refuses a package
// whose better-sqlite3 was not built for this Electron, before any installer
// is made from it. electron-builder's own rebuild can label a Node-ABI build
// as Electron's (TOOLCHAIN.md), so the file itself is read, not its folder name.
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

// electron-builder's Arch enum, by number.
const ARCH = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

function resourcesDir(context) {
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') {
    return join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources');
  }
  return join(context.appOutDir, 'resources');
}

function findAddons(dir, name, out = []) {
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findAddons(path, name, out);
    else if (entry === name) out.push(path);
  }
  return out;
}

/**
 * Throws when resources/native/electron-<version>-<platform>-<arch>/better_sqlite3.node
 * is missing or built for another ABI, OS or CPU, or when a copy of
 * better_sqlite3.node outside resources/native is.
 */
async function checkPackagedSqlite(context, electronPkg = require('electron/package.json'), abiVersion) {
  const { checkNativeFile } = await import('./native-abi.mjs');
  const version = context.packager.config.electronVersion ?? electronPkg.version;
  const abi = Number(abiVersion ?? readFileSync(require.resolve('electron/abi_version'), 'utf8').trim());
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH[context.arch] ?? String(context.arch);
  const want = { abi, runtime: `Electron ${version}`, platform, arch };
  const resources = resourcesDir(context);
  const native = join(resources, 'native');
  const expected = join(native, `electron-${version}-${platform}-${arch}`, 'better_sqlite3.node');
  // The app loads only its own platform's build from native/ (a dmg for x64 and arm64 carries both);
  // any copy elsewhere (app.asar.unpacked) could be loaded by better-sqlite3's own lookup, so it must fit too.
  const files = [expected, ...findAddons(resources, 'better_sqlite3.node').filter((f) => !f.startsWith(native))];
  const problems = files.map((f) => checkNativeFile(f, want)).filter(Boolean);
  if (problems.length) throw new Error(`Packaging stopped: ${problems.join(' ')}`);
}

exports.checkPackagedSqlite = checkPackagedSqlite;
exports.default = (context) => checkPackagedSqlite(context);
