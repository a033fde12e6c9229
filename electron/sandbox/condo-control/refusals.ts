// A test and training knob (sandbox only): values this Condo Control refuses
// beyond its documented rules, as a real one may after an update the console
// does not know about. `PUT /_sandbox/refusals { rules: [{ field, contains }] }`
// makes every user create or update whose `field` contains the text answer
// 422 naming that field; `{ rules: [] }` (or a reset) turns it off.
import { z } from 'zod';
import { validationFailed } from '../common/http-error';

const FIELDS = ['firstName', 'lastName', 'email', 'phones', 'language'] as const;

export const refusalsSchema = z
  .object({ rules: z.array(z.object({ field: z.enum(FIELDS), contains: z.string().min(1).max(100) }).strict()).max(20) })
  .strict();

export type RefusalRule = z.infer<typeof refusalsSchema>['rules'][number];

export class Refusals {
  private rules: RefusalRule[] = [];

  set(rules: RefusalRule[]): RefusalRule[] {
    this.rules = [...rules];
    return this.get();
  }

  get(): RefusalRule[] {
    return [...this.rules];
  }

  /** Throws the 422 a user body gets when one of its fields matches a rule. */
  check(body: unknown): void {
    if (!this.rules.length || !body || typeof body !== 'object') return;
    const errors = this.rules
      .filter((r) => r.field in body && JSON.stringify((body as Record<string, unknown>)[r.field] ?? '').includes(r.contains))
      .map((r) => ({ key: r.field === 'phones' ? 'phones.0.number' : r.field, value: 'is not accepted by Condo Control' }));
    if (errors.length) throw validationFailed(errors);
  }
}
