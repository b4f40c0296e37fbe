import jStat from 'jstat';

import { expect, test } from '../../dashboard-fixtures.ts';

interface AbTestBody {
  variants: { variant: string; customers: number; mean: number; sd: number }[];
  test: {
    difference: number;
    t: number;
    degreesOfFreedom: number;
    pValue: number;
    confidenceInterval: [number, number];
  };
  summary: string;
}

test.describe('dashboard API numbers', () => {
  test('date range includes both ends', { tag: '@DASHBOARD-009' }, async ({ dashboardApi }) => {
    const response = await dashboardApi
      .get('/api/overview')
      .query({ from: '2026-02-01', to: '2026-02-14' });
    const trend = (response.body as { trend: { date: string }[] }).trend;

    expect(response.status).toBe(200);
    expect(trend).toHaveLength(14);
    expect(trend[0]!.date).toBe('2026-02-01');
    expect(trend.at(-1)!.date).toBe('2026-02-14');
  });

  test('one-day range has one day', { tag: '@DASHBOARD-009' }, async ({ dashboardApi }) => {
    const response = await dashboardApi
      .get('/api/overview')
      .query({ from: '2026-03-10', to: '2026-03-10' });

    expect((response.body as { trend: unknown[] }).trend).toHaveLength(1);
  });

  test('A/B p-value is two-sided', { tag: '@DASHBOARD-010' }, async ({ dashboardApi }) => {
    const response = await dashboardApi.get('/api/ab-test').query({ metric: 'conversion' });
    const body = response.body as AbTestBody;
    const [a, b] = body.variants;

    // Welch's test recomputed from the reported group statistics, independently of the server.
    const shareA = a!.sd ** 2 / a!.customers;
    const shareB = b!.sd ** 2 / b!.customers;
    const standardError = Math.sqrt(shareA + shareB);
    const t = (b!.mean - a!.mean) / standardError;
    const df =
      (shareA + shareB) ** 2 /
      (shareA ** 2 / (a!.customers - 1) + shareB ** 2 / (b!.customers - 1));
    const twoSided = 2 * (1 - jStat.studentt.cdf(Math.abs(t), df));
    const critical = jStat.studentt.inv(0.975, df);

    expect(body.test.t).toBeCloseTo(t, 8);
    expect(body.test.degreesOfFreedom).toBeCloseTo(df, 6);
    expect(body.test.pValue).toBeCloseTo(twoSided, 8);
    expect(body.test.confidenceInterval[0]).toBeCloseTo(
      b!.mean - a!.mean - critical * standardError,
      8,
    );
    expect(body.test.confidenceInterval[1]).toBeCloseTo(
      b!.mean - a!.mean + critical * standardError,
      8,
    );
    expect(body.summary).toContain(`(p = ${twoSided.toFixed(3)})`);
  });

  test('segments add up to all customers', { tag: '@DASHBOARD-014' }, async ({ dashboardApi }) => {
    const countOf = async (segment: string): Promise<number> =>
      (
        (await dashboardApi.get('/api/overview').query({ segment })).body as {
          customerCount: number;
        }
      ).customerCount;

    const counts = await Promise.all(['retail', 'smb', 'enterprise'].map(countOf));

    expect(counts.every((count) => count > 0)).toBe(true);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(await countOf('all'));
  });

  test('forecast errors match its points', { tag: '@DASHBOARD-015' }, async ({ dashboardApi }) => {
    const response = await dashboardApi.get('/api/forecast').query({
      metric: 'sessions',
      segment: 'smb',
      from: '2026-03-01',
      to: '2026-05-31',
      holdout: 21,
    });
    const body = response.body as {
      holdout: { days: number; mae: number; mape: number };
      points: { part: string; actual: number; forecast: number; lower: number; upper: number }[];
    };
    const holdout = body.points.filter((point) => point.part === 'holdout');
    const errors = holdout.map((point) => Math.abs(point.actual - point.forecast));

    expect(body.points).toHaveLength(92);
    expect(holdout).toHaveLength(21);
    expect(body.holdout.mae).toBeCloseTo(errors.reduce((sum, error) => sum + error, 0) / 21, 8);
    const mape =
      (100 *
        holdout.reduce(
          (sum, point) => sum + Math.abs(point.actual - point.forecast) / point.actual,
          0,
        )) /
      21;
    expect(body.holdout.mape).toBeCloseTo(mape, 8);
    for (const point of holdout) {
      expect(point.lower).toBeLessThan(point.forecast);
      expect(point.upper).toBeGreaterThan(point.forecast);
    }
  });
});
