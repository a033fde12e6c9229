import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { join, resolve } from 'node:path';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const alias = { '@shared': resolve(import.meta.dirname, 'shared') };

/** Migrations are plain .sql files read at run time; ship them beside the bundled main. */
function copyMigrations() {
  return {
    name: 'condo-sync-copy-migrations',
    closeBundle() {
      cpSync(resolve(import.meta.dirname, 'electron/core/db/migrations'), resolve(import.meta.dirname, 'out/main/migrations'), {
        recursive: true,
      });
    },
  };
}

/**
 * The headless host (bin/condo-sync.mjs: serve, sandbox, sync, keys…) as one
 * ESM bundle in out/host/cli.mjs, shaped like out/main (the project's code
 * bundled, every npm package external and loaded from node_modules), so the
 * CLI runs without tsx's loader and transform cache in its process. Its
 * migrations sit beside it, as out/main's do (core.ts defaultMigrationsDir).
 */
function buildHost() {
  return {
    name: 'condo-sync-build-host',
    async closeBundle() {
      const root = import.meta.dirname;
      // An earlier build's chunks (their names carry a hash).
      const out = resolve(root, 'out/host');
      if (existsSync(out)) for (const f of readdirSync(out)) if (f.endsWith('.mjs')) rmSync(join(out, f));
      await build({
        entryPoints: { cli: resolve(root, 'electron/host/cli.ts') },
        bundle: true,
        // Split at dynamic imports as Rollup splits out/main: inlined, the
        // cluster (graphile-worker, pg) would load in every serve, ~12 MB of
        // RSS an engine on SQLite never needs. Chunks sit beside cli.mjs, so
        // import.meta.url still names out/host (core.ts finds its migrations).
        splitting: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        alias: alias,
        outdir: resolve(root, 'out/host'),
        outExtension: { '.js': '.mjs' },
        logLevel: 'warning',
      });
      cpSync(resolve(root, 'electron/core/db/migrations'), resolve(root, 'out/host/migrations'), { recursive: true });
    },
  };
}

export default defineConfig({
  main: {
    resolve: { alias },
    plugins: [copyMigrations(), buildHost()],
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    resolve: { alias },
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // Minified, and split: each page is its own chunk (React.lazy in app.tsx), vendors apart.
      minify: true,
      rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
