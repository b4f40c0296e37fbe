import { expect, test } from '../../dashboard-fixtures.ts';

test.describe('dashboard views', () => {
  test(
    'A/B summary matches the test',
    { tag: '@DASHBOARD-061' },
    async ({ sharedViews, dashboardApi }) => {
      const { abTest } = sharedViews;
      const expected = (await dashboardApi.get('/api/ab-test').query({ metric: 'conversion' }))
        .body as {
        summary: string;
        test: { pValue: number; difference: number };
        variants: { customers: number }[];
      };

      await abTest.open('metric=conversion');

      await expect(abTest.summary).toHaveText(expected.summary);
      await expect(abTest.summary).toHaveText(
        /^Variant B converts \d+\.\d points (better|worse) than A/,
      );
      await expect(abTest.pValue).toHaveText(expected.test.pValue.toFixed(3));
      await expect(abTest.difference).toHaveText(expected.test.difference.toFixed(4));
      expect(await abTest.variantsTable.column('Customers')).toEqual(
        expected.variants.map((variant) => String(variant.customers)),
      );
    },
  );

  test(
    'cluster count changes the segments',
    { tag: '@DASHBOARD-062' },
    async ({ sharedViews, dashboardApi }) => {
      const { segments } = sharedViews;
      await segments.open();

      await segments.chooseClusterCount(3);

      const expected = (await dashboardApi.get('/api/segments').query({ k: 3 })).body as {
        profiles: { customers: number }[];
      };
      expect(await segments.profilesTable.column('Customers')).toEqual(
        expected.profiles.map((profile) => String(profile.customers)),
      );
      for (const cluster of ['Cluster 1', 'Cluster 2', 'Cluster 3']) {
        await expect(segments.pcaChart.svgText(cluster)).toHaveCount(1);
      }
      await expect(segments.pcaChart.svgText('Cluster 4')).toHaveCount(0);
      expect(segments.urlState().query.get('k')).toBe('3');
    },
  );

  test(
    'item choice updates recommendations',
    { tag: '@DASHBOARD-063' },
    async ({ sharedViews, dashboardApi }) => {
      const { recommendations } = sharedViews;
      await recommendations.open();

      await recommendations.chooseItem('Road bike');

      const expected = (await dashboardApi.get('/api/recommendations').query({ item: 'item-05' }))
        .body as {
        similar: { name: string; similarity: number }[];
      };
      await expect(recommendations.recommendationsHeading).toHaveText(
        'Customers who liked Road bike also liked',
      );
      expect(await recommendations.similarTable.column('Item')).toEqual(
        expected.similar.map((item) => item.name),
      );
      const bars = await recommendations.similarChart.series('Cosine similarity');
      // The chart lists the most similar item last, at the top of its horizontal bars.
      expect(bars.map((bar) => bar.point).reverse()).toEqual(
        expected.similar.map((item) => item.name),
      );
    },
  );

  test(
    'forecast legend sits above the plot',
    { tag: '@DASHBOARD-064' },
    async ({ sharedViews }) => {
      const { forecast } = sharedViews;
      await forecast.open();

      const chart = await forecast.page.locator('#chart-forecast').boundingBox();
      // The chart's grid starts 40 px below its top edge; the legend must fit in that band.
      for (const entry of ['Actual', 'Fitted', 'Forecast', '95% band']) {
        const box = await forecast.forecastChart.svgText(entry).boundingBox();
        expect(box, `legend entry "${entry}"`).not.toBeNull();
        expect(box!.y + box!.height).toBeLessThanOrEqual(chart!.y + 40);
      }
    },
  );

  test('correlation scale spans -1 to 1', { tag: '@DASHBOARD-065' }, async ({ sharedViews }) => {
    const { overview } = sharedViews;
    await overview.open();

    // The scale's end labels; no correlation in the data is exactly -1, so "-1" can only be the scale.
    await expect(overview.correlationChart.svgText('-1')).toHaveCount(1);
    const negative = (await overview.correlationChart.series("Pearson's r")).filter(
      (cell) => Number(cell.value) < 0,
    );
    expect(negative.length).toBeGreaterThan(0);
  });
});
