/**
 * Rows as the data checks see them, and the sources they come from: an array
 * of plain objects, a whole table, or a query result.
 */
import type { DataSource } from './data-source.ts';

export type Row = Record<string, unknown>;

/** Rows fetched when a matcher runs, with a label for messages such as `table readings`. */
export interface RowSource {
  readonly label: string;
  rows(): Promise<Row[]>;
}

/** Outcome of one data check: whether it passed and the lines a failure message shows. */
export interface CheckResult {
  pass: boolean;
  /** One sentence: what was found, in the check's terms. */
  summary: string;
  /** Offending rows or values, already formatted, at most a few dozen. */
  details: string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Quotes a table or column name, rejecting anything that is not a plain SQL identifier. */
export function quoteIdentifier(name: string): string {
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new TypeError(
      `"${name}" is not a plain SQL identifier (letters, digits and _, optionally schema.table); ` +
        'use queryRows() for anything else.',
    );
  }
  return parts.map((part) => `"${part}"`).join('.');
}

/** Reads every row of a table when the matcher runs. */
export function tableRows(source: DataSource, table: string): RowSource {
  const sql = `SELECT * FROM ${quoteIdentifier(table)}`;
  return { label: `table ${table}`, rows: () => source.query(sql) };
}

/** Runs one query when the matcher runs. Pass values as `params`, never in the SQL text. */
export function queryRows(
  source: DataSource,
  sql: string,
  params: readonly unknown[] = [],
  label = 'query result',
): RowSource {
  return { label, rows: () => source.query(sql, params) };
}

export function isRowSource(value: unknown): value is RowSource {
  return (
    typeof value === 'object' && value !== null && typeof (value as RowSource).rows === 'function'
  );
}

/** Resolves what a matcher received: an array of rows or a RowSource. */
export async function resolveRows(received: unknown): Promise<{ label: string; rows: Row[] }> {
  if (Array.isArray(received)) return { label: 'rows', rows: received as Row[] };
  if (isRowSource(received)) return { label: received.label, rows: await received.rows() };
  throw new TypeError(
    `A data matcher needs an array of rows or a RowSource from tableRows()/queryRows(), received ${typeof received}.`,
  );
}

/** Converts a value to the form checks compare and print: dates as ISO 8601 UTC, buffers as hex, bigints as text. */
export function normalizeValue(value: unknown): unknown {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (value === undefined) return null;
  return value;
}

/** Formats one row on one line, columns in the given order, for failure messages. */
export function formatRow(row: Row, columns: readonly string[] = Object.keys(row)): string {
  return `{ ${columns.map((column) => `${column}: ${JSON.stringify(normalizeValue(row[column]))}`).join(', ')} }`;
}

/** Fails with a message naming the columns the rows lack, because a typo would otherwise read as nulls. */
export function assertColumns(label: string, rows: Row[], columns: readonly string[]): void {
  const first = rows[0];
  if (first === undefined) return;
  const missing = columns.filter((column) => !(column in first));
  if (missing.length > 0) {
    throw new TypeError(
      `${label} has no column ${missing.map((column) => `"${column}"`).join(', ')}; its columns are ${Object.keys(first).join(', ')}.`,
    );
  }
}

/** Most offending rows or values a message lists; the rest are counted. */
export const MAX_LISTED = 10;

export function listed(lines: string[]): string[] {
  if (lines.length <= MAX_LISTED) return lines;
  return [...lines.slice(0, MAX_LISTED), `… and ${lines.length - MAX_LISTED} more`];
}
