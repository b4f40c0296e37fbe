import type { CheckResult, Row } from './rows.ts';

/** An exact count, or bounds that include their ends. */
export type CountRange = number | { min?: number; max?: number };

export function describeRange(range: CountRange): string {
  if (typeof range === 'number') return `exactly ${range}`;
  if (range.min !== undefined && range.max !== undefined) return `${range.min} to ${range.max}`;
  if (range.min !== undefined) return `at least ${range.min}`;
  return `at most ${range.max}`;
}

export function checkRowCount(rows: Row[], range: CountRange): CheckResult {
  const { min, max } = typeof range === 'number' ? { min: range, max: range } : range;
  if (min === undefined && max === undefined) {
    throw new TypeError('toHaveRowCount needs a number or { min, max } with at least one bound.');
  }
  if (min !== undefined && max !== undefined && min > max) {
    throw new TypeError(`toHaveRowCount got min ${min} above max ${max}; swap them.`);
  }

  const count = rows.length;
  const pass = (min === undefined || count >= min) && (max === undefined || count <= max);
  return {
    pass,
    summary: `has ${count} row${count === 1 ? '' : 's'}; expected ${describeRange(range)}`,
    details: [],
  };
}
