// Portfolio sizes (SYSTEMS.md "Portfolio sizes"). Every corporation has the
// same shape so the totals are exact: large = 50 × 200 units = 10,000 units,
// 50 × 500 people = 25,000, and 50 × (200 × 20 months + extras) > 200,000
// invoices.
import type { Size } from './types';

export interface SizeSpec {
  corporations: number;
  residential: number;
  commercial: number;
  parking: number;
  lockers: number;
  /** Residential units per floor, for unit numbers like "1203". */
  perFloor: number;
  firstFloor: number;
  /** Months of common-expense history per account. */
  months: number;
  /** Minimum people per corporation; padded with past owners (building history). */
  peoplePerCorporation: number;
}

export const SIZES: Record<Size, SizeSpec> = {
  small: {
    corporations: 1,
    residential: 40,
    commercial: 1,
    parking: 20,
    lockers: 12,
    perFloor: 4,
    firstFloor: 3,
    months: 6,
    peoplePerCorporation: 0,
  },
  medium: {
    corporations: 5,
    residential: 139,
    commercial: 1,
    parking: 40,
    lockers: 20,
    perFloor: 10,
    firstFloor: 2,
    months: 12,
    peoplePerCorporation: 500,
  },
  large: {
    corporations: 50,
    residential: 139,
    commercial: 1,
    parking: 40,
    lockers: 20,
    perFloor: 10,
    firstFloor: 2,
    months: 20,
    peoplePerCorporation: 500,
  },
};

export const DEFAULT_SEED = 2750;
export const SIZE_NAMES: readonly Size[] = ['small', 'medium', 'large'];
