/**
 * Builds the `VALUES` list of a multi-row INSERT with numbered parameters:
 * `placeholders(2, 3)` is `($1, $2, $3), ($4, $5, $6)`.
 */
export function placeholders(rowCount: number, columnCount: number): string {
  const rows: string[] = [];
  for (let row = 0; row < rowCount; row += 1) {
    const columns: string[] = [];
    for (let column = 1; column <= columnCount; column += 1) {
      columns.push(`$${row * columnCount + column}`);
    }
    rows.push(`(${columns.join(', ')})`);
  }
  return rows.join(', ');
}

/** Splits `items` into consecutive chunks of at most `size` items. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}
