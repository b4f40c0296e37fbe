import { describe, expect, it } from 'vitest';

import {
  checkFreshness,
  checkNoNulls,
  checkReferences,
  checkRowCount,
  checkUniqueKey,
  checkValuesInRange,
  checkValuesInSet,
} from '../../framework/data/index.ts';

const readings = [
  { station: 'OSL', at: new Date('2026-12-01T10:00:00Z'), temp: 1.5 },
  { station: 'OSL', at: new Date('2026-12-01T11:00:00Z'), temp: 2 },
  { station: 'NYC', at: new Date('2026-12-01T10:00:00Z'), temp: -3 },
];

describe('checkRowCount', () => {
  it('passes an exact count', () => {
    expect(checkRowCount(readings, 3).pass).toBe(true);
  });

  it('fails outside a range and names both', () => {
    const result = checkRowCount(readings, { min: 4, max: 10 });

    expect(result.pass).toBe(false);
    expect(result.summary).toBe('has 3 rows; expected 4 to 10');
  });

  it('accepts one bound', () => {
    expect(checkRowCount(readings, { max: 3 }).pass).toBe(true);
    expect(checkRowCount(readings, { min: 4 }).summary).toContain('at least 4');
  });

  it('rejects a range with min above max', () => {
    expect(() => checkRowCount(readings, { min: 5, max: 1 })).toThrow(/min 5 above max 1/);
  });
});

describe('checkUniqueKey', () => {
  it('passes a unique composite key', () => {
    expect(checkUniqueKey(readings, ['station', 'at']).pass).toBe(true);
  });

  it('lists duplicated keys with their counts', () => {
    const rows = [...readings, { ...readings[0] }, { ...readings[0] }];

    const result = checkUniqueKey(rows, ['station', 'at']);

    expect(result.pass).toBe(false);
    expect(result.summary).toBe('has 1 duplicated (station, at) value, 2 extra rows in all');
    expect(result.details).toEqual([
      '{ station: "OSL", at: "2026-12-01T10:00:00.000Z" } appears 3 times',
    ]);
  });

  it('rejects a column the rows lack', () => {
    expect(() => checkUniqueKey(readings, ['stations'], 'table readings')).toThrow(
      'table readings has no column "stations"; its columns are station, at, temp.',
    );
  });
});

describe('checkNoNulls', () => {
  it('counts NULLs per column', () => {
    const rows = [
      ...readings,
      { station: null, at: null, temp: 1 },
      { station: 'REK', at: null, temp: 1 },
    ];

    const result = checkNoNulls(rows, ['station', 'at']);

    expect(result.pass).toBe(false);
    expect(result.summary).toBe('has NULLs in 2 of 5 rows (station 1, at 2)');
    expect(result.details[0]).toBe(
      'row 4: station, at NULL in { station: null, at: null, temp: 1 }',
    );
  });

  it('passes rows without NULLs', () => {
    expect(checkNoNulls(readings, ['station', 'at', 'temp']).pass).toBe(true);
  });
});

describe('checkValuesInSet and checkValuesInRange', () => {
  it('names values outside the set', () => {
    const result = checkValuesInSet(readings, 'station', ['OSL']);

    expect(result.pass).toBe(false);
    expect(result.details).toEqual(['station = "NYC" in 1 row']);
  });

  it('names values outside the range, ends included', () => {
    expect(checkValuesInRange(readings, 'temp', { min: -3, max: 2 }).pass).toBe(true);

    const result = checkValuesInRange(readings, 'temp', { min: 0 });

    expect(result.pass).toBe(false);
    expect(result.summary).toBe('has 1 row whose temp is outside 0..∞ or not a number');
  });

  it('compares dates with a date range', () => {
    const result = checkValuesInRange(readings, 'at', { max: new Date('2026-12-01T10:30:00Z') });

    expect(result.pass).toBe(false);
    expect(result.details).toHaveLength(1);
  });

  it('fails a NULL in a range check', () => {
    expect(checkValuesInRange([{ temp: null }], 'temp', { min: 0 }).pass).toBe(false);
  });
});

describe('checkReferences', () => {
  const stations = [{ code: 'OSL' }, { code: 'REK' }];

  it('lists orphan keys once with their row count', () => {
    const result = checkReferences(
      readings,
      stations,
      { columns: ['station'], referencedColumns: ['code'] },
      { child: 'table readings', parent: 'table stations' },
    );

    expect(result.pass).toBe(false);
    expect(result.summary).toBe(
      'has 1 row whose (station) is missing from table stations (code): 1 distinct key',
    );
    expect(result.details).toEqual(['{ station: "NYC" } in 1 row']);
  });

  it('skips NULL keys as SQL foreign keys do', () => {
    const rows = [{ station: null }, { station: 'OSL' }];

    expect(
      checkReferences(rows, stations, { columns: ['station'], referencedColumns: ['code'] }).pass,
    ).toBe(true);
  });

  it('rejects column lists of different lengths', () => {
    expect(() =>
      checkReferences(readings, stations, {
        columns: ['station', 'at'],
        referencedColumns: ['code'],
      }),
    ).toThrow(/as many referencedColumns/);
  });
});

describe('checkFreshness', () => {
  const now = new Date('2026-12-01T11:30:00Z');

  it('passes when the newest value is young enough', () => {
    expect(checkFreshness(readings, 'at', { maxAgeMs: 3_600_000, now }).pass).toBe(true);
  });

  it('fails a stale table with the age', () => {
    const result = checkFreshness(readings, 'at', { maxAgeMs: 600_000, now });

    expect(result.pass).toBe(false);
    expect(result.summary).toBe(
      'has its newest at 2026-12-01T11:00:00.000Z, 30 min old; expected at most 10 min',
    );
  });

  it('fails a timestamp far in the future', () => {
    const result = checkFreshness(readings, 'at', {
      maxAgeMs: 600_000,
      now: new Date('2026-12-01T09:00:00Z'),
    });

    expect(result.pass).toBe(false);
    expect(result.summary).toContain('in the future');
  });

  it('fails an empty table', () => {
    expect(checkFreshness([], 'at', { maxAgeMs: 1000, now }).pass).toBe(false);
  });
});
