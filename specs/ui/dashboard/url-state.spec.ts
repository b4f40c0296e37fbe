import { AbTestPage } from '../../../pages/dashboard/index.ts';
import { expect, test } from '../../dashboard-fixtures.ts';

test.describe('dashboard URL state', () => {
  test(
    'a copied link restores the view',
    { tag: '@DASHBOARD-040' },
    async ({ sharedViews, browser, systemURL }) => {
      const { abTest } = sharedViews;
      await abTest.open();
      await abTest.filterBar.setDateRange('2026-02-01', '2026-05-31');
      await abTest.filterBar.chooseSegment('Retail');
      await abTest.filterBar.chooseMetric('Conversion');
      await abTest.waitUntilRendered();
      const link = abTest.page.url();
      const summary = await abTest.summary.textContent();
      const rows = await abTest.variantsTable.rows();

      const context = await browser.newContext();
      const restored = new AbTestPage(await context.newPage(), systemURL('dashboard'));
      await restored.page.goto(link);
      await restored.waitUntilRendered();

      expect(new URL(link).pathname).toBe('/ab-test');
      expect(Object.fromEntries(new URL(link).searchParams)).toEqual({
        from: '2026-02-01',
        to: '2026-05-31',
        segment: 'retail',
        metric: 'conversion',
      });
      expect(await restored.filterBar.values()).toEqual({
        from: '2026-02-01',
        to: '2026-05-31',
        segment: 'retail',
        metric: 'conversion',
      });
      await expect(restored.summary).toHaveText(summary!);
      expect(await restored.variantsTable.rows()).toEqual(rows);
      await context.close();
    },
  );

  test('back returns to the previous view', { tag: '@DASHBOARD-041' }, async ({ sharedViews }) => {
    const { overview, forecast } = sharedViews;
    await overview.open('metric=orders');
    await overview.goToView('forecast');
    await expect(forecast.heading).toHaveText('Forecast');

    await overview.page.goBack();
    await overview.waitUntilRendered();

    await expect(overview.heading).toHaveText('Exploratory overview');
    expect(overview.urlState().path).toBe('/overview');
    expect((await overview.filterBar.values()).metric).toBe('orders');
  });

  test('view settings live in the URL', { tag: '@DASHBOARD-040' }, async ({ sharedViews }) => {
    const { segments, recommendations } = sharedViews;

    await segments.open('k=3');

    await expect(segments.clusterCount).toHaveValue('3');
    await expect(segments.profilesTable.bodyRows).toHaveCount(3);

    await recommendations.open('item=item-09');

    await expect(recommendations.recommendationsHeading).toHaveText(
      'Customers who liked Tent also liked',
    );
  });

  test('an invalid URL value is explained', { tag: '@DASHBOARD-042' }, async ({ sharedViews }) => {
    const { overview } = sharedViews;

    await overview.open('segment=vip');

    await expect(overview.error).toHaveText(
      'Invalid "segment" value "vip": expected all, retail, smb, enterprise.',
    );
  });
});
