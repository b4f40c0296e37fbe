/**
 * Fixtures of the data dashboard's specs: its API client and a page object per view. Specs of
 * the dashboard import `test` and `expect` from here.
 *
 * `sharedViews` puts the page objects on one page per worker, which saves starting a browser
 * context for each test of the read-only specs. It is safe because every test opens its view
 * with a fresh URL first, and the dashboard keeps no state outside its URL.
 */
import type { Page, TestInfo } from '@playwright/test';

import type { ApiClient } from '../framework/api/index.ts';
import {
  AbTestPage,
  ForecastPage,
  LivePage,
  OverviewPage,
  RecommendationsPage,
  SegmentsPage,
} from '../pages/dashboard/index.ts';
import { expect, test as projectTest } from './fixtures.ts';

export interface DashboardViews {
  overview: OverviewPage;
  abTest: AbTestPage;
  segments: SegmentsPage;
  forecast: ForecastPage;
  recommendations: RecommendationsPage;
  live: LivePage;
}

interface DashboardFixtures {
  /** supertest client for the dashboard's API. */
  dashboardApi: ApiClient;
  /** Page objects of every view on this test's own page. */
  views: DashboardViews;
  /** Page objects of every view on the worker's shared page. */
  sharedViews: DashboardViews;
}

interface DashboardWorkerFixtures {
  sharedPage: Page;
}

function viewsOn(page: Page, baseURL: string): DashboardViews {
  return {
    overview: new OverviewPage(page, baseURL),
    abTest: new AbTestPage(page, baseURL),
    segments: new SegmentsPage(page, baseURL),
    forecast: new ForecastPage(page, baseURL),
    recommendations: new RecommendationsPage(page, baseURL),
    live: new LivePage(page, baseURL),
  };
}

async function attachScreenshotOnFailure(page: Page, testInfo: TestInfo): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus) return;
  await testInfo.attach('shared-page-screenshot', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
}

export const test = projectTest.extend<DashboardFixtures, DashboardWorkerFixtures>({
  sharedPage: [
    async ({ browser }, use) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await use(page);
      await context.close();
    },
    { scope: 'worker' },
  ],

  dashboardApi: async ({ api }, use) => {
    await use(api('dashboard'));
  },

  views: async ({ page, systemURL }, use) => {
    await use(viewsOn(page, systemURL('dashboard')));
  },

  sharedViews: async ({ sharedPage, systemURL }, use, testInfo) => {
    await use(viewsOn(sharedPage, systemURL('dashboard')));
    await attachScreenshotOnFailure(sharedPage, testInfo);
  },
});

export { expect };
