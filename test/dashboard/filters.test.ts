import { describe, expect, it } from 'vitest';

import {
  inDateRange,
  InvalidRequestError,
  parseFilters,
  parseWholeNumber,
} from '../../systems-under-test/dashboard/src/filters.ts';
import { filters } from './small-dataset.ts';

describe('filters', () => {
  it('defaults cover the whole data set', () => {
    expect(parseFilters({})).toEqual({
      from: '2026-01-01',
      to: '2026-06-29',
      segment: 'all',
      metric: 'revenue',
    });
  });

  it('date range includes both ends', () => {
    const range = filters({ from: '2026-02-01', to: '2026-02-03' });

    expect(inDateRange('2026-01-31', range)).toBe(false);
    expect(inDateRange('2026-02-01', range)).toBe(true);
    expect(inDateRange('2026-02-03', range)).toBe(true);
    expect(inDateRange('2026-02-04', range)).toBe(false);
  });

  it('lists every invalid value', () => {
    let caught: unknown;
    try {
      parseFilters({ from: '2026-02-30', segment: 'vip', metric: 'profit' });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(InvalidRequestError);
    expect((caught as InvalidRequestError).problems).toEqual([
      'Invalid "from" value "2026-02-30": expected a date as YYYY-MM-DD, for example 2026-01-01.',
      'Invalid "segment" value "vip": expected all, retail, smb, enterprise.',
      'Invalid "metric" value "profit": expected one of revenue, orders, sessions, conversion.',
    ]);
  });

  it('rejects dates outside the data set and reversed ranges', () => {
    expect(() => parseFilters({ to: '2027-01-01' })).toThrow(
      '"to" value 2027-01-01 is outside the data set: choose a date from 2026-01-01 to 2026-06-29.',
    );
    expect(() => parseFilters({ from: '2026-03-01', to: '2026-02-01' })).toThrow(
      '"from" (2026-03-01) is after "to" (2026-02-01): swap them or move "from" earlier.',
    );
  });

  it('a repeated parameter takes its last value', () => {
    expect(parseFilters({ segment: ['smb', 'retail'] }).segment).toBe('retail');
  });

  it('whole numbers are checked against their range', () => {
    expect(parseWholeNumber({ k: '3' }, 'k', 4, 2, 8)).toBe(3);
    expect(parseWholeNumber({}, 'k', 4, 2, 8)).toBe(4);
    expect(() => parseWholeNumber({ k: '9' }, 'k', 4, 2, 8)).toThrow(
      'Invalid "k" value "9": expected a whole number from 2 to 8.',
    );
    expect(() => parseWholeNumber({ k: '2.5' }, 'k', 4, 2, 8)).toThrow(/"2.5"/);
  });
});
