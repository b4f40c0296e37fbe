/**
 * Order-insensitive comparison of two row sets as multisets, so a row that
 * appears twice must be expected twice. The failure lists the missing and
 * unexpected rows. With a `key`, rows present on both sides under the same
 * key are shown as changed, column by column.
 */
import { formatRow, listed, normalizeValue, type CheckResult, type Row } from './rows.ts';

export interface RowDiffOptions {
  /** Columns compared; defaults to the union of the columns of all rows. */
  columns?: readonly string[];
  /** Columns that identify a row, to pair missing and unexpected rows as changed ones. */
  key?: readonly string[];
}

export interface RowDiff {
  missing: Row[];
  unexpected: Row[];
  changed: { key: Row; differences: { column: string; expected: unknown; actual: unknown }[] }[];
}

function pick(row: Row, columns: readonly string[]): Row {
  return Object.fromEntries(columns.map((column) => [column, normalizeValue(row[column])]));
}

export function diffRows(actual: Row[], expected: Row[], options: RowDiffOptions = {}): RowDiff {
  const columns =
    options.columns ??
    [...new Set([...actual, ...expected].flatMap((row) => Object.keys(row)))].sort();
  const signature = (row: Row) =>
    JSON.stringify(columns.map((column) => normalizeValue(row[column])));

  const remaining = new Map<string, Row[]>();
  for (const row of actual) {
    const key = signature(row);
    remaining.set(key, [...(remaining.get(key) ?? []), row]);
  }
  let missing: Row[] = [];
  for (const row of expected) {
    const matches = remaining.get(signature(row));
    if (matches !== undefined && matches.length > 0) matches.pop();
    else missing.push(pick(row, columns));
  }
  let unexpected = [...remaining.values()].flat().map((row) => pick(row, columns));

  const changed: RowDiff['changed'] = [];
  if (options.key !== undefined && options.key.length > 0) {
    const keyColumns = options.key;
    const keyOf = (row: Row) =>
      JSON.stringify(keyColumns.map((column) => normalizeValue(row[column])));
    const unexpectedByKey = new Map(unexpected.map((row) => [keyOf(row), row]));
    const paired = new Set<Row>();
    for (const row of missing) {
      const other = unexpectedByKey.get(keyOf(row));
      if (other === undefined || paired.has(other)) continue;
      paired.add(other);
      paired.add(row);
      const differences = columns
        .filter((column) => JSON.stringify(row[column]) !== JSON.stringify(other[column]))
        .map((column) => ({ column, expected: row[column], actual: other[column] }));
      changed.push({ key: pick(row, keyColumns), differences });
    }
    missing = missing.filter((row) => !paired.has(row));
    unexpected = unexpected.filter((row) => !paired.has(row));
  }
  return { missing, unexpected, changed };
}

export function checkEqualRows(
  actual: Row[],
  expected: Row[],
  options: RowDiffOptions = {},
): CheckResult {
  const diff = diffRows(actual, expected, options);
  const problems = diff.missing.length + diff.unexpected.length + diff.changed.length;
  if (problems === 0) {
    return {
      pass: true,
      summary: `has the ${expected.length} expected rows, in any order`,
      details: [],
    };
  }

  const details = [
    ...(diff.missing.length > 0
      ? [
          `Missing rows (${diff.missing.length}), expected but not found:`,
          ...listed(diff.missing.map((row) => `  - ${formatRow(row)}`)),
        ]
      : []),
    ...(diff.unexpected.length > 0
      ? [
          `Unexpected rows (${diff.unexpected.length}), found but not expected:`,
          ...listed(diff.unexpected.map((row) => `  + ${formatRow(row)}`)),
        ]
      : []),
    ...(diff.changed.length > 0
      ? [
          `Changed rows (${diff.changed.length}), same key with other values:`,
          ...listed(
            diff.changed.map(
              (change) =>
                `  ~ ${formatRow(change.key)}: ${change.differences.map((d) => `${d.column} expected ${JSON.stringify(d.expected)}, actual ${JSON.stringify(d.actual)}`).join('; ')}`,
            ),
          ),
        ]
      : []),
  ];
  return {
    pass: false,
    summary: `has ${actual.length} rows where ${expected.length} were expected: ${diff.missing.length} missing, ${diff.unexpected.length} unexpected, ${diff.changed.length} changed`,
    details,
  };
}
