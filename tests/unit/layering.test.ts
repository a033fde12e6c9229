import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const PLAIN_NODE = ['electron/core', 'electron/host', 'electron/sandbox', 'shared', 'renderer/src'];
const IMPORTS_ELECTRON = /(?:from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/;

function sources(dir: string): string[] {
  const abs = join(ROOT, dir);
  let out: string[] = [];
  for (const name of readdirSync(abs)) {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) out = out.concat(sources(relative(ROOT, path)));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

describe('layering', () => {
  it('core, host, sandbox, shared and renderer never import electron', () => {
    const offenders = PLAIN_NODE.flatMap(sources).filter((file) => IMPORTS_ELECTRON.test(readFileSync(file, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('the lint rule catches an electron import in core', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const [result] = await eslint.lintText("import { app } from 'electron';\nexport const x = app;\n", {
      filePath: join(ROOT, 'electron/core/example.ts'),
    });
    expect(result!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    const [main] = await eslint.lintText("import { app } from 'electron';\nexport const x = app;\n", {
      filePath: join(ROOT, 'electron/main/example.ts'),
    });
    expect(main!.messages.map((m) => m.ruleId)).not.toContain('no-restricted-imports');
  });

  it('the core loads under plain Node', async () => {
    const mod = await import('../../electron/core/core');
    expect(typeof mod.createCore).toBe('function');
  });
});
