import { describe, expect, it } from 'vitest';

import { checkEqualRows, diffRows } from '../../framework/data/index.ts';

const expected = [
  { station: 'OSL', hour: 1, temp: 1.5 },
  { station: 'OSL', hour: 2, temp: 2 },
  { station: 'NYC', hour: 1, temp: -3 },
];

describe('diffRows', () => {
  it('ignores row order', () => {
    const diff = diffRows([...expected].reverse(), expected);

    expect(diff).toEqual({ missing: [], unexpected: [], changed: [] });
  });

  it('counts repeated rows as a multiset', () => {
    const diff = diffRows([...expected, expected[0]!], expected);

    expect(diff.unexpected).toEqual([{ hour: 1, station: 'OSL', temp: 1.5 }]);
    expect(diff.missing).toEqual([]);
  });

  it('lists missing and unexpected rows', () => {
    const actual = [expected[0]!, expected[1]!, { station: 'REK', hour: 1, temp: 0 }];

    const diff = diffRows(actual, expected);

    expect(diff.missing).toEqual([{ hour: 1, station: 'NYC', temp: -3 }]);
    expect(diff.unexpected).toEqual([{ hour: 1, station: 'REK', temp: 0 }]);
  });

  it('pairs rows of one key as changed', () => {
    const actual = [expected[0]!, expected[1]!, { station: 'NYC', hour: 1, temp: -2 }];

    const diff = diffRows(actual, expected, { key: ['station', 'hour'] });

    expect(diff.missing).toEqual([]);
    expect(diff.unexpected).toEqual([]);
    expect(diff.changed).toEqual([
      {
        key: { station: 'NYC', hour: 1 },
        differences: [{ column: 'temp', expected: -3, actual: -2 }],
      },
    ]);
  });

  it('compares dates by instant', () => {
    const diff = diffRows(
      [{ at: new Date('2026-12-01T10:00:00Z') }],
      [{ at: '2026-12-01T10:00:00.000Z' }],
    );

    expect(diff.missing).toEqual([]);
  });

  it('compares only the named columns', () => {
    const diff = diffRows([{ a: 1, loadedAt: 5 }], [{ a: 1, loadedAt: 9 }], { columns: ['a'] });

    expect(diff.missing).toEqual([]);
  });
});

describe('checkEqualRows', () => {
  it('describes every difference in its message lines', () => {
    const actual = [
      expected[0]!,
      { station: 'NYC', hour: 1, temp: -2 },
      { station: 'REK', hour: 1, temp: 0 },
    ];

    const result = checkEqualRows(actual, expected, { key: ['station', 'hour'] });

    expect(result.pass).toBe(false);
    expect(result.summary).toBe(
      'has 3 rows where 3 were expected: 1 missing, 1 unexpected, 1 changed',
    );
    expect(result.details).toEqual([
      'Missing rows (1), expected but not found:',
      '  - { hour: 2, station: "OSL", temp: 2 }',
      'Unexpected rows (1), found but not expected:',
      '  + { hour: 1, station: "REK", temp: 0 }',
      'Changed rows (1), same key with other values:',
      '  ~ { station: "NYC", hour: 1 }: temp expected -3, actual -2',
    ]);
  });

  it('caps long lists and counts the rest', () => {
    const many = Array.from({ length: 15 }, (_, hour) => ({ station: 'OSL', hour, temp: 0 }));

    const result = checkEqualRows([], many);

    expect(result.details).toHaveLength(12);
    expect(result.details.at(-1)).toBe('… and 5 more');
  });
});
