// Bodies of the accounting desk's writes. Condo Manager is the source of
// truth and lenient about emails (it stores what the desk typed, even an
// invalid address): flagging those is the sync's job, not the source's.
import { z } from 'zod';
import { INVOICE_KINDS, PAYMENT_METHODS, type InvoiceKind, type PaymentMethod } from '../portfolio/types';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'must be a real date');

const phone = z.object({
  type: z.enum(['home', 'mobile', 'work']),
  number: z.string().trim().min(1, 'is required').max(40),
}).strict();

const email = z
  .string()
  .trim()
  .max(254)
  .nullable()
  .transform((v) => (v === '' ? null : v));

/** Fields of a person the desk may edit (PATCH owners/tenants). */
export const personPatchSchema = z
  .object({
    title: z.string().trim().max(20),
    firstName: z.string().trim().max(100),
    lastName: z.string().trim().min(1, 'is required').max(100),
    email,
    phones: z.array(phone).max(5),
    mailingAddress: z.string().trim().max(300).nullable(),
    language: z.enum(['en', 'fr']),
    status: z.enum(['Active', 'Past']),
    startDate: isoDate,
    endDate: isoDate.nullable(),
    unitIds: z.array(z.string().min(1)).min(1, 'needs at least one unit').max(50),
    moveInDate: isoDate,
    moveOutDate: isoDate.nullable(),
  })
  .partial()
  .strict();

export type PersonPatch = z.infer<typeof personPatchSchema>;

/** A new owner or tenant (a sandbox extension: POST …/owners, POST …/tenants). */
export const personCreateSchema = personPatchSchema.extend({
  lastName: z.string({ error: 'is required' }).trim().min(1, 'is required').max(100),
  unitIds: z.array(z.string().min(1), { error: 'needs at least one unit' }).min(1, 'needs at least one unit').max(50),
});

export const unitPatchSchema = z
  .object({
    occupancy: z.enum(['OwnerOccupied', 'Rental', 'Vacant']),
    legalDescription: z.string().trim().min(1).max(300),
  })
  .partial()
  .strict();

const line = z.object({
  description: z.string().trim().min(1, 'is required').max(300),
  amountCents: z.number().int('must be whole cents').min(-100_000_000).max(100_000_000),
}).strict();

export const invoiceCreateSchema = z
  .object({
    unitId: z.string().min(1),
    kind: z.enum(INVOICE_KINDS as [InvoiceKind, ...InvoiceKind[]]),
    date: isoDate,
    dueDate: isoDate,
    lines: z.array(line).min(1, 'needs at least one line').max(50),
  })
  .strict();

export type InvoiceCreate = z.infer<typeof invoiceCreateSchema>;

export const paymentCreateSchema = z
  .object({
    unitId: z.string().min(1),
    date: isoDate,
    method: z.enum(PAYMENT_METHODS as [PaymentMethod, ...PaymentMethod[]]),
    amountCents: z.number().int('must be whole cents').min(1, 'must be positive').max(100_000_000),
    reference: z.string().trim().max(100).default(''),
  })
  .strict();

export type PaymentCreate = z.infer<typeof paymentCreateSchema>;
