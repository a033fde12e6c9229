#!/usr/bin/env node
/**
 * Electron lockdown check for CI: runs @doyensec/electronegativity over
 * electron/ and fails when it finds anything of HIGH severity or above, or a
 * lower finding whose check is not explained in SECURITY.md ("Accepted
 * electronegativity findings"). Prints every finding either way.
 *
 * Exit codes: 0 clean, 1 a finding that is not accepted, 2 the scan itself failed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const ELECTRON_VERSION = require('electron/package.json').version;
const FAILING = new Set(['HIGH', 'CRITICAL']);

/** Check ids SECURITY.md explains, from its "Accepted electronegativity findings" section. */
export function acceptedChecks(markdown) {
  const start = markdown.indexOf('## Accepted electronegativity findings');
  if (start === -1) return new Set();
  const rest = markdown.slice(start + 3);
  const section = rest.slice(0, rest.search(/\n## /) === -1 ? undefined : rest.search(/\n## /));
  return new Set([...section.matchAll(/`([A-Z_]+_(?:JS|HTML|JSON|GLOBAL)_CHECK)`/g)].map((m) => m[1]));
}

/** Splits findings into those that fail the build and those accepted. */
export function judge(issues, accepted) {
  const failing = [];
  const ok = [];
  for (const issue of issues) {
    const severity = issue.severity.name;
    if (FAILING.has(severity) || !accepted.has(issue.id)) failing.push(issue);
    else ok.push(issue);
  }
  return { failing, ok };
}

async function main() {
  const run = require('@doyensec/electronegativity/dist/runner.js');
  let result;
  try {
    result = await run({
      input: join(ROOT, 'electron'),
      isRelative: true,
      electronVersionOverride: ELECTRON_VERSION,
      parserPlugins: [],
      isVerbose: false,
    });
  } catch (err) {
    console.error(`electronegativity could not scan electron/: ${err.message}`);
    return 2;
  }
  if (result.errors.length) {
    console.error(`electronegativity could not parse ${result.errors.length} file(s): ${result.errors.map((e) => e.file).join(', ')}`);
    return 2;
  }
  const accepted = acceptedChecks(readFileSync(join(ROOT, 'SECURITY.md'), 'utf8'));
  const { failing, ok } = judge(result.issues, accepted);
  const line = (i) => `  ${i.severity.name.padEnd(8)} ${i.confidence.name.padEnd(9)} ${i.id.padEnd(40)} ${i.file}:${i.location.line}`;
  console.log(`electronegativity ${ELECTRON_VERSION}: ${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} finding(s)`);
  if (ok.length) console.log(`Accepted (explained in SECURITY.md):\n${ok.map(line).join('\n')}`);
  if (failing.length) {
    console.error(`Not accepted: HIGH or above, or not explained in SECURITY.md:\n${failing.map(line).join('\n')}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // Its translation and release look-ups print noise when offline; the verdict above is what counts.
  process.exitCode = await main();
}
