import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import pinoRoll, { type RollStream } from 'pino-roll';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * What the rest of the code logs through: a message and a flat object of
 * ids, counts and codes. Personal data is redacted here whatever is passed,
 * but callers still log ids, never names, emails or phones.
 */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger adding `bindings` to every line (e.g. `{ component: 'sandbox:condo-control' }`). */
  child?(bindings: Record<string, unknown>): Logger;
  /** Resolves once every line logged so far is in the file. */
  flush?(): Promise<void>;
}

export interface FileLogger extends Logger {
  child(bindings: Record<string, unknown>): Logger;
  flush(): Promise<void>;
  /** Flushes and closes the file; later lines are dropped. */
  close(): Promise<void>;
}

export interface LoggerOptions {
  /** Folder of the rolled files `condo-sync.N.log` (created 0700, files 0600). */
  dir?: string;
  /** Also write warnings and errors to stderr, the rest to stdout. */
  console?: boolean;
  level?: LogLevel;
  /** Size at which a file rolls over, in bytes (default 10 MiB). */
  maxFileBytes?: number;
  /** Rolled files kept besides the current one (default 4: at most 5 files). */
  keepFiles?: number;
}

export const LOG_FILE_BASE = 'condo-sync';

// Unicode-aware: accented local parts and domains are emails too (zoé.o’brien@exemple.québec).
const EMAIL = /[\p{L}\p{M}\p{N}._%+'’-]+@[\p{L}\p{M}\p{N}.-]+\.[\p{L}\p{M}]{2,}/giu;
// North American numbers (416-555-0142, (514) 555 0199, +1 416.555.0142) and
// international ones written with a +; not dates (2026-11-30), times or long ids.
const PHONE = /(?<![\p{N}+-])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?![\p{N}-])|\+\d{1,3}[\s.-]?(?:\(?\d{1,4}\)?[\s.-]?){2,5}\d{2,4}(?!\p{N})/gu;
/** Field names whose values are personal data or secrets and never logged. */
const PRIVATE_KEYS = /^(first_?name|last_?name|full_?name|display_?name|name|names|email|emails|phones?|number|password|client_?secret|secret|token|access_?token|refresh_?token|authorization|cookie|mailing_?address|address|q|search)$/i;

/**
 * The same keys as pino `redact` paths, at every depth a log line uses (the
 * formatter below covers deeper ones): pino masks them before serialising.
 */
const REDACT_KEYS = [
  'firstName', 'lastName', 'first_name', 'last_name', 'fullName', 'displayName', 'name', 'names',
  'email', 'emails', 'phone', 'phones', 'number', 'mailingAddress', 'address', 'q', 'search',
  'password', 'clientSecret', 'client_secret', 'secret', 'token', 'accessToken', 'access_token', 'refreshToken', 'authorization', 'cookie',
];
export const REDACT_PATHS = REDACT_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

/**
 * Residents' names, emails and phones are personal data: logs carry ids only.
 * Emails and phone-like numbers in free text are masked as a second line of
 * defence, and fields with private names are dropped whatever their content.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.normalize('NFC').replace(EMAIL, '[email]').replace(PHONE, '[phone]');
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = PRIVATE_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

function quietly(work: () => void): void {
  try {
    work();
  } catch {
    // Logging must never break the product.
  }
}

/**
 * The file side: pino-roll opens asynchronously, so lines logged before it is
 * ready wait in memory (start-up only), then go out in order.
 */
function rollingFile(dir: string, maxFileBytes: number, keepFiles: number) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  let pending: string[] | undefined = [];
  let stream: RollStream | undefined;
  let closed = false;
  const ready = pinoRoll({
    file: join(dir, LOG_FILE_BASE),
    extension: '.log',
    size: `${Math.max(1, Math.round(maxFileBytes / 1024))}k`,
    limit: { count: keepFiles },
    mode: 0o600,
    // Synchronous writes: a crash or kill -9 loses no line already logged.
    sync: true,
  })
    .then((s) => {
      s.on('error', () => {}); // Logging must never break the product.
      stream = s;
      for (const line of pending ?? []) s.write(line);
      pending = undefined;
    })
    .catch(() => {
      pending = undefined;
    });
  return {
    write(line: string) {
      if (closed) return;
      if (stream) stream.write(line);
      else pending?.push(line);
    },
    async flush() {
      await ready;
      if (!closed) quietly(() => stream?.flushSync());
    },
    async close() {
      if (closed) return;
      closed = true;
      await ready;
      quietly(() => stream?.flushSync());
      quietly(() => stream?.end());
    },
  };
}

function wrap(p: pino.Logger): Logger & { child(b: Record<string, unknown>): Logger } {
  const at =
    (level: LogLevel) =>
    (msg: string, fields?: Record<string, unknown>): void => {
      try {
        p[level](fields ?? {}, redact(msg) as string);
      } catch {
        // Logging must never break the product.
      }
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (bindings) => wrap(p.child(redact(bindings) as Record<string, unknown>)),
  };
}

/**
 * Structured JSON lines through pino, one object per line:
 * `{ level, time (ISO), msg, ...fields }`, with personal data and secrets
 * redacted (pino `redact` paths, then masking of emails and phones in any
 * string). Files roll at `maxFileBytes` and at most `keepFiles + 1` are kept.
 */
export function createLogger(opts: LoggerOptions = {}): FileLogger {
  const file = opts.dir ? rollingFile(opts.dir, opts.maxFileBytes ?? 10 * 1024 * 1024, opts.keepFiles ?? 4) : undefined;
  const streams: pino.StreamEntry[] = [];
  if (file) streams.push({ level: 'debug', stream: { write: (line: string) => file.write(line) } });
  if (opts.console) {
    streams.push({ level: 'debug', stream: { write: (line: string) => void (/"level":"(warn|error)"/.test(line) ? process.stderr : process.stdout).write(line) } });
  }
  const p = pino(
    {
      level: opts.level ?? (process.env.CONDO_SYNC_LOG_LEVEL as LogLevel | undefined) ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: {
        level: (label) => ({ level: label }),
        // Deeper keys and free text: the second line of defence.
        log: (obj) => redact(obj) as Record<string, unknown>,
      },
    },
    pino.multistream(streams.length ? streams : [{ level: 'error', stream: { write: () => {} } }]),
  );
  const logger = wrap(p);
  return {
    ...logger,
    flush: async () => file?.flush(),
    close: async () => file?.close(),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
