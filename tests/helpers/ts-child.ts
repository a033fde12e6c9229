import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * A Node process of its own, for tests that kill it with SIGKILL: a
 * TypeScript module (spawnTs) or a script such as bin/condo-sync.mjs or a
 * bundle (spawnNode). Its stdout is collected line by line.
 */
export interface TsChild {
  process: ChildProcess;
  lines: string[];
  /** Resolves with the first line (already printed or to come) matching `re`; rejects after ms or if the process exits first. */
  waitFor(re: RegExp, ms: number): Promise<string>;
  /** SIGKILL, and resolves once the process is gone. */
  kill9(): Promise<void>;
}

/**
 * Runs a TypeScript module through bin/run-ts.mjs (tsx with the tsconfig
 * paths): its `main(args)` runs. `entry` is relative to the checkout.
 */
export function spawnTs(entry: string, args: string[] = [], env: Record<string, string> = {}): TsChild {
  return spawnNode(join(ROOT, 'bin', 'run-ts.mjs'), [entry, ...args], { env });
}

/**
 * Runs a Node script (plain JavaScript) in the checkout, with this process's
 * environment plus `env`. Its stderr is shown with the test's output unless
 * `stderr` is 'ignore' (a server whose log lines would only be noise).
 */
export function spawnNode(script: string, args: string[] = [], options: { env?: Record<string, string>; stderr?: 'inherit' | 'ignore' } = {}): TsChild {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', options.stderr ?? 'inherit'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    lines.push(...parts);
    for (const w of waiters) w();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    lines,
    waitFor(re, ms) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = lines.find((l) => re.test(l));
          if (hit === undefined) return false;
          done();
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`child printed no line matching ${re} within ${ms} ms`));
        }, ms);
        const onExit = () => {
          if (check()) return;
          done();
          reject(new Error(`child exited before printing a line matching ${re}`));
        };
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('exit', onExit);
        };
        waiters.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
