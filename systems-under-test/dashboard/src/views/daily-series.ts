import type { Metric } from '../data/catalogue.ts';
import type { Dataset } from '../data/dataset.ts';
import { inDateRange, inSegment, type Filters } from '../filters.ts';

export interface DailyPoint {
  date: string;
  value: number;
}

/**
 * Sums the daily rows in the filters' range and segment per date, then takes the metric:
 * conversion is orders divided by sessions of the summed rows, not a mean of daily rates.
 */
export function dailySeries(
  dataset: Dataset,
  filters: Filters,
  metric: Metric = filters.metric,
): DailyPoint[] {
  const totals = new Map<string, { sessions: number; orders: number; revenue: number }>();
  for (const row of dataset.daily) {
    if (!inDateRange(row.date, filters) || !inSegment(row.segment, filters)) continue;
    const total = totals.get(row.date) ?? { sessions: 0, orders: 0, revenue: 0 };
    total.sessions += row.sessions;
    total.orders += row.orders;
    total.revenue += row.revenue;
    totals.set(row.date, total);
  }

  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, total]) => ({
      date,
      value:
        metric === 'conversion'
          ? total.orders / total.sessions
          : Math.round(total[metric] * 100) / 100,
    }));
}
