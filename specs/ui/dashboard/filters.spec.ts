import { expect, test } from '../../dashboard-fixtures.ts';

interface OverviewBody {
  customerCount: number;
  columns: { column: string; count: number; missing: number }[];
  distribution: { bins: { count: number }[] };
  correlations: { matrix: (number | null)[][] };
  trend: { date: string; value: number }[];
}

test.describe('dashboard filters', () => {
  test(
    'segment updates every overview chart',
    { tag: '@DASHBOARD-020' },
    async ({ sharedViews, dashboardApi }) => {
      const { overview } = sharedViews;
      await overview.open();

      await overview.filterBar.chooseSegment('Small business');
      await overview.waitUntilRendered();

      const expected = (await dashboardApi.get('/api/overview').query({ segment: 'smb' }))
        .body as OverviewBody;
      await expect(overview.customers).toHaveText(String(expected.customerCount));
      const trend = await overview.trendChart.series('Revenue (EUR)');
      expect(trend.map((point) => point.point)).toEqual(expected.trend.map((point) => point.date));
      expect(trend.map((point) => Number(point.value))).toEqual(
        expected.trend.map((point) => point.value),
      );
      const distribution = await overview.distributionChart.series('Customers');
      expect(distribution.map((point) => Number(point.value))).toEqual(
        expected.distribution.bins.map((bin) => bin.count),
      );
      const missing = await overview.missingChart.series('Missing values');
      expect(missing.map((point) => Number(point.value))).toEqual(
        expected.columns.map((column) => column.missing),
      );
      const correlations = await overview.correlationChart.series("Pearson's r");
      expect(correlations.map((point) => point.value)).toEqual(
        expected.correlations.matrix
          .flat()
          .map((r) => (r === null ? '–' : String(Math.round(r * 100) / 100))),
      );
      expect(await overview.columnsTable.column('Values')).toEqual(
        expected.columns.map((column) => String(column.count)),
      );
    },
  );

  test('date range narrows the trend', { tag: '@DASHBOARD-021' }, async ({ sharedViews }) => {
    const { overview } = sharedViews;
    await overview.open();

    await overview.filterBar.setDateRange('2026-02-01', '2026-02-14');
    await overview.waitUntilRendered();

    const trend = await overview.trendChart.series('Revenue (EUR)');
    expect(trend).toHaveLength(14);
    expect(trend[0]!.point).toBe('2026-02-01');
    expect(trend.at(-1)!.point).toBe('2026-02-14');
    expect(overview.urlState().query.get('from')).toBe('2026-02-01');
    expect(overview.urlState().query.get('to')).toBe('2026-02-14');
  });

  test(
    'metric updates the forecast chart and table',
    { tag: '@DASHBOARD-022' },
    async ({ sharedViews, dashboardApi }) => {
      const { forecast } = sharedViews;
      await forecast.open();

      await forecast.filterBar.chooseMetric('Orders');
      await forecast.waitUntilRendered();

      const expected = (await dashboardApi.get('/api/forecast').query({ metric: 'orders' }))
        .body as {
        points: { part: string; actual: number }[];
      };
      await expect(forecast.forecastChart.svgText('Orders')).toHaveCount(1);
      const actual = await forecast.forecastChart.series('Actual');
      expect(actual.map((point) => Number(point.value))).toEqual(
        expected.points.map((point) => point.actual),
      );
      expect(await forecast.holdoutTable.column('Actual')).toEqual(
        expected.points
          .filter((point) => point.part === 'holdout')
          .map((point) => point.actual.toFixed(2)),
      );
    },
  );

  test('reversed date range shows an error', { tag: '@DASHBOARD-023' }, async ({ sharedViews }) => {
    const { abTest } = sharedViews;
    await abTest.open();

    await abTest.filterBar.setDateRange('2026-05-01', '2026-04-01');
    await abTest.waitUntilRendered();

    await expect(abTest.error).toBeVisible();
    await expect(abTest.error).toHaveText(
      '"from" (2026-05-01) is after "to" (2026-04-01): swap them or move "from" earlier.',
    );
  });

  test('reset restores the defaults', { tag: '@DASHBOARD-024' }, async ({ sharedViews }) => {
    const { segments } = sharedViews;
    await segments.open('segment=retail&metric=orders&from=2026-03-01');

    await segments.filterBar.reset();
    await segments.waitUntilRendered();

    expect(await segments.filterBar.values()).toEqual({
      from: '2026-01-01',
      to: '2026-06-29',
      segment: 'all',
      metric: 'revenue',
    });
    expect(segments.urlState().query.toString()).toBe('');
  });

  test(
    'filters carry over to another view',
    { tag: '@DASHBOARD-025' },
    async ({ sharedViews, dashboardApi }) => {
      const { overview, abTest } = sharedViews;
      await overview.open();
      await overview.filterBar.chooseSegment('Enterprise');
      await overview.waitUntilRendered();

      await overview.goToView('ab-test');

      await expect(abTest.heading).toHaveText('A/B test');
      expect((await abTest.filterBar.values()).segment).toBe('enterprise');
      const expected = (await dashboardApi.get('/api/overview').query({ segment: 'enterprise' }))
        .body as OverviewBody;
      const customers = (await abTest.variantsTable.column('Customers')).map(Number);
      expect(customers[0]! + customers[1]!).toBe(expected.customerCount);
    },
  );
});
