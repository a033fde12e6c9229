// Which runtime a native addon (.node) was built for, read from the file
// itself: its ABI (NODE_MODULE_VERSION), from the symbol every non-N-API
// addon exports as `node_register_module_v<ABI>`, and its OS and CPU from the
// executable header (ELF, PE or Mach-O). Loading the file to ask would crash
// or refuse, which is the very thing this check exists to catch.
import { readFileSync } from 'node:fs';

const SYMBOL = /node_register_module_v(\d+)/;

/** NODE_MODULE_VERSION the addon was compiled against, or undefined when it names none (N-API or not an addon). */
export function abiOf(bytes) {
  // latin1 keeps one character per byte, so the ASCII symbol is found as is.
  const m = SYMBOL.exec(Buffer.from(bytes).toString('latin1'));
  return m ? Number(m[1]) : undefined;
}

const ELF_MACHINES = { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'armv7l' };
const PE_MACHINES = { 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32' };
const MACHO_CPUS = { 0x01000007: 'x64', 0x0100000c: 'arm64' };

/**
 * The OS family ('linux' | 'win32' | 'darwin') and CPU ('x64', 'arm64', …,
 * 'universal' for a fat Mach-O) of an executable's bytes; undefined parts
 * when the header is not one of the three.
 */
export function binaryTarget(bytes) {
  const b = Buffer.from(bytes);
  if (b.length >= 20 && b.readUInt32BE(0) === 0x7f454c46) {
    const little = b[5] === 1;
    const machine = little ? b.readUInt16LE(18) : b.readUInt16BE(18);
    return { platform: 'linux', arch: ELF_MACHINES[machine] ?? `elf-${machine}` };
  }
  if (b.length >= 64 && b[0] === 0x4d && b[1] === 0x5a) {
    const pe = b.readUInt32LE(0x3c);
    if (pe + 6 <= b.length && b.readUInt32BE(pe) === 0x50450000) {
      const machine = b.readUInt16LE(pe + 4);
      return { platform: 'win32', arch: PE_MACHINES[machine] ?? `pe-${machine.toString(16)}` };
    }
  }
  if (b.length >= 8) {
    const magic = b.readUInt32BE(0);
    if (magic === 0xcafebabe) return { platform: 'darwin', arch: 'universal' };
    if (magic === 0xcffaedfe) {
      const cpu = b.readUInt32LE(4);
      return { platform: 'darwin', arch: MACHO_CPUS[cpu] ?? `macho-${cpu.toString(16)}` };
    }
  }
  return { platform: undefined, arch: undefined };
}

/** A Node ABI number in words, for the message: "115 (Node 20)". */
export function describeAbi(abi) {
  const known = { 108: 'Node 18', 115: 'Node 20', 127: 'Node 22', 137: 'Node 24' };
  return known[abi] ? `${abi} (${known[abi]})` : String(abi);
}

/**
 * Checks one packaged addon against what the app needs. Returns undefined
 * when it fits, else one sentence saying what is wrong and what to do.
 *
 * @param {string} file path of the .node file
 * @param {{ abi: number, runtime: string, platform: string, arch: string }} want
 *   ABI of the runtime (Electron's), its name for the message ("Electron 41.7.1"),
 *   and the package's OS and CPU.
 */
export function checkNativeFile(file, want) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return `${file} is missing: the package would load no better-sqlite3 built for ${want.runtime}. Build it with \`npm start\` (scripts/electron-native.mjs) on a machine with internet, then package again.`;
  }
  const abi = abiOf(bytes);
  const target = binaryTarget(bytes);
  if (!target.platform) return `${file} is not a native addon for Windows, macOS or Linux.`;
  if (abi === undefined) return `${file} names no NODE_MODULE_VERSION, so nothing says it runs in ${want.runtime}.`;
  if (abi !== want.abi) {
    return `${file} was built for NODE_MODULE_VERSION ${describeAbi(abi)}, but ${want.runtime} needs ${want.abi}. It would fail to load on every computer. Build it for Electron with \`npm start\` (scripts/electron-native.mjs), or @electron/rebuild, then package again.`;
  }
  if (target.platform !== want.platform) return `${file} is a ${target.platform} binary, but this package is for ${want.platform}. Build it on (or for) ${want.platform}.`;
  if (target.arch !== want.arch && target.arch !== 'universal') return `${file} is built for ${target.arch}, but this package is for ${want.arch}. Build it for ${want.arch}.`;
  return undefined;
}
