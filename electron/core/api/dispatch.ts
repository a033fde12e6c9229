import { describeZodError, inputs, type Handlers, type MethodName } from '@shared/contract';
import { AppError } from '@shared/errors';
import { NUL_MESSAGE, nulPath } from '@shared/nul-text';
import type { Caller } from '@shared/access';
import { DISK_FULL, isDiskError } from '../jobs/error-text';

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(inputs, name);
}

/**
 * The single entry every adapter calls: validates the input against the
 * contract once, then runs the handler. Bad input is a typed error naming the
 * field, never a crash and never a silent default.
 */
export async function dispatch(handlers: Handlers, method: string, raw: unknown, caller?: Caller): Promise<unknown> {
  if (!isMethodName(method)) throw new AppError('unknown_method', `Condo Sync has no method called "${method.slice(0, 80)}".`);
  // Refused before anything reads or writes it: PostgreSQL cannot hold U+0000 (SQLite can), so both refuse it here.
  const nul = nulPath(raw);
  if (nul !== undefined) {
    const field = nul || '(input)';
    throw new AppError('invalid_input', `Invalid input for ${method}: ${field}: ${NUL_MESSAGE}.`, { fields: [{ field, message: NUL_MESSAGE }] });
  }
  const parsed = inputs[method].safeParse(raw ?? undefined);
  if (!parsed.success) {
    const fields = describeZodError(parsed.error);
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    throw new AppError('invalid_input', `Invalid input for ${method}: ${summary}.`, { fields });
  }
  const handler = handlers[method] as (input: unknown, caller?: Caller) => Promise<unknown>;
  try {
    return await handler(parsed.data, caller);
  } catch (err) {
    // The one storage fault a person can fix: say so, instead of "something went wrong".
    if (isDiskError(err)) throw new AppError('unavailable', DISK_FULL);
    throw err;
  }
}

/** The answer of a method that a later piece of work builds. */
export function notImplemented(method: MethodName): () => Promise<never> {
  return async () => {
    throw new AppError('not_implemented', `${method} is not available in this version of Condo Sync yet.`, { method });
  };
}
