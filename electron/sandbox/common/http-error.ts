// The error body both systems answer with (SYSTEMS.md):
//   { userMessage, errorCode, errors: [{ key, value }] }
// Handlers throw HttpError; the server turns it into that body, so bad input
// is always an answer, never a crash.
import type { z } from 'zod';

export interface ErrorItem {
  key: string;
  value: string;
}

export interface ErrorBody {
  userMessage: string;
  errorCode: string;
  errors: ErrorItem[];
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly userMessage: string,
    readonly errors: ErrorItem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(userMessage);
    this.name = 'HttpError';
  }

  body(): ErrorBody {
    return { userMessage: this.userMessage, errorCode: this.errorCode, errors: this.errors };
  }
}

export function errorBody(userMessage: string, errorCode: string, errors: ErrorItem[] = []): ErrorBody {
  return { userMessage, errorCode, errors };
}

export const badRequest = (message: string, errors: ErrorItem[] = []) =>
  new HttpError(400, 'bad_request', message, errors);

export const notFound = (what: string, key?: string, value?: string) =>
  new HttpError(404, 'not_found', `${what} was not found.`, key ? [{ key, value: value ?? '' }] : []);

export const unauthorized = (message = 'Missing or invalid credentials.') =>
  new HttpError(401, 'unauthorized', message);

export const validationFailed = (errors: ErrorItem[], message = 'Some fields are not valid.') =>
  new HttpError(422, 'validation_failed', message, errors);

export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): ErrorItem[] {
  return issues.map((issue) => ({
    key: issue.path.length > 0 ? issue.path.map(String).join('.') : 'body',
    value: issue.message,
  }));
}

/** Parse a request body with a zod schema; 422 naming each bad field. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationFailed(issuesToErrors(result.error.issues));
  return result.data;
}
