import { expect, test } from '../../dashboard-fixtures.ts';

test.describe('dashboard by keyboard alone', () => {
  test('Tab and Enter switch views', { tag: '@DASHBOARD-050' }, async ({ sharedViews }) => {
    const { overview, abTest } = sharedViews;
    const { page } = overview;
    await overview.open();

    await page.keyboard.press('Tab');
    await expect(overview.skipLink).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(overview.viewLink('overview')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(overview.viewLink('ab-test')).toBeFocused();
    await page.keyboard.press('Enter');
    await abTest.waitUntilRendered();

    await expect(abTest.heading).toHaveText('A/B test');
    await expect(abTest.viewLink('ab-test')).toHaveAttribute('aria-current', 'page');
    await expect(abTest.main).toBeFocused();
  });

  test('arrow keys change a filter', { tag: '@DASHBOARD-051' }, async ({ sharedViews }) => {
    const { overview } = sharedViews;
    await overview.open();
    await overview.filterBar.segment.focus();

    await overview.page.keyboard.press('ArrowDown');
    await overview.waitUntilRendered();

    await expect(overview.filterBar.segment).toHaveValue('retail');
    expect(overview.urlState().query.get('segment')).toBe('retail');
  });

  test('Enter sorts and exports a table', { tag: '@DASHBOARD-052' }, async ({ sharedViews }) => {
    const { recommendations } = sharedViews;
    const { page } = recommendations;
    await recommendations.open();
    const table = recommendations.similarTable;

    await table.header('Rated both').getByRole('button').focus();
    await page.keyboard.press('Enter');

    await expect(table.header('Rated both')).toHaveAttribute('aria-sort', 'ascending');
    await page.keyboard.press('Space');
    await expect(table.header('Rated both')).toHaveAttribute('aria-sort', 'descending');

    await table.exportButton.focus();
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toBe('recommendations-similar.csv');
  });
});
