import type { Locator, Page } from '@playwright/test';

import type { Chart } from './chart.ts';
import { DashboardPage } from './dashboard-page.ts';
import type { DataTable } from './data-table.ts';

/** Exploratory overview: trend, distribution, missing values, correlations, column statistics. */
export class OverviewPage extends DashboardPage {
  readonly customers: Locator;
  readonly trendChart: Chart;
  readonly distributionChart: Chart;
  readonly missingChart: Chart;
  readonly correlationChart: Chart;
  readonly columnsTable: DataTable;

  constructor(page: Page, baseURL: string) {
    super(page, baseURL, 'overview');
    this.customers = page.locator('#overview-customers');
    this.trendChart = this.chart('trend');
    this.distributionChart = this.chart('distribution');
    this.missingChart = this.chart('missing');
    this.correlationChart = this.chart('correlations');
    this.columnsTable = this.table('columns');
  }
}

/** A/B test: the plain-language summary, the test's figures, two charts and the variants table. */
export class AbTestPage extends DashboardPage {
  readonly summary: Locator;
  readonly difference: Locator;
  readonly interval: Locator;
  readonly pValue: Locator;
  readonly meansChart: Chart;
  readonly differenceChart: Chart;
  readonly variantsTable: DataTable;

  constructor(page: Page, baseURL: string) {
    super(page, baseURL, 'ab-test');
    this.summary = page.locator('#ab-summary');
    this.difference = page.locator('#ab-difference');
    this.interval = page.locator('#ab-interval');
    this.pValue = page.locator('#ab-p-value');
    this.meansChart = this.chart('ab-means');
    this.differenceChart = this.chart('ab-difference');
    this.variantsTable = this.table('variants');
  }
}

/** Customer segments: the cluster count, the PCA scatter, the metric per cluster and profiles. */
export class SegmentsPage extends DashboardPage {
  readonly clusterCount: Locator;
  readonly note: Locator;
  readonly pcaChart: Chart;
  readonly profileChart: Chart;
  readonly profilesTable: DataTable;

  constructor(page: Page, baseURL: string) {
    super(page, baseURL, 'segments');
    this.clusterCount = page.getByLabel('Clusters (k)');
    this.note = page.locator('#segments-note');
    this.pcaChart = this.chart('pca');
    this.profileChart = this.chart('profile');
    this.profilesTable = this.table('profiles');
  }

  async chooseClusterCount(k: number): Promise<void> {
    await this.clusterCount.selectOption(String(k));
    await this.waitUntilRendered();
  }
}

/** Forecast: holdout errors, the model, the forecast chart with its band and the holdout table. */
export class ForecastPage extends DashboardPage {
  readonly mae: Locator;
  readonly mape: Locator;
  readonly model: Locator;
  readonly forecastChart: Chart;
  readonly holdoutTable: DataTable;

  constructor(page: Page, baseURL: string) {
    super(page, baseURL, 'forecast');
    this.mae = page.locator('#forecast-mae');
    this.mape = page.locator('#forecast-mape');
    this.model = page.locator('#forecast-model');
    this.forecastChart = this.chart('forecast');
    this.holdoutTable = this.table('holdout');
  }
}

/** Recommendations: the chosen item and the items most similar to it. */
export class RecommendationsPage extends DashboardPage {
  readonly item: Locator;
  readonly recommendationsHeading: Locator;
  readonly similarChart: Chart;
  readonly similarTable: DataTable;

  constructor(page: Page, baseURL: string) {
    super(page, baseURL, 'recommendations');
    // The label wraps the select, so its accessible name also contains the chosen option.
    this.item = page.locator('#recommendations-item');
    this.recommendationsHeading = page.getByRole('heading', { level: 2 });
    this.similarChart = this.chart('similar');
    this.similarTable = this.table('similar');
  }

  async chooseItem(name: string): Promise<void> {
    await this.item.selectOption({ label: name });
    await this.waitUntilRendered();
  }
}

/** Live anomalies: the streamed sensor chart, its counters and the flagged readings. */
export class LivePage extends DashboardPage {
  readonly sensor: Locator;
  readonly pauseButton: Locator;
  readonly readingCount: Locator;
  readonly anomalyCount: Locator;
  readonly liveChart: Chart;
  readonly anomaliesTable: DataTable;

  constructor(page: Page, baseURL: string) {
    super(page, baseURL, 'live');
    this.sensor = page.locator('#live-sensor');
    this.pauseButton = page.locator('#live-toggle');
    this.readingCount = page.locator('#live-count');
    this.anomalyCount = page.locator('#live-anomalies');
    this.liveChart = this.chart('live');
    this.anomaliesTable = this.table('anomalies');
  }

  /** Reads the "Readings received" counter. */
  async readingsReceived(): Promise<number> {
    return Number(await this.readingCount.textContent());
  }
}
