import {
  assertColumns,
  formatRow,
  listed,
  normalizeValue,
  type CheckResult,
  type Row,
} from './rows.ts';

/** Checks that no two rows share the values of `columns`, as a primary or natural key requires. */
export function checkUniqueKey(
  rows: Row[],
  columns: readonly string[],
  label = 'rows',
): CheckResult {
  if (columns.length === 0) throw new TypeError('toHaveUniqueKey needs at least one column.');
  assertColumns(label, rows, columns);

  const counts = new Map<string, { row: Row; count: number }>();
  for (const row of rows) {
    const key = JSON.stringify(columns.map((column) => normalizeValue(row[column])));
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { row, count: 1 });
    else entry.count += 1;
  }
  const duplicated = [...counts.values()].filter((entry) => entry.count > 1);
  const extraRows = duplicated.reduce((sum, entry) => sum + entry.count - 1, 0);

  return {
    pass: duplicated.length === 0,
    summary:
      duplicated.length === 0
        ? `has no duplicate (${columns.join(', ')}) among ${rows.length} rows`
        : `has ${duplicated.length} duplicated (${columns.join(', ')}) value${duplicated.length === 1 ? '' : 's'}, ${extraRows} extra row${extraRows === 1 ? '' : 's'} in all`,
    details: listed(
      duplicated.map((entry) => `${formatRow(entry.row, columns)} appears ${entry.count} times`),
    ),
  };
}
