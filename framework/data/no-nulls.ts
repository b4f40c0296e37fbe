import { assertColumns, formatRow, listed, type CheckResult, type Row } from './rows.ts';

/** Checks that none of `columns` is NULL in any row. */
export function checkNoNulls(rows: Row[], columns: readonly string[], label = 'rows'): CheckResult {
  if (columns.length === 0) throw new TypeError('toHaveNoNulls needs at least one column.');
  assertColumns(label, rows, columns);

  const offenders: string[] = [];
  const perColumn = new Map<string, number>();
  for (const [index, row] of rows.entries()) {
    const nullColumns = columns.filter(
      (column) => row[column] === null || row[column] === undefined,
    );
    for (const column of nullColumns) perColumn.set(column, (perColumn.get(column) ?? 0) + 1);
    if (nullColumns.length > 0)
      offenders.push(`row ${index + 1}: ${nullColumns.join(', ')} NULL in ${formatRow(row)}`);
  }

  const counts = [...perColumn].map(([column, count]) => `${column} ${count}`).join(', ');
  return {
    pass: offenders.length === 0,
    summary:
      offenders.length === 0
        ? `has no NULL in ${columns.join(', ')} across ${rows.length} rows`
        : `has NULLs in ${offenders.length} of ${rows.length} rows (${counts})`,
    details: listed(offenders),
  };
}
