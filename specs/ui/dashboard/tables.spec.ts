import { expect, test } from '../../dashboard-fixtures.ts';
import { parseCsv } from './csv.ts';

const byNumber = (a: number, b: number): number => a - b;

test.describe('dashboard tables', () => {
  test('numeric column sorts as numbers', { tag: '@DASHBOARD-030' }, async ({ sharedViews }) => {
    const { overview } = sharedViews;
    await overview.open();
    const table = overview.columnsTable;
    const means = (await table.column('Mean')).map(Number);

    await table.sortBy('Mean');

    await expect(table.header('Mean')).toHaveAttribute('aria-sort', 'ascending');
    expect((await table.column('Mean')).map(Number)).toEqual([...means].sort(byNumber));

    await table.sortBy('Mean');

    await expect(table.header('Mean')).toHaveAttribute('aria-sort', 'descending');
    expect((await table.column('Mean')).map(Number)).toEqual([...means].sort(byNumber).reverse());
  });

  test('text column sorts alphabetically', { tag: '@DASHBOARD-031' }, async ({ sharedViews }) => {
    const { overview } = sharedViews;
    await overview.open();
    const table = overview.columnsTable;

    await table.sortBy('Column');

    expect(await table.column('Column')).toEqual([
      'Age',
      'Converted',
      'Orders',
      'Revenue (EUR)',
      'Satisfaction (1–10)',
      'Sessions',
      'Tenure (months)',
    ]);
    await expect(table.header('Mean')).toHaveAttribute('aria-sort', 'none');
  });

  test('sort survives a filter change', { tag: '@DASHBOARD-031' }, async ({ sharedViews }) => {
    const { overview } = sharedViews;
    await overview.open();
    await overview.columnsTable.sortBy('SD');

    await overview.filterBar.chooseSegment('Retail');
    await overview.waitUntilRendered();

    const deviations = (await overview.columnsTable.column('SD')).map(Number);
    expect(deviations).toEqual([...deviations].sort(byNumber));
  });

  test('CSV export equals the table', { tag: '@DASHBOARD-035' }, async ({ sharedViews }) => {
    const { overview } = sharedViews;
    await overview.open('segment=smb');

    const { filename, text } = await overview.columnsTable.exportCsv();

    expect(filename).toBe('overview-columns.csv');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(await overview.columnsTable.headerLabels());
    expect(rows).toEqual(await overview.columnsTable.rows());
  });

  test('CSV export keeps the sort order', { tag: '@DASHBOARD-036' }, async ({ sharedViews }) => {
    const { forecast } = sharedViews;
    await forecast.open('metric=sessions');
    await forecast.holdoutTable.sortBy('Error');
    await forecast.holdoutTable.sortBy('Error');

    const { filename, text } = await forecast.holdoutTable.exportCsv();

    expect(filename).toBe('forecast-holdout.csv');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['Date', 'Actual', 'Forecast', 'Band low', 'Band high', 'Error']);
    expect(rows).toEqual(await forecast.holdoutTable.rows());
    const errors = rows.map((row) => Number(row[5]));
    expect(errors).toEqual([...errors].sort(byNumber).reverse());
  });
});
