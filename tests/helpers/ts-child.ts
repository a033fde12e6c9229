import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * A TypeScript module run as its own Node process (bin/run-ts.mjs: tsx with
 * the tsconfig paths), for tests that kill a process with SIGKILL. The
 * module's `main(args)` runs; its stdout is collected line by line.
 */
export interface TsChild {
  process: ChildProcess;
  lines: string[];
  /** Resolves with the first line (already printed or to come) matching `re`; rejects after ms or if the process exits first. */
  waitFor(re: RegExp, ms: number): Promise<string>;
  /** SIGKILL, and resolves once the process is gone. */
  kill9(): Promise<void>;
}

export function spawnTs(entry: string, args: string[] = [], env: Record<string, string> = {}): TsChild {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'run-ts.mjs'), entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
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
