import type { Locator, Page } from '@playwright/test';

/** Values of the filter bar as the user sees them; segment and metric are option values. */
export interface FilterValues {
  from: string;
  to: string;
  segment: string;
  metric: string;
}

/** The filter bar shared by the dashboard's views: date range, segment and metric. */
export class FilterBar {
  readonly root: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly segment: Locator;
  readonly metric: Locator;
  readonly resetButton: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('form', { name: 'Filters' });
    this.from = this.root.getByLabel('From');
    this.to = this.root.getByLabel('To');
    this.segment = this.root.getByLabel('Segment');
    this.metric = this.root.getByLabel('Metric');
    this.resetButton = this.root.getByRole('button', { name: 'Reset filters' });
  }

  /** Sets both ends of the date range, `from` first, as a user would. */
  async setDateRange(from: string, to: string): Promise<void> {
    await this.from.fill(from);
    await this.to.fill(to);
  }

  /** Chooses a segment by its label, for example "Small business" or "All segments". */
  async chooseSegment(label: string): Promise<void> {
    await this.segment.selectOption({ label });
  }

  /** Chooses a metric by its label, for example "Orders". */
  async chooseMetric(label: string): Promise<void> {
    await this.metric.selectOption({ label });
  }

  async reset(): Promise<void> {
    await this.resetButton.click();
  }

  async values(): Promise<FilterValues> {
    return {
      from: await this.from.inputValue(),
      to: await this.to.inputValue(),
      segment: await this.segment.inputValue(),
      metric: await this.metric.inputValue(),
    };
  }
}
