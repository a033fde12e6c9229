/**
 * What the sandboxes log through. The console's logger (electron/core/log.ts)
 * fits it as it is; the sandboxes declare their own shape so they depend on
 * shared/ only and can run beside any engine (eslint.config.js, boundaries).
 */
export interface SandboxLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger adding `bindings` to every line (e.g. `{ component: 'sandbox:condo-control' }`). */
  child?(bindings: Record<string, unknown>): SandboxLogger;
}
