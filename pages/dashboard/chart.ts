import type { Locator } from '@playwright/test';

/** One data point of a chart as its data table lists it. */
export interface ChartPoint {
  series: string;
  point: string;
  value: string;
}

/**
 * A chart card: the ECharts SVG and the collapsed data table that the page builds from the
 * options the chart holds, so reading the table reads what the chart draws.
 */
export class Chart {
  readonly svg: Locator;
  readonly dataToggle: Locator;
  readonly dataTable: Locator;
  readonly dataRows: Locator;

  constructor(readonly root: Locator) {
    this.svg = root.locator('.chart svg');
    this.dataToggle = root.locator('details > summary');
    this.dataTable = root.locator('.chart-data table');
    this.dataRows = this.dataTable.locator('tbody tr');
  }

  /** Opens the chart's data table, as a screen-reader user would, unless it is open already. */
  async showData(): Promise<void> {
    const isOpen = await this.root
      .locator('details')
      .evaluate((details) => (details as HTMLDetailsElement).open);
    if (!isOpen) await this.dataToggle.click();
    // The page builds the table when it opens, and rebuilds it on each redraw while open.
    await this.dataTable.waitFor({ state: 'attached' });
  }

  /** Opens the data table and reads every point that the chart draws. */
  async points(): Promise<ChartPoint[]> {
    await this.showData();
    return this.dataRows.evaluateAll((rows) =>
      rows.map((row) => {
        const cells = Array.from(
          (row as HTMLTableRowElement).cells,
          (cell) => cell.textContent ?? '',
        );
        return { series: cells[0] ?? '', point: cells[1] ?? '', value: cells[2] ?? '' };
      }),
    );
  }

  /** Returns the points of one series, in drawing order. */
  async series(name: string): Promise<ChartPoint[]> {
    return (await this.points()).filter((point) => point.series === name);
  }

  /** Finds a text element drawn in the SVG, such as a legend entry or an axis label. */
  svgText(text: string): Locator {
    return this.svg.locator('text').filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
