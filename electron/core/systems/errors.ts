import { AppError, type ErrorCode } from '@shared/errors';

/** Which remote system an error came from; used in messages instead of data. */
export type SystemName = 'Condo Manager' | 'Condo Control';

export interface SystemErrorDetails {
  system: SystemName;
  method: string;
  /** Path with ids, never the query string (it may carry an email). */
  route: string;
  status?: number;
  /** The system's own `errorCode`, when its error body had one. */
  errorCode?: string;
  /** The system's `userMessage`, with emails and phones masked. */
  userMessage?: string;
  /** The system's `errors[]`, values masked the same way. */
  errors?: { key: string; value: string }[];
  attempts?: number;
}

/**
 * Every failure of a call to Condo Manager or Condo Control. It is an AppError,
 * so adapters can show it as is; `details` says which call and status failed.
 */
export class SystemError extends AppError {
  declare readonly details: SystemErrorDetails;

  constructor(code: ErrorCode, message: string, details: SystemErrorDetails) {
    super(code, message, details);
    this.name = 'SystemError';
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

/** 410 on the change feed: the consumer must fall back to a full read. */
export class CursorExpiredError extends SystemError {
  constructor(details: SystemErrorDetails) {
    super('conflict', `${details.system} change-feed cursor expired; a full read is needed`, details);
    this.name = 'CursorExpiredError';
  }
}

/** 409 from a write, e.g. a login email another Condo Control user holds. */
export class ConflictError extends SystemError {
  constructor(message: string, details: SystemErrorDetails) {
    super('conflict', message, details);
    this.name = 'ConflictError';
  }

  /** The user holding the email, when the system names it (`errors[{ key: 'existingUserId' }]`). */
  get existingUserId(): string | undefined {
    return this.details.errors?.find((e) => e.key === 'existingUserId')?.value || undefined;
  }
}

/** 422: the system refused some fields; `fields` lists their keys. */
export class ValidationError extends SystemError {
  readonly fields: string[];

  constructor(message: string, details: SystemErrorDetails) {
    super('invalid_input', message, details);
    this.name = 'ValidationError';
    this.fields = (details.errors ?? []).map((e) => e.key);
  }
}

/**
 * The caller's AbortSignal fired. Deliberately not an AppError: an abort is the
 * caller's own decision (cancel, shutdown), not a fault of the remote system,
 * so the engine must be able to tell it apart from 'unavailable' or 'timeout'.
 */
export class AbortedError extends Error {
  readonly code = 'aborted' as const;

  constructor(message = 'The request was cancelled') {
    super(message);
    this.name = 'AbortedError';
  }
}

/** Name-based as well as instanceof, so copies of this module still match. */
export function isAbortedError(err: unknown): err is AbortedError {
  return err instanceof AbortedError || (err instanceof Error && err.name === 'AbortedError');
}

export function isCursorExpired(err: unknown): err is CursorExpiredError {
  return err instanceof CursorExpiredError || (err instanceof Error && err.name === 'CursorExpiredError');
}

export function isConflict(err: unknown): err is ConflictError {
  return err instanceof ConflictError || (err instanceof Error && err.name === 'ConflictError');
}

export function isValidationError(err: unknown): err is ValidationError {
  return err instanceof ValidationError || (err instanceof Error && err.name === 'ValidationError');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError();
}
