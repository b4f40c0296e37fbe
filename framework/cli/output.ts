import Table from 'cli-table3';

/** Destination of command output, replaceable so that tests can capture it. */
export interface Output {
  write(text: string): void;
}

export const stdout: Output = { write: (text) => process.stdout.write(text) };

/** Prints `value` as pretty JSON, for scripts (`--json`). */
export function printJson(output: Output, value: unknown): void {
  output.write(JSON.stringify(value, null, 2) + '\n');
}

/** Prints rows as a table for people; an empty list prints `empty` instead. */
export function printTable(
  output: Output,
  head: string[],
  rows: Array<Array<string | number>>,
  empty: string,
): void {
  if (rows.length === 0) {
    output.write(empty + '\n');
    return;
  }
  const table = new Table({ head, style: { head: [], border: [] } });
  table.push(...rows.map((row) => row.map(String)));
  output.write(table.toString() + '\n');
}

/** Formats milliseconds for people: 850 ms, 12.3 s, 4 min 05 s. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1_000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** Formats a date as `2026-12-04 20:15` in UTC, compact enough for tables. */
export function formatTime(date: Date | undefined): string {
  return date === undefined ? '-' : date.toISOString().slice(0, 16).replace('T', ' ');
}

export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
