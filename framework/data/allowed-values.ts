import {
  assertColumns,
  formatRow,
  listed,
  normalizeValue,
  type CheckResult,
  type Row,
} from './rows.ts';

/** Checks that every value of `column` is one of `allowed` (compared after normalizeValue). NULL fails unless listed. */
export function checkValuesInSet(
  rows: Row[],
  column: string,
  allowed: readonly unknown[],
  label = 'rows',
): CheckResult {
  assertColumns(label, rows, [column]);
  const allowedKeys = new Set(allowed.map((value) => JSON.stringify(normalizeValue(value))));

  const unexpected = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify(normalizeValue(row[column]));
    if (!allowedKeys.has(key)) unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
  }
  const offending = [...unexpected.values()].reduce((sum, count) => sum + count, 0);

  return {
    pass: unexpected.size === 0,
    summary:
      unexpected.size === 0
        ? `has only allowed ${column} values across ${rows.length} rows`
        : `has ${offending} row${offending === 1 ? '' : 's'} whose ${column} is outside the allowed set ${JSON.stringify(allowed.map(normalizeValue))}`,
    details: listed(
      [...unexpected].map(
        ([value, count]) => `${column} = ${value} in ${count} row${count === 1 ? '' : 's'}`,
      ),
    ),
  };
}

export interface ValueRange {
  min?: number | Date;
  max?: number | Date;
}

/** Checks that every value of `column` lies within `range`, ends included. NULL and non-numeric values fail. */
export function checkValuesInRange(
  rows: Row[],
  column: string,
  range: ValueRange,
  label = 'rows',
): CheckResult {
  if (range.min === undefined && range.max === undefined)
    throw new TypeError('toHaveValuesInRange needs min, max or both.');
  assertColumns(label, rows, [column]);
  const asNumber = (value: unknown): number =>
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value
        : typeof value === 'string' && value.trim() !== ''
          ? Number(value)
          : Number.NaN;
  const min = range.min === undefined ? -Infinity : asNumber(range.min);
  const max = range.max === undefined ? Infinity : asNumber(range.max);

  const offenders = rows.filter((row) => {
    const value = asNumber(row[column]);
    return Number.isNaN(value) || value < min || value > max;
  });
  const bound = (value: number | Date | undefined, fallback: string) =>
    value === undefined ? fallback : String(normalizeValue(value));
  const bounds = `${bound(range.min, '-∞')}..${bound(range.max, '∞')}`;

  return {
    pass: offenders.length === 0,
    summary:
      offenders.length === 0
        ? `has every ${column} within ${bounds} across ${rows.length} rows`
        : `has ${offenders.length} row${offenders.length === 1 ? '' : 's'} whose ${column} is outside ${bounds} or not a number`,
    details: listed(
      offenders.map(
        (row) => `${column} = ${JSON.stringify(normalizeValue(row[column]))} in ${formatRow(row)}`,
      ),
    ),
  };
}
