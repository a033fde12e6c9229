import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript config module, no declarations
import { layers } from '../../eslint.layers.js';

// A small tree shaped like the app (shared/, renderer/, electron/*), whose
// files each break one rule of eslint.layers.js or keep to it. Linted with
// ESLint's Node API and the real layer rules, so a rule that stops biting
// (a renamed folder, a plugin upgrade) fails here.
const ROOT = resolve(import.meta.dirname, 'fixtures', 'layers');

const broken: [file: string, why: string][] = [
  ['shared/imports-renderer.ts', 'shared imports nothing from renderer/'],
  ['shared/imports-core.ts', 'shared imports nothing from electron/'],
  ['renderer/imports-core.ts', 'the renderer imports shared/ only'],
  ['electron/preload/imports-main.ts', 'the preload imports shared/ only'],
  ['electron/main/imports-host.ts', 'main never imports host'],
  ['electron/main/imports-sandbox.ts', 'main reaches the sandboxes through runtime/boot only'],
  ['electron/host/imports-sandbox-eagerly.ts', 'the sandboxes are loaded lazily (sandbox mode only)'],
  ['electron/runtime/imports-host.ts', 'runtime serves main and host, never imports them'],
  ['electron/sandbox/imports-core.ts', 'the sandboxes import shared/ only'],
  ['electron/core/imports-sandbox.ts', 'core never imports the sandboxes, not even lazily'],
  ['electron/core/imports-runtime.ts', 'core imports nothing above it'],
  ['electron/core/jobs/imports-sync.ts', 'jobs/ never imports sync/'],
  ['electron/core/jobs/imports-cluster.ts', 'jobs/ never imports cluster/ (core.ts wires the shared queue in)'],
  ['electron/core/cluster/imports-sync.ts', 'cluster/ runs jobs through the registry, never sync/ directly'],
];

const kept = [
  'shared/contract.ts',
  'renderer/view.ts',
  'electron/preload/bridge.ts',
  'electron/main/app.ts',
  'electron/host/serve.ts',
  'electron/runtime/boot.ts',
  'electron/sandbox/emulator.ts',
  'electron/core/clock.ts',
  'electron/core/jobs/kind.ts',
  'electron/core/cluster/queue.ts',
  'electron/core/sync/handler.ts',
];

const messages = new Map<string, ESLint.LintResult['messages']>();

beforeAll(async () => {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layers],
  });
  for (const r of await eslint.lintFiles(['.'])) messages.set(r.filePath.slice(ROOT.length + 1), r.messages);
}, 60_000);

describe('folder rules (eslint.layers.js)', () => {
  it.each(broken)('%s is an error: %s', (file) => {
    const found = messages.get(file) ?? [];
    expect(found.map((m) => [m.ruleId, m.line])).toEqual([['boundaries/dependencies', 1]]);
  });

  it.each(kept)('%s keeps to its layer', (file) => {
    expect(messages.get(file)).toEqual([]);
  });

  it('an import cycle inside electron/ is an error on both sides', () => {
    for (const file of ['electron/core/cycle-a.ts', 'electron/core/cycle-b.ts']) {
      expect((messages.get(file) ?? []).map((m) => m.ruleId)).toEqual(['import-x/no-cycle']);
    }
  });
});
