// Which folder may import which: the layers of docs/ARCHITECTURE.md, enforced
// by eslint-plugin-boundaries, and no import cycle inside electron/ (import-x).
// tests/lint/layers.test.ts lints small fixtures that break each rule.
import boundaries from 'eslint-plugin-boundaries';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const TSCONFIG = new URL('./tsconfig.json', import.meta.url).pathname;
const RESOLVER = { 'import/resolver': { [new URL('./scripts/eslint-resolver.cjs', import.meta.url).pathname]: {} } };

/** Element types, first match wins (so core/jobs and core/sync before core). */
export const LAYER_ELEMENTS = [
  { type: 'shared', pattern: 'shared' },
  // The catalogue is data (strings); the desktop's notifications and tray read it too.
  { type: 'i18n', pattern: 'renderer/src/i18n' },
  { type: 'renderer', pattern: 'renderer' },
  { type: 'preload', pattern: 'electron/preload' },
  { type: 'main', pattern: 'electron/main' },
  { type: 'host', pattern: 'electron/host' },
  { type: 'runtime', pattern: 'electron/runtime' },
  { type: 'sandbox', pattern: 'electron/sandbox' },
  { type: 'core-jobs', pattern: 'electron/core/jobs' },
  { type: 'core-sync', pattern: 'electron/core/sync' },
  { type: 'core-cluster', pattern: 'electron/core/cluster' },
  { type: 'core', pattern: 'electron/core' },
];

const CORE = ['core', 'core-jobs', 'core-sync', 'core-cluster'];
const to = (...types) => ({ to: { element: { type: types.flat() } } });
/** The sandboxes are loaded only in sandbox mode (`await import`), so a live engine never carries them. */
const sandboxLazily = { to: { element: { type: 'sandbox' } }, dependency: { nodeKind: 'dynamic-import' } };

/** Allowed imports per layer; anything else between layers is an error. */
export const LAYER_POLICIES = [
  { from: { element: { type: 'shared' } }, allow: to('shared') },
  { from: { element: { type: ['renderer', 'i18n'] } }, allow: to('shared', 'renderer', 'i18n') },
  { from: { element: { type: 'preload' } }, allow: to('shared') },
  // jobs/ never imports sync/: the sync handlers import jobs/ (JobHandler), not the reverse.
  { from: { element: { type: 'core-jobs' } }, allow: to('shared', 'core', 'core-jobs') },
  // cluster/ (engines sharing PostgreSQL) runs jobs through jobs/'s registry, never sync/'s handlers directly;
  // jobs/ never imports cluster/: core.ts hands the runner its queue, so the runner stays the same on both databases.
  { from: { element: { type: 'core-cluster' } }, allow: to('shared', 'core', 'core-jobs', 'core-cluster') },
  { from: { element: { type: ['core', 'core-sync'] } }, allow: to('shared', CORE) },
  { from: { element: { type: 'sandbox' } }, allow: to('shared') },
  { from: { element: { type: 'runtime' } }, allow: to('shared', CORE, 'runtime') },
  { from: { element: { type: 'runtime' } }, allow: sandboxLazily },
  { from: { element: { type: 'host' } }, allow: to('shared', CORE, 'runtime', 'host') },
  { from: { element: { type: 'host' } }, allow: sandboxLazily },
  { from: { element: { type: 'main' } }, allow: to('shared', CORE, 'runtime', 'main', 'i18n') },
];

/** Flat-config entries: boundaries on the app's folders; no-cycle on electron/ only, to keep lint time sane. */
export const layers = [
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts'],
    plugins: { boundaries },
    settings: { ...RESOLVER, 'boundaries/elements': LAYER_ELEMENTS },
    rules: { 'boundaries/dependencies': ['error', { default: 'disallow', policies: LAYER_POLICIES }] },
  },
  {
    files: ['electron/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x skips .ts dependencies and sees no cycle at all.
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // unrs-resolver reads tsconfig.json's paths (@shared/*) itself.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'], tsconfig: { configFile: TSCONFIG } })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
];
