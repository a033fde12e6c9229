import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
const PHONE = /(?:\+?\d[\s().-]?){7,}\d/g;
/** Field names whose values are personal data or secrets and never logged. */
const PRIVATE_KEYS = /^(first_?name|last_?name|name|email|phones?|number|password|client_?secret|secret|token|access_?token|authorization|mailing_?address)$/i;

/**
 * Residents' names, emails and phones are personal data: logs carry ids only.
 * Emails and phone-like numbers in free text are masked as a second line of
 * defence, and fields with private names are dropped whatever their content.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = PRIVATE_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export function createLogger(opts: { dir?: string; console?: boolean; level?: LogLevel } = {}): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const min = order.indexOf(opts.level ?? 'info');
  let file: string | undefined;
  if (opts.dir) {
    mkdirSync(opts.dir, { recursive: true });
    file = join(opts.dir, 'condo-sync.log');
  }
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (order.indexOf(level) < min) return;
    const line = JSON.stringify({ at: new Date().toISOString(), level, msg: redact(msg), ...(fields ? (redact(fields) as object) : {}) });
    if (file) {
      try {
        appendFileSync(file, line + '\n');
      } catch {
        // Logging must never break the product.
      }
    }
    if (opts.console) (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
