import type { Logger } from '../../electron/core/log';

/** A logger that keeps every line as JSON text, for tests that read what was logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ level, msg, ...fields }));
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
