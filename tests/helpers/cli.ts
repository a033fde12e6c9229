/**
 * Shared set-up for tests of the `condo-sync` commands (electron/host/*-command.ts
 * and cli.ts's `main`): an output stream to read back, the console lines a
 * command printed, and a real host on a fresh data dir for a describe block.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { silentLogger } from '../../electron/core/log';
import { startHost, type RunningHost } from '../../electron/host/server';
import { tempDir } from './temp-dir';

export type CapturedStream = NodeJS.WriteStream & { text(): string };

/** A stream a command writes to (its `out` or `err`); `text()` is everything written so far. */
export function capture(): CapturedStream {
  let buf = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      buf += String(chunk);
      cb();
    },
  }) as unknown as CapturedStream;
  stream.text = () => buf;
  return stream;
}

/** The JSON a `--json` command printed on its last line (its shape is the caller's to state). */
export function lastJsonLine<T = Record<string, unknown>>(stream: CapturedStream): T {
  return JSON.parse(stream.text().trim().split('\n').at(-1)!) as T;
}

/**
 * Runs `fn` with console.log or console.error collected instead of printed
 * (cli.ts's `main` reports usage and bad usage there).
 * @returns the lines printed, in order.
 */
export async function consoleLines(channel: 'log' | 'error', fn: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const original = console[channel];
  console[channel] = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  try {
    await fn();
  } finally {
    console[channel] = original;
  }
  return lines;
}

/**
 * A host in sandbox mode on a fresh data dir, started before the describe
 * block's tests and closed (its dir removed) after them. Read `dataDir` and
 * `host` inside tests, not at definition time.
 * @param firstSync wait for the initial sync of the sandbox connection to finish.
 */
export function hostForSuite(token: string, options: { firstSync?: boolean } = {}): { readonly dataDir: string; readonly host: RunningHost } {
  let dir: ReturnType<typeof tempDir> | undefined;
  let host: RunningHost | undefined;
  beforeAll(async () => {
    dir = tempDir();
    host = await startHost({ dataDir: dir.path, token, logger: silentLogger });
    if (options.firstSync) await host.core.runner.idle();
  }, 60_000);
  afterAll(async () => {
    await host?.close();
    dir?.cleanup();
  });
  return {
    get dataDir() {
      if (!dir) throw new Error('hostForSuite: read dataDir inside a test');
      return dir.path;
    },
    get host() {
      if (!host) throw new Error('hostForSuite: read host inside a test');
      return host;
    },
  };
}
