import type { Locator } from '@playwright/test';

import type { DashboardPage } from '../../../pages/dashboard/index.ts';
import { expect, test, type DashboardViews } from '../../dashboard-fixtures.ts';

/** Two layouts: two chart columns on a desktop, one column on a narrow window. */
const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  narrow: { width: 760, height: 1000 },
} as const;

interface ViewCase {
  name: string;
  query: string;
  pick: (views: DashboardViews) => DashboardPage;
  /** Content that changes while the view is open, painted over before the capture. */
  live?: (views: DashboardViews) => Locator[];
}

const VIEW_CASES: ViewCase[] = [
  { name: 'overview', query: '', pick: (views) => views.overview },
  { name: 'ab-test', query: 'metric=conversion', pick: (views) => views.abTest },
  { name: 'segments', query: '', pick: (views) => views.segments },
  { name: 'forecast', query: '', pick: (views) => views.forecast },
  { name: 'recommendations', query: '', pick: (views) => views.recommendations },
  {
    name: 'live',
    query: 'interval=1000',
    pick: (views) => views.live,
    live: ({ live }) => [
      live.liveChart.root,
      live.readingCount,
      live.anomalyCount,
      live.page.locator('#live-last'),
      live.anomaliesTable.root,
    ],
  },
];

for (const [layout, viewport] of Object.entries(VIEWPORTS)) {
  test.describe(`dashboard views look as approved, ${layout}`, () => {
    for (const viewCase of VIEW_CASES) {
      const tag = layout === 'desktop' ? '@DASHBOARD-070' : '@DASHBOARD-071';
      test(`${viewCase.name} view`, { tag }, async ({ sharedViews, sharedPage }) => {
        await sharedPage.setViewportSize(viewport);
        const view = viewCase.pick(sharedViews);
        await view.open(viewCase.query);

        await expect(sharedPage).toMatchBaseline(`${viewCase.name}-${layout}`, {
          fullPage: true,
          mask: viewCase.live?.(sharedViews) ?? [],
        });
      });
    }
  });
}
