import type { ErrorCode } from '@shared/errors';
import { ConflictError, SystemError, ValidationError, type SystemErrorDetails, type SystemName } from './errors';
import { maskText } from './redact';

/** Statuses worth another attempt: the call may succeed unchanged later. */
export const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'timeout',
  409: 'conflict',
  410: 'conflict',
  422: 'invalid_input',
  429: 'rate_limited',
  503: 'unavailable',
  504: 'timeout',
};

/** Reads the systems' `{ userMessage, errorCode, errors: [{ key, value }] }`, masked. */
function readErrorBody(body: unknown): Pick<SystemErrorDetails, 'userMessage' | 'errorCode' | 'errors'> {
  if (typeof body !== 'object' || body === null) return {};
  const b = body as Record<string, unknown>;
  const out: Pick<SystemErrorDetails, 'userMessage' | 'errorCode' | 'errors'> = {};
  if (typeof b.userMessage === 'string') out.userMessage = maskText(b.userMessage);
  if (typeof b.errorCode === 'string') out.errorCode = maskText(b.errorCode);
  if (Array.isArray(b.errors)) {
    out.errors = b.errors
      .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
      .map((e) => ({ key: String(e.key ?? ''), value: maskText(String(e.value ?? '')) }));
  }
  return out;
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A non-2xx answer as a typed error. The message names the system, the call
 * (path with ids, no query) and the status — never the system's free text,
 * which may quote a resident's name; that goes to details, masked.
 */
export function errorForStatus(
  system: SystemName,
  method: string,
  route: string,
  status: number,
  rawBody: string,
  attempts: number,
): SystemError {
  const details: SystemErrorDetails = { system, method, route, status, attempts, ...readErrorBody(parseMaybeJson(rawBody)) };
  const suffix = details.errorCode ? ` (${details.errorCode})` : '';
  const message = `${system} answered ${status} to ${method} ${route}${suffix}`;
  if (status === 409) return new ConflictError(message, details);
  if (status === 422) return new ValidationError(message, details);
  const code = CODE_BY_STATUS[status] ?? 'upstream_error';
  return new SystemError(code, message, details);
}

export function timeoutError(system: SystemName, method: string, route: string, ms: number, attempts: number): SystemError {
  return new SystemError('timeout', `${system} did not answer ${method} ${route} within ${Math.round(ms / 1000)} s`, {
    system,
    method,
    route,
    attempts,
  });
}

export function networkError(system: SystemName, method: string, route: string, cause: string, attempts: number): SystemError {
  return new SystemError('unavailable', `${system} could not be reached for ${method} ${route} (${cause})`, {
    system,
    method,
    route,
    attempts,
  });
}

export function malformedBodyError(system: SystemName, method: string, route: string, status: number, why: string): SystemError {
  return new SystemError('upstream_error', `${system} sent ${why} for ${method} ${route}`, { system, method, route, status });
}
