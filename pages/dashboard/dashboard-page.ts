import { expect, type Locator, type Page } from '@playwright/test';

import { Chart } from './chart.ts';
import { DataTable } from './data-table.ts';
import { FilterBar } from './filter-bar.ts';

export const VIEW_LINKS = {
  overview: 'Overview',
  'ab-test': 'A/B test',
  segments: 'Segments',
  forecast: 'Forecast',
  recommendations: 'Recommendations',
  live: 'Live anomalies',
} as const;
export type ViewName = keyof typeof VIEW_LINKS;

/**
 * Base page object of every dashboard view: the navigation, the filter bar, the heading and the
 * status and error lines. Each view's page object adds its own charts and table.
 */
export class DashboardPage {
  readonly navigation: Locator;
  readonly filterBar: FilterBar;
  readonly main: Locator;
  readonly heading: Locator;
  readonly status: Locator;
  readonly error: Locator;
  readonly skipLink: Locator;

  constructor(
    readonly page: Page,
    protected readonly baseURL: string,
    readonly view: ViewName,
  ) {
    this.navigation = page.getByRole('navigation', { name: 'Views' });
    this.filterBar = new FilterBar(page);
    this.main = page.getByRole('main');
    this.heading = page.getByRole('heading', { level: 1 });
    this.status = page.locator('#status');
    this.error = page.getByRole('alert');
    this.skipLink = page.getByRole('link', { name: 'Skip to content' });
  }

  /** Opens this view, with `query` (for example `segment=smb`) as its URL state, and waits for it. */
  async open(query = ''): Promise<void> {
    await this.page.goto(`${this.baseURL}/${this.view}${query === '' ? '' : `?${query}`}`);
    await this.waitUntilRendered();
  }

  /** Waits until the view has drawn the data of its last request. */
  async waitUntilRendered(): Promise<void> {
    await expect(this.main).toHaveAttribute('aria-busy', 'false');
  }

  viewLink(view: ViewName): Locator {
    return this.navigation.getByRole('link', { name: VIEW_LINKS[view], exact: true });
  }

  /** Switches to another view through the navigation, keeping the filters. */
  async goToView(view: ViewName): Promise<void> {
    await this.viewLink(view).click();
    await this.waitUntilRendered();
  }

  chart(name: string): Chart {
    return new Chart(this.page.locator(`[data-chart="${name}"]`));
  }

  table(name: string): DataTable {
    return new DataTable(this.page, this.page.locator(`[data-table="${name}"]`));
  }

  /** Reads the URL's path and query, which contain the view's state. */
  urlState(): { path: string; query: URLSearchParams } {
    const url = new URL(this.page.url());
    return { path: url.pathname, query: url.searchParams };
  }
}
