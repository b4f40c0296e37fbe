export { Chart, type ChartPoint } from './chart.ts';
export { DashboardPage, VIEW_LINKS, type ViewName } from './dashboard-page.ts';
export { DataTable } from './data-table.ts';
export { FilterBar, type FilterValues } from './filter-bar.ts';
export {
  AbTestPage,
  ForecastPage,
  LivePage,
  OverviewPage,
  RecommendationsPage,
  SegmentsPage,
} from './views.ts';
