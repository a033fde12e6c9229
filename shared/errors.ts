/**
 * The one error shape every adapter returns: `{ code, message, details }`.
 * Messages are meant for people (no stack traces, ids or personal data);
 * `details` carries what a program needs, such as the invalid field.
 */
export const errorCodes = [
  'invalid_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'unknown_method',
  'not_implemented',
  'conflict',
  'payload_too_large',
  'unavailable',
  'rate_limited',
  'timeout',
  'upstream_error',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const httpStatusFor: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_method: 404,
  not_implemented: 501,
  conflict: 409,
  payload_too_large: 413,
  unavailable: 503,
  rate_limited: 429,
  timeout: 504,
  upstream_error: 502,
  internal: 500,
};

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    (errorCodes as readonly string[]).includes((value as ErrorBody).code) &&
    typeof (value as ErrorBody).message === 'string'
  );
}

/** Turns anything thrown into an ErrorBody without leaking internals. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  if (isErrorBody(err)) return err;
  return { code: 'internal', message: 'Something went wrong inside Condo Sync. Nothing was lost; try again, and if it repeats, export diagnostics for support.' };
}
