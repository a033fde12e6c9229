// Condo Control's rules (from its public help pages): a user needs only a last
// name and at least one group; an email, when given, must be a valid address,
// and it is the login, so it is unique within a workspace (checked in the
// store, 409). Language is en or fr. The email rule is the one the console
// checks too (shared/people-text.ts), so the console flags most refusals
// before it spends a request.
import { z } from 'zod';
import { isLoginEmail } from '@shared/people-text';

const phone = z.object({
  type: z.enum(['home', 'mobile', 'work']),
  number: z.string().trim().min(1, 'is required').max(40),
}).strict();

const email = z
  .union([z.literal(''), z.string().refine(isLoginEmail, 'must be a valid email address')])
  .nullable()
  .transform((v) => (v === '' ? null : v));

const ids = z.array(z.string().min(1).max(100)).max(100);

const required = { error: 'is required' };

const userFields = {
  externalId: z.string().trim().min(1).max(100).nullable(),
  firstName: z.string().trim().max(100),
  lastName: z.string(required).trim().min(1, 'is required').max(100),
  email,
  phones: z.array(phone).max(5),
  language: z.enum(['en', 'fr'], 'must be en or fr'),
  active: z.boolean(),
  groupIds: z.array(z.string().min(1).max(100), { error: 'needs at least one group' }).min(1, 'needs at least one group').max(100),
  unitIds: ids,
};

export const userCreateSchema = z
  .object({
    ...z.object(userFields).partial().shape,
    lastName: userFields.lastName,
    groupIds: userFields.groupIds,
  })
  .strict();

export const userPatchSchema = z.object(userFields).partial().strict();

export type UserCreate = z.infer<typeof userCreateSchema>;
export type UserPatch = z.infer<typeof userPatchSchema>;

export const groupsSchema = z.object({ groupIds: userFields.groupIds }).strict();

export const unitPutSchema = z
  .object({
    unitType: z.enum(['Vacant', 'OwnerOccupied', 'Rental']),
    externalId: z.string().trim().min(1).max(100).nullable(),
  })
  .partial()
  .strict();

const isoDate = z.string(required).regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date like 2026-11-01').refine((v) => !Number.isNaN(Date.parse(v)), 'must be a real date');
const cents = z.number(required).int('must be whole cents').min(-100_000_000).max(100_000_000);

/**
 * An invoice pushed by the sync. Its amount is `totalCents` (or `amountCents`),
 * or else the sum of its lines; given both, they must agree.
 */
export const invoiceUpsertSchema = z
  .object({
    number: z.string().max(50).nullable(),
    date: isoDate,
    dueDate: isoDate.nullable(),
    kind: z.enum(['CommonExpense', 'SpecialAssessment', 'Chargeback', 'NSFFee', 'LateFee', 'Interest', 'Other']),
    description: z.string().max(300).nullable(),
    lines: z.array(z.object({ description: z.string().max(300), amountCents: cents })).max(50),
    totalCents: cents,
    amountCents: cents,
    status: z.enum(['Open', 'Paid', 'Void']),
  })
  .partial()
  .extend({ date: isoDate })
  .loose()
  .superRefine((v, ctx) => {
    const sum = v.lines?.reduce((s, l) => s + l.amountCents, 0);
    const total = v.totalCents ?? v.amountCents;
    if (total === undefined && sum === undefined) {
      ctx.addIssue({ code: 'custom', path: ['totalCents'], message: 'is required (or lines)' });
    }
    if (total !== undefined && sum !== undefined && v.lines && v.lines.length > 0 && total !== sum) {
      ctx.addIssue({ code: 'custom', path: ['totalCents'], message: 'must equal the sum of the lines' });
    }
  });

export const paymentUpsertSchema = z
  .object({
    date: isoDate,
    amountCents: cents,
    method: z.enum(['PAD', 'Cheque', 'Cash', 'EFT', 'Card']).nullable(),
    reference: z.string().max(100).nullable(),
    status: z.enum(['Posted', 'Reversed']),
  })
  .partial()
  .extend({ date: isoDate, amountCents: cents })
  .loose();

export type InvoiceUpsert = z.infer<typeof invoiceUpsertSchema>;
export type PaymentUpsert = z.infer<typeof paymentUpsertSchema>;
