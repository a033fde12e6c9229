import { z } from 'zod';

// Response shapes of both systems (SYSTEMS.md). Objects strip unknown keys, so
// a vendor adding a field never breaks a sync; a missing or mistyped field the
// sync relies on does, record by record (see parse-list.ts).

/** Any ISO-8601 date or date-time the platform can read. */
const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'Invalid date' });
const id = z.string().min(1);
const cents = z.number().int();
/** Optional text a system may send as null or leave out; normalized to null. */
const optText = z.string().nullish().transform((v) => v ?? null);
const optDate = isoDate.nullish().transform((v) => v ?? null);
const language = z.enum(['en', 'fr']);

export const phoneSchema = z.object({ type: z.enum(['home', 'mobile', 'work']), number: z.string() });

// ---- Condo Manager ----

export const corporationSchema = z.object({ id, code: z.string(), legalName: z.string(), timezone: z.string() });

export const cmUnitSchema = z.object({
  id,
  number: z.string(),
  legalDescription: optText,
  kind: z.enum(['residential', 'parking', 'locker', 'commercial']),
  occupancy: z.enum(['OwnerOccupied', 'Rental', 'Vacant']),
  /** Each unit has one account shared by its owners. */
  accountId: z.string().nullish().transform((v) => v ?? null),
  updatedAt: isoDate,
});

export const personSchema = z.object({
  id,
  unitIds: z.array(z.string()),
  title: optText,
  // Condo Control needs only a last name, so a missing first name is not an error.
  firstName: z.string().nullish().transform((v) => v ?? ''),
  lastName: z.string(),
  // Not validated as an email: an invalid one is a conflict to flag, not a bad record.
  email: optText,
  phones: z.array(phoneSchema).nullish().transform((v) => v ?? []),
  mailingAddress: optText,
  language,
  status: z.enum(['Active', 'Past']),
  startDate: optDate,
  endDate: optDate,
  updatedAt: isoDate,
});

export const ownerSchema = personSchema;
export const tenantSchema = personSchema.extend({ moveInDate: optDate, moveOutDate: optDate });

export const invoiceLineSchema = z.object({ description: z.string(), amountCents: cents });

export const invoiceSchema = z.object({
  id,
  accountId: z.string(),
  unitId: z.string(),
  number: z.string(),
  date: isoDate,
  dueDate: isoDate,
  kind: z.enum(['CommonExpense', 'SpecialAssessment', 'Chargeback', 'NSFFee', 'LateFee', 'Interest', 'Other']),
  lines: z.array(invoiceLineSchema),
  totalCents: cents,
  status: z.enum(['Open', 'Paid', 'Void']),
  updatedAt: isoDate,
});

export const paymentSchema = z.object({
  id,
  accountId: z.string(),
  unitId: z.string(),
  date: isoDate,
  method: z.enum(['PAD', 'Cheque', 'Cash', 'EFT', 'Card']),
  amountCents: cents,
  reference: optText,
  status: z.enum(['Posted', 'Reversed']),
  updatedAt: isoDate,
});

export const balanceSchema = z.object({
  totalCents: cents,
  aging: z.object({ d0_30: cents, d31_60: cents, d61_90: cents, over90: cents }),
});

export const CHANGE_TYPES = [
  'invoice.created',
  'invoice.updated',
  'invoice.voided',
  'payment.posted',
  'payment.reversed',
  'person.created',
  'person.updated',
  'person.ended',
  'unit.updated',
] as const;

export const changeEventSchema = z.object({
  seq: z.union([z.number(), z.string()]),
  // A type this build does not know yet is kept, not rejected: the feed is at
  // least once, and the consumer decides what to ignore.
  type: z.string(),
  entityType: z.string(),
  entityId: id,
  occurredAt: isoDate,
});

/** The feed envelope; its events are parsed one by one. */
export const changeFeedSchema = z.object({
  events: z.array(z.unknown()),
  nextCursor: z.union([z.string(), z.number()]).transform(String),
  hasMore: z.boolean(),
});

// ---- Condo Control ----

export const tokenSchema = z.object({ accessToken: z.string().min(1), expiresIn: z.number().positive() });

export const workspaceSchema = z.object({ id, name: z.string() });

export const groupSchema = z.object({ id, name: z.string(), builtIn: z.boolean() });

export const ccUnitSchema = z.object({
  id,
  name: z.string(),
  unitType: z.enum(['Vacant', 'OwnerOccupied', 'Rental']),
  externalId: optText,
});

export const ccUserSchema = z.object({
  id,
  externalId: optText,
  firstName: z.string().nullish().transform((v) => v ?? ''),
  lastName: z.string(),
  email: optText,
  phones: z.array(phoneSchema).nullish().transform((v) => v ?? []),
  language,
  active: z.boolean(),
  groupIds: z.array(z.string()),
  unitIds: z.array(z.string()),
  updatedAt: isoDate,
});

const ccInvoiceTransactionSchema = z.object({
  id,
  type: z.literal('invoice'),
  externalId: z.string(),
  unitId: z.string(),
  number: optText,
  date: isoDate,
  dueDate: optDate,
  kind: optText,
  description: z.string().nullish().transform((v) => v ?? ''),
  lines: z.array(invoiceLineSchema).nullish().transform((v) => v ?? []),
  amountCents: cents,
  status: z.enum(['Open', 'Paid', 'Void']),
  updatedAt: isoDate,
});

const ccPaymentTransactionSchema = z.object({
  id,
  type: z.literal('payment'),
  externalId: z.string(),
  unitId: z.string(),
  date: isoDate,
  method: optText,
  reference: optText,
  amountCents: cents,
  status: z.enum(['Posted', 'Reversed']),
  updatedAt: isoDate,
});

/** A line of a resident's account (My Account): an invoice or a payment the sync pushed. */
export const transactionSchema = z.discriminatedUnion('type', [ccInvoiceTransactionSchema, ccPaymentTransactionSchema]);

export const accountBalanceSchema = z.object({
  unitId: z.string(),
  totalCents: cents,
  invoicedCents: cents,
  paidCents: cents,
  currency: z.string().nullish().transform((v) => v ?? 'CAD'),
});

export type Corporation = z.infer<typeof corporationSchema>;
export type CmUnit = z.infer<typeof cmUnitSchema>;
export type Person = z.infer<typeof personSchema>;
export type Owner = z.infer<typeof ownerSchema>;
export type Tenant = z.infer<typeof tenantSchema>;
export type Invoice = z.infer<typeof invoiceSchema>;
export type Payment = z.infer<typeof paymentSchema>;
export type Balance = z.infer<typeof balanceSchema>;
export type ChangeEvent = z.infer<typeof changeEventSchema>;
export type ChangeType = (typeof CHANGE_TYPES)[number];
export type Token = z.infer<typeof tokenSchema>;
export type Workspace = z.infer<typeof workspaceSchema>;
export type Group = z.infer<typeof groupSchema>;
export type CcUnit = z.infer<typeof ccUnitSchema>;
export type CcUser = z.infer<typeof ccUserSchema>;
export type Transaction = z.infer<typeof transactionSchema>;
export type InvoiceTransaction = z.infer<typeof ccInvoiceTransactionSchema>;
export type PaymentTransaction = z.infer<typeof ccPaymentTransactionSchema>;
export type AccountBalance = z.infer<typeof accountBalanceSchema>;
export type Phone = z.infer<typeof phoneSchema>;
