import type {
  Customer,
  Dataset,
  DailyRow,
} from '../../systems-under-test/dashboard/src/data/dataset.ts';
import { DEFAULT_FILTERS, type Filters } from '../../systems-under-test/dashboard/src/filters.ts';

/** Builds a customer with neutral values, overridden per test. */
export function customer(overrides: Partial<Customer>): Customer {
  return {
    id: 'c-0001',
    signupDate: '2026-01-01',
    segment: 'retail',
    variant: 'A',
    age: 30,
    tenureMonths: 10,
    sessions: 5,
    orders: 0,
    revenue: 0,
    satisfaction: 5,
    converted: 0,
    ...overrides,
  };
}

export function dataset(parts: Partial<Dataset>): Dataset {
  return { seed: 1, customers: [], daily: [], ratings: [], ...parts };
}

export function daily(
  date: string,
  segment: DailyRow['segment'],
  sessions: number,
  orders: number,
  revenue: number,
): DailyRow {
  return { date, segment, sessions, orders, revenue };
}

export function filters(overrides: Partial<Filters> = {}): Filters {
  return { ...DEFAULT_FILTERS, ...overrides };
}
