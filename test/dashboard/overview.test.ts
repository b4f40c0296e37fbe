import { describe, expect, it } from 'vitest';

import {
  computeOverview,
  summariseColumn,
} from '../../systems-under-test/dashboard/src/views/overview.ts';
import { customer, daily, dataset, filters } from './small-dataset.ts';

describe('overview', () => {
  it('summarises a column with a missing value', () => {
    // Known values 20, 30, 40: mean 30, s = 10, median 30; one of four missing.
    const summary = summariseColumn('age', [20, null, 40, 30]);

    expect(summary).toEqual({
      column: 'age',
      count: 3,
      missing: 1,
      missingShare: 0.25,
      mean: 30,
      sd: 10,
      min: 20,
      median: 30,
      max: 40,
    });
  });

  it('summary of an empty column is null', () => {
    expect(summariseColumn('age', [])).toMatchObject({
      count: 0,
      missingShare: 0,
      mean: null,
      sd: null,
      min: null,
    });
  });

  it('filters customers and sums the daily trend', () => {
    const data = dataset({
      customers: [
        customer({ id: 'a', age: null, revenue: 10, orders: 1, converted: 1 }),
        customer({ id: 'b', revenue: 30, orders: 2, converted: 1, satisfaction: null }),
        customer({ id: 'c', segment: 'smb', revenue: 500 }),
        customer({ id: 'd', signupDate: '2026-02-01', revenue: 1000 }),
      ],
      daily: [
        daily('2026-01-01', 'retail', 100, 10, 50),
        daily('2026-01-01', 'smb', 50, 5, 25),
        daily('2026-01-02', 'retail', 200, 10, 80),
        daily('2026-01-03', 'retail', 300, 30, 90),
      ],
    });

    const overview = computeOverview(
      data,
      filters({ from: '2026-01-01', to: '2026-01-02', segment: 'retail', metric: 'conversion' }),
    );

    expect(overview.customerCount).toBe(2);
    const byColumn = Object.fromEntries(overview.columns.map((column) => [column.column, column]));
    expect(byColumn.age).toMatchObject({ count: 1, missing: 1, missingShare: 0.5 });
    expect(byColumn.satisfaction).toMatchObject({ count: 1, missing: 1 });
    expect(byColumn.revenue).toMatchObject({ mean: 20, min: 10, max: 30 });
    // Conversion per day is orders / sessions of the segment: 10 / 100 and 10 / 200.
    expect(overview.trend).toEqual([
      { date: '2026-01-01', value: 0.1 },
      { date: '2026-01-02', value: 0.05 },
    ]);
    expect(overview.distribution.column).toBe('converted');
  });

  it('correlation matrix is symmetric with 1 on the diagonal', () => {
    const data = dataset({
      customers: [1, 2, 3, 4, 5].map((index) =>
        customer({
          id: `c${index}`,
          sessions: index,
          orders: 6 - index,
          revenue: index * 10,
          tenureMonths: index % 2,
        }),
      ),
    });

    const { columns, matrix } = computeOverview(data, filters()).correlations;
    const sessions = columns.indexOf('sessions');
    const orders = columns.indexOf('orders');
    const revenue = columns.indexOf('revenue');

    expect(matrix[sessions]![sessions]).toBeCloseTo(1, 12);
    expect(matrix[sessions]![orders]).toBeCloseTo(-1, 12);
    expect(matrix[orders]![sessions]).toBeCloseTo(-1, 12);
    expect(matrix[sessions]![revenue]).toBeCloseTo(1, 12);
    // Age is the same for everyone, so its correlations are undefined and sent as null.
    expect(matrix[columns.indexOf('age')]![sessions]).toBeNull();
  });
});
