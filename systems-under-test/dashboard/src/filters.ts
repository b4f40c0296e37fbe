/**
 * The filters that every view shares: a date range (both ends included), a segment and a metric.
 * They arrive as query parameters and are validated together, so that one response lists every
 * invalid parameter.
 */
import {
  FIRST_DAY,
  LAST_DAY,
  METRICS,
  SEGMENTS,
  type Metric,
  type Segment,
} from './data/catalogue.ts';
import { isIsoDate } from './data/dates.ts';
import { faults } from './faults.ts';

export interface Filters {
  from: string;
  to: string;
  segment: Segment | 'all';
  metric: Metric;
}

export const DEFAULT_FILTERS: Filters = {
  from: FIRST_DAY,
  to: LAST_DAY,
  segment: 'all',
  metric: 'revenue',
};

/** A request that cannot be served as sent; `problems` contains one message per invalid value. */
export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError';

  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}

/** Reads one query parameter as text; a repeated parameter gives its last value. */
export function queryText(query: Record<string, unknown>, key: string): string | undefined {
  const value: unknown = query[key];
  const last: unknown = Array.isArray(value) ? value.at(-1) : value;
  if (last === undefined) return undefined;
  return typeof last === 'string' ? last : JSON.stringify(last);
}

/** Reads the filters from a query object; missing ones take their defaults. */
export function parseFilters(query: Record<string, unknown>): Filters {
  const problems: string[] = [];
  const filters = { ...DEFAULT_FILTERS };

  for (const key of ['from', 'to'] as const) {
    const value = queryText(query, key);
    if (value === undefined) continue;
    if (!isIsoDate(value)) {
      problems.push(
        `Invalid "${key}" value "${value}": expected a date as YYYY-MM-DD, for example ${FIRST_DAY}.`,
      );
    } else if (value < FIRST_DAY || value > LAST_DAY) {
      problems.push(
        `"${key}" value ${value} is outside the data set: choose a date from ${FIRST_DAY} to ${LAST_DAY}.`,
      );
    } else {
      filters[key] = value;
    }
  }

  const segment = queryText(query, 'segment');
  if (segment !== undefined) {
    if (segment === 'all' || (SEGMENTS as readonly string[]).includes(segment)) {
      filters.segment = segment as Segment | 'all';
    } else {
      problems.push(`Invalid "segment" value "${segment}": expected all, ${SEGMENTS.join(', ')}.`);
    }
  }

  const metric = queryText(query, 'metric');
  if (metric !== undefined) {
    if ((METRICS as readonly string[]).includes(metric)) {
      filters.metric = metric as Metric;
    } else {
      problems.push(`Invalid "metric" value "${metric}": expected one of ${METRICS.join(', ')}.`);
    }
  }

  if (problems.length === 0 && filters.from > filters.to) {
    problems.push(
      `"from" (${filters.from}) is after "to" (${filters.to}): swap them or move "from" earlier.`,
    );
  }
  if (problems.length > 0) throw new InvalidRequestError(problems);
  return filters;
}

/** True when `date` lies in the filters' range, both ends included. */
export function inDateRange(date: string, filters: Filters): boolean {
  // Seeded fault dashboard.date-filter-off-by-one: treats the end date as exclusive.
  if (faults.on('dashboard.date-filter-off-by-one'))
    return date >= filters.from && date < filters.to;
  return date >= filters.from && date <= filters.to;
}

export function inSegment(segment: Segment, filters: Filters): boolean {
  return filters.segment === 'all' || filters.segment === segment;
}

/** Reads an optional whole-number parameter in [min, max]; records a problem when invalid. */
export function parseWholeNumber(
  query: Record<string, unknown>,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = queryText(query, key);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new InvalidRequestError([
      `Invalid "${key}" value "${value}": expected a whole number from ${min} to ${max}.`,
    ]);
  }
  return number;
}
