/** Returns whether a line belongs to a Markdown table, which it does when it starts with a pipe. */
export function isTableLine(line: string): boolean {
  return line.trimStart().startsWith('|');
}

/**
 * Splits a table row such as `| Priority | P1 |` into trimmed cells. A pipe
 * written as `\|` stays inside its cell, unescaped, as GitHub renders it.
 */
export function splitTableRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);

  const cells: string[] = [];
  let cell = '';
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (char === '\\' && body[index + 1] === '|') {
      cell += '|';
      index++;
    } else if (char === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell.trim());
  return cells;
}

/** Returns whether cells form the delimiter row under a table header, such as `| --- | :-- |`. */
export function isDelimiterRow(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((cell) => /^:?-+:?$/.test(cell));
}
