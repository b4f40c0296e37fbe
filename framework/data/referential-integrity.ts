import {
  assertColumns,
  formatRow,
  listed,
  normalizeValue,
  type CheckResult,
  type Row,
} from './rows.ts';

export interface ReferenceOptions {
  /** Columns of the checked (child) rows. */
  columns: readonly string[];
  /** Matching columns of the referenced (parent) rows; defaults to `columns`. */
  referencedColumns?: readonly string[];
}

/**
 * Checks that every child row's key exists among the parent rows, as a
 * foreign key would. As in SQL (MATCH SIMPLE), a key with a NULL part is not checked.
 */
export function checkReferences(
  children: Row[],
  parents: Row[],
  options: ReferenceOptions,
  labels = { child: 'rows', parent: 'referenced rows' },
): CheckResult {
  const childColumns = options.columns;
  const parentColumns = options.referencedColumns ?? childColumns;
  if (childColumns.length === 0 || childColumns.length !== parentColumns.length) {
    throw new TypeError(
      `toReference needs as many referencedColumns as columns, received ${childColumns.length} and ${parentColumns.length}.`,
    );
  }
  assertColumns(labels.child, children, childColumns);
  assertColumns(labels.parent, parents, parentColumns);

  const keyOf = (row: Row, columns: readonly string[]) =>
    JSON.stringify(columns.map((column) => normalizeValue(row[column])));
  const parentKeys = new Set(parents.map((row) => keyOf(row, parentColumns)));

  const orphans = new Map<string, { row: Row; count: number }>();
  for (const row of children) {
    if (childColumns.some((column) => row[column] === null || row[column] === undefined)) continue;
    const key = keyOf(row, childColumns);
    if (parentKeys.has(key)) continue;
    const entry = orphans.get(key);
    if (entry === undefined) orphans.set(key, { row, count: 1 });
    else entry.count += 1;
  }
  const orphanRows = [...orphans.values()].reduce((sum, entry) => sum + entry.count, 0);
  const target = `${labels.parent} (${parentColumns.join(', ')})`;

  return {
    pass: orphans.size === 0,
    summary:
      orphans.size === 0
        ? `has every (${childColumns.join(', ')}) present in ${target}`
        : `has ${orphanRows} row${orphanRows === 1 ? '' : 's'} whose (${childColumns.join(', ')}) is missing from ${target}: ${orphans.size} distinct key${orphans.size === 1 ? '' : 's'}`,
    details: listed(
      [...orphans.values()].map(
        (entry) =>
          `${formatRow(entry.row, childColumns)} in ${entry.count} row${entry.count === 1 ? '' : 's'}`,
      ),
    ),
  };
}
