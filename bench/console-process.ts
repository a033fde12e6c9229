// Runs bench/console-run.ts in a child process: the console as the desktop
// app ships it (BENCH_CORE=bundled, the default) or through tsx as the
// tests run it (BENCH_CORE=tsx, which adds tsx's loader and transform cache
// to the process: about 25–40 MB of RSS, none of it the engine's).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { ConsoleRunInput, ConsoleRunResult } from './console-run';

const ROOT = resolve(import.meta.dirname, '..');

export type CoreShape = 'bundled' | 'tsx';

export function coreShape(): CoreShape {
  return process.env.BENCH_CORE === 'tsx' ? 'tsx' : 'bundled';
}

let bundled: Promise<string> | undefined;

/**
 * One ESM bundle of the project's own code with every npm package external,
 * the shape electron-vite gives out/main (`externalizeDeps`). It is written
 * under out/ so the packages resolve from the repo's node_modules. Split at
 * dynamic imports as Rollup splits out/main: without it, a module the core
 * loads only on need (cluster/engine-cluster.ts, graphile-worker and pg) is
 * inlined and its packages are imported at start, ~12 MB of RSS the desktop
 * on SQLite never carries.
 */
function bundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = join(ROOT, 'out', 'bench');
    rmSync(dir, { recursive: true, force: true }); // chunks of an earlier build
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, 'console-run.mjs');
    await build({
      stdin: {
        contents: "import { main } from './bench/console-run.ts';\nprocess.exitCode = await main(process.argv.slice(2));\n",
        resolveDir: ROOT,
        loader: 'ts',
        sourcefile: 'console-entry.ts',
      },
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      alias: { '@shared': join(ROOT, 'shared') },
      outdir: dir,
      entryNames: 'console-run',
      outExtension: { '.js': '.mjs' },
      logLevel: 'warning',
    });
    return outfile;
  })();
  return bundled;
}

/** Runs one full sync in a console process of its own and answers what it measured. */
export async function runConsole(input: Omit<ConsoleRunInput, 'migrationsDir'>): Promise<ConsoleRunResult & { shape: CoreShape }> {
  return (await runEngines([input]))[0]!;
}

/**
 * Runs one console process per input at once (engines of one office on one
 * PostgreSQL: each prints READY, and only when all have does each get GO, so
 * the lead queues the work with every engine up) and answers each one's figures.
 * @param onGo called once every engine is ready, just before GO (the harness starts its own sampling then)
 */
export async function runEngines(inputs: Omit<ConsoleRunInput, 'migrationsDir'>[], onGo?: () => void): Promise<(ConsoleRunResult & { shape: CoreShape })[]> {
  const shape = coreShape();
  // For profiling only (e.g. `--heap-prof --heap-prof-dir=/tmp/p`); the figures are measured without flags.
  const nodeArgs = (process.env.BENCH_CONSOLE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const entry = shape === 'bundled' ? [await bundle()] : [join(ROOT, 'bin', 'run-ts.mjs'), join(ROOT, 'bench', 'console-run.ts')];
  const start = (input: Omit<ConsoleRunInput, 'migrationsDir'>) => {
    const full: ConsoleRunInput = { ...input, migrationsDir: join(ROOT, 'electron', 'core', 'db', 'migrations') };
    const child = spawn(process.execPath, [...nodeArgs, ...entry, JSON.stringify(full)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    let onReady: (() => void) | undefined;
    const ready = new Promise<void>((r) => (onReady = r));
    child.stdout!.on('data', (d) => {
      out += String(d);
      // What profiling flags print (e.g. --trace-gc) is shown, not kept only for RESULT.
      if (nodeArgs.length) process.stderr.write(d);
      if (/^READY$/m.test(out)) onReady?.();
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    return { child, ready, exited, out: () => out };
  };
  // The lead first, the others once it is ready: this measures the sync, not engines creating a new
  // database's schema together (tests/cluster/engines-shared-queue.test.ts starts them at once).
  const runs = [start(inputs[0]!)];
  if (inputs.length > 1) {
    await Promise.race([runs[0]!.ready, runs[0]!.exited]);
    runs.push(...inputs.slice(1).map(start));
  }
  // SQLite consoles start at once (no READY); PostgreSQL engines wait for every one to be up.
  if (inputs.some((i) => i.databaseUrl)) {
    try {
      await Promise.race([Promise.all(runs.map((r) => r.ready)), ...runs.map((r) => r.exited.then(() => Promise.reject(new Error(`an engine ended before it was ready: ${r.out().slice(-2000)}`))))]);
    } catch (err) {
      // The others would wait for GO for ever.
      for (const r of runs) r.child.kill('SIGKILL');
      await Promise.all(runs.map((r) => r.exited));
      throw err;
    }
    onGo?.();
    for (const r of runs) r.child.stdin!.write('GO\n');
  } else onGo?.();
  return Promise.all(
    runs.map(async (r) => {
      const code = await r.exited;
      const line = r.out()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) throw new Error(`the console process ended with ${code}: ${r.out().slice(-2000)}`);
      return { ...(JSON.parse(line.slice('RESULT '.length)) as ConsoleRunResult), shape };
    }),
  );
}
