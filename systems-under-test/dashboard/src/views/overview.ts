/** Exploratory overview: per-column statistics, missing values, a distribution, correlations. */
import { CUSTOMER_COLUMNS, type CustomerColumn } from '../data/catalogue.ts';
import type { Dataset } from '../data/dataset.ts';
import {
  histogram,
  mean,
  pearson,
  present,
  quantile,
  standardDeviation,
  type HistogramBin,
} from '../stats/descriptive.ts';
import type { Filters } from '../filters.ts';
import { customerColumnOf, filterCustomers } from './customers.ts';
import { dailySeries, type DailyPoint } from './daily-series.ts';

/** Bins of the distribution chart: Sturges' rule gives 11 for the 900 customers of the data set. */
export const HISTOGRAM_BINS = 12;

export interface ColumnSummary {
  column: CustomerColumn;
  count: number;
  missing: number;
  /** missing / (count + missing); 0 when the filters leave no customer. */
  missingShare: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  median: number | null;
  max: number | null;
}

export interface Overview {
  filters: Filters;
  customerCount: number;
  columns: ColumnSummary[];
  distribution: { column: CustomerColumn; bins: HistogramBin[] };
  correlations: { columns: CustomerColumn[]; matrix: (number | null)[][] };
  trend: DailyPoint[];
}

/** NaN, for example the deviation of one value, becomes null, because JSON has no NaN. */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function summariseColumn(
  column: CustomerColumn,
  values: readonly (number | null)[],
): ColumnSummary {
  const known = present(values);
  const missing = values.length - known.length;
  return {
    column,
    count: known.length,
    missing,
    missingShare: values.length === 0 ? 0 : missing / values.length,
    mean: finiteOrNull(mean(known)),
    sd: finiteOrNull(standardDeviation(known)),
    min: known.length === 0 ? null : Math.min(...known),
    median: finiteOrNull(quantile(known, 0.5)),
    max: known.length === 0 ? null : Math.max(...known),
  };
}

export function computeOverview(dataset: Dataset, filters: Filters): Overview {
  const customers = filterCustomers(dataset, filters);
  const columnValues = Object.fromEntries(
    CUSTOMER_COLUMNS.map((column) => [column, customers.map((customer) => customer[column])]),
  ) as Record<CustomerColumn, (number | null)[]>;

  const distributionColumn = customerColumnOf(filters.metric);
  const matrix = CUSTOMER_COLUMNS.map((row) =>
    CUSTOMER_COLUMNS.map((column) =>
      finiteOrNull(pearson(columnValues[row], columnValues[column])),
    ),
  );

  return {
    filters,
    customerCount: customers.length,
    columns: CUSTOMER_COLUMNS.map((column) => summariseColumn(column, columnValues[column])),
    distribution: {
      column: distributionColumn,
      bins: histogram(present(columnValues[distributionColumn]), HISTOGRAM_BINS),
    },
    correlations: { columns: [...CUSTOMER_COLUMNS], matrix },
    trend: dailySeries(dataset, filters),
  };
}
