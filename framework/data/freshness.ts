import { assertColumns, type CheckResult, type Row } from './rows.ts';

export interface FreshnessOptions {
  /** Oldest the newest value may be, in milliseconds. */
  maxAgeMs: number;
  /** The reference time; defaults to the time of the check. */
  now?: Date;
}

function formatAge(ms: number): string {
  if (Math.abs(ms) < 120_000) return `${Math.round(ms / 1000)} s`;
  if (Math.abs(ms) < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/**
 * Checks that the newest timestamp in `column` is at most `maxAgeMs` old, as a
 * freshness SLA reads. A value in the future beyond the same margin fails
 * too, because it points to a time-zone or clock error.
 */
export function checkFreshness(
  rows: Row[],
  column: string,
  options: FreshnessOptions,
  label = 'rows',
): CheckResult {
  if (!(options.maxAgeMs > 0))
    throw new TypeError(`toBeFresh needs maxAgeMs above 0, received ${options.maxAgeMs}.`);
  assertColumns(label, rows, [column]);
  const now = (options.now ?? new Date()).getTime();

  const times = rows
    .map((row) => row[column])
    .filter((value) => value !== null && value !== undefined)
    .map((value) =>
      value instanceof Date
        ? value.getTime()
        : typeof value === 'string'
          ? Date.parse(value)
          : Number.NaN,
    );
  if (times.some((time) => Number.isNaN(time))) {
    return { pass: false, summary: `has ${column} values that are not timestamps`, details: [] };
  }
  if (times.length === 0) {
    return {
      pass: false,
      summary: `has no ${column} value at all (${rows.length} rows), so nothing shows it is fresh`,
      details: [],
    };
  }

  const newest = Math.max(...times);
  const age = now - newest;
  const newestText = new Date(newest).toISOString();
  if (age < -options.maxAgeMs) {
    return {
      pass: false,
      summary: `has its newest ${column} ${newestText} ${formatAge(-age)} in the future; expected at most ${formatAge(options.maxAgeMs)} old`,
      details: [],
    };
  }
  return {
    pass: age <= options.maxAgeMs,
    summary: `has its newest ${column} ${newestText}, ${formatAge(age)} old; expected at most ${formatAge(options.maxAgeMs)}`,
    details: [],
  };
}
