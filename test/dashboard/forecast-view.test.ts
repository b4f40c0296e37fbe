import { describe, expect, it } from 'vitest';

import { addDays } from '../../systems-under-test/dashboard/src/data/dates.ts';
import { computeForecast } from '../../systems-under-test/dashboard/src/views/forecast.ts';
import { daily, dataset, filters } from './small-dataset.ts';

/** Orders that grow by 3 a day with a fixed weekly pattern, which Holt-Winters fits exactly. */
function exactDaily(days: number) {
  const pattern = [4, 6, -2, 0, 1, -5, -4];
  return Array.from({ length: days }, (_, day) =>
    daily(addDays('2026-01-01', day), 'retail', 1000, 200 + 3 * day + pattern[day % 7]!, 0),
  );
}

describe('forecast view', () => {
  it('scores a perfect model with zero error', () => {
    const result = computeForecast(
      dataset({ daily: exactDaily(42) }),
      filters({ metric: 'orders', to: '2026-02-11' }),
      14,
    );

    expect(result.points).toHaveLength(42);
    expect(result.points.filter((point) => point.part === 'holdout')).toHaveLength(14);
    expect(result.holdout.mae).toBeCloseTo(0, 8);
    expect(result.holdout.mape).toBeCloseTo(0, 8);
    const last = result.points.at(-1)!;
    expect(last.forecast).toBeCloseTo(last.actual, 8);
    // The band is the forecast plus or minus 1.96 times a residual deviation of 0.
    expect(last.upper! - last.lower!).toBeCloseTo(0, 8);
  });

  it('holdout errors match the points', () => {
    const data = exactDaily(60).map((row, index) => ({
      ...row,
      orders: row.orders + (index % 3) * 5,
    }));

    const result = computeForecast(dataset({ daily: data }), filters({ metric: 'orders' }), 14);
    const holdout = result.points.filter((point) => point.part === 'holdout');
    const mae =
      holdout.reduce((sum, point) => sum + Math.abs(point.actual - point.forecast!), 0) / 14;

    expect(result.holdout.mae).toBeCloseTo(mae, 10);
    for (const point of holdout) {
      expect(point.lower!).toBeLessThan(point.forecast!);
      expect(point.upper!).toBeGreaterThan(point.forecast!);
    }
  });

  it('rejects a range too short for the holdout', () => {
    expect(() =>
      computeForecast(dataset({ daily: exactDaily(20) }), filters({ metric: 'orders' }), 14),
    ).toThrow(/holds 20 days, but a forecast with a 14-day holdout needs at least 28/);
  });
});
