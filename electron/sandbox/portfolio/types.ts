// Shapes of the generated portfolio. They are Condo Manager's public JSON
// (SYSTEMS.md), so the store can serve them verbatim.

export type Size = 'small' | 'medium' | 'large';
export type UnitKind = 'residential' | 'parking' | 'locker' | 'commercial';
export type Occupancy = 'OwnerOccupied' | 'Rental' | 'Vacant';
export type Role = 'Owner' | 'Tenant';
export type Language = 'en' | 'fr';
export type PhoneType = 'home' | 'mobile' | 'work';
export type InvoiceKind =
  | 'CommonExpense'
  | 'SpecialAssessment'
  | 'Chargeback'
  | 'NSFFee'
  | 'LateFee'
  | 'Interest'
  | 'Other';
export type InvoiceStatus = 'Open' | 'Paid' | 'Void';
export type PaymentMethod = 'PAD' | 'Cheque' | 'Cash' | 'EFT' | 'Card';
export type PaymentStatus = 'Posted' | 'Reversed';

export const INVOICE_KINDS: readonly InvoiceKind[] = [
  'CommonExpense',
  'SpecialAssessment',
  'Chargeback',
  'NSFFee',
  'LateFee',
  'Interest',
  'Other',
];
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['PAD', 'Cheque', 'Cash', 'EFT', 'Card'];

export interface Corporation {
  id: string;
  code: string;
  legalName: string;
  timezone: string;
}

export interface Unit {
  id: string;
  number: string;
  legalDescription: string;
  kind: UnitKind;
  occupancy: Occupancy;
  /** Each unit has one account, shared by its owners (SYSTEMS.md). */
  accountId: string;
  updatedAt: string;
}

export interface Phone {
  type: PhoneType;
  number: string;
}

export interface Person {
  id: string;
  unitIds: string[];
  title: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phones: Phone[];
  mailingAddress: string | null;
  language: Language;
  status: 'Active' | 'Past';
  startDate: string;
  endDate: string | null;
  updatedAt: string;
  /** Tenants only. */
  moveInDate?: string;
  moveOutDate?: string | null;
}

export interface PersonRecord {
  role: Role;
  person: Person;
}

export interface InvoiceLine {
  description: string;
  amountCents: number;
}

export interface Invoice {
  id: string;
  accountId: string;
  unitId: string;
  number: string;
  date: string;
  dueDate: string;
  kind: InvoiceKind;
  lines: InvoiceLine[];
  totalCents: number;
  status: InvoiceStatus;
  updatedAt: string;
}

export interface Payment {
  id: string;
  accountId: string;
  unitId: string;
  date: string;
  method: PaymentMethod;
  amountCents: number;
  reference: string;
  status: PaymentStatus;
  updatedAt: string;
}

/** A hand-made Condo Control user: entered before the integration existed. */
export interface HandMadeUser {
  firstName: string;
  lastName: string;
  email: string;
  phones: Phone[];
  language: Language;
  groupName: string;
  /** Unit numbers (names in Condo Control) the user is related to. */
  unitNumbers: string[];
}

export interface CorporationData {
  index: number;
  corporation: Corporation;
  /** Street address, used in the Condo Control workspace name. */
  address: string;
  units: Unit[];
  people: PersonRecord[];
}
