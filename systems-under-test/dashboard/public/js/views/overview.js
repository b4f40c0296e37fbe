import { drawChart } from '../charts.js';
import { faultOn } from '../faults.js';
import { COLUMN_LABELS, formatNumber, formatPercent } from '../format.js';
import { renderTable } from '../tables.js';

let drawnFilters = null;

export const overviewView = {
  title: 'Exploratory overview',
  uses: { dates: true, segment: true, metric: true },

  async render(panel, { filters, metricLabel, fetchJson }) {
    const data = await fetchJson('/api/overview', filters);
    const columns = data.columns;

    panel.querySelector('#overview-customers').textContent = String(data.customerCount);
    panel.querySelector('#overview-missing-columns').textContent = String(
      columns.filter((column) => column.missing > 0).length,
    );

    // Seeded fault dashboard.stale-trend-chart: a change of segment alone skips the trend chart.
    const onlySegmentChanged =
      drawnFilters !== null &&
      drawnFilters.segment !== filters.segment &&
      drawnFilters.from === filters.from &&
      drawnFilters.to === filters.to &&
      drawnFilters.metric === filters.metric;
    if (!(faultOn('dashboard.stale-trend-chart') && onlySegmentChanged)) {
      drawChart(panel, 'trend', {
        tooltip: { trigger: 'axis' },
        grid: { left: 64, right: 16, top: 24, bottom: 32 },
        xAxis: { type: 'category', data: data.trend.map((point) => point.date) },
        yAxis: { type: 'value', scale: true },
        series: [
          {
            name: metricLabel,
            type: 'line',
            showSymbol: false,
            data: data.trend.map((point) => point.value),
          },
        ],
      });
    }
    drawnFilters = { ...filters };

    drawChart(panel, 'distribution', {
      tooltip: {},
      grid: { left: 56, right: 16, top: 24, bottom: 56 },
      xAxis: {
        type: 'category',
        name: COLUMN_LABELS[data.distribution.column],
        nameLocation: 'middle',
        nameGap: 36,
        data: data.distribution.bins.map(
          (bin) => `${formatNumber(bin.from, 1)}–${formatNumber(bin.to, 1)}`,
        ),
      },
      yAxis: { type: 'value', name: 'Customers' },
      series: [
        { name: 'Customers', type: 'bar', data: data.distribution.bins.map((bin) => bin.count) },
      ],
    });

    drawChart(panel, 'missing', {
      tooltip: {},
      grid: { left: 130, right: 24, top: 16, bottom: 32 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: columns.map((column) => COLUMN_LABELS[column.column]) },
      series: [
        { name: 'Missing values', type: 'bar', data: columns.map((column) => column.missing) },
      ],
    });

    const names = data.correlations.columns.map((column) => COLUMN_LABELS[column]);
    const cells = data.correlations.matrix.flatMap((row, y) =>
      row.map((r, x) => [x, y, r === null ? '-' : Math.round(r * 100) / 100]),
    );
    // Seeded fault dashboard.wrong-colour-scale: the scale starts at 0, so negative r looks like 0.
    const scaleMin = faultOn('dashboard.wrong-colour-scale') ? 0 : -1;
    drawChart(panel, 'correlations', {
      tooltip: {},
      grid: { left: 130, right: 16, top: 16, bottom: 112 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 30 } },
      yAxis: { type: 'category', data: names },
      visualMap: {
        min: scaleMin,
        max: 1,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        text: ['1', String(scaleMin)],
        // Diverging blue-white-red scale: white is no correlation.
        inRange: { color: ['#2166ac', '#f7f7f7', '#b2182b'] },
      },
      series: [
        { name: "Pearson's r", type: 'heatmap', data: cells, label: { show: true, fontSize: 10 } },
      ],
    });

    renderTable(
      panel,
      'columns',
      [
        { key: 'label', label: 'Column' },
        { key: 'count', label: 'Values', numeric: true },
        { key: 'missing', label: 'Missing', numeric: true },
        {
          key: 'missingShare',
          label: 'Missing share',
          numeric: true,
          format: (value) => formatPercent(value),
        },
        { key: 'mean', label: 'Mean', numeric: true, format: (value) => formatNumber(value) },
        { key: 'sd', label: 'SD', numeric: true, format: (value) => formatNumber(value) },
        { key: 'min', label: 'Min', numeric: true, format: (value) => formatNumber(value) },
        { key: 'median', label: 'Median', numeric: true, format: (value) => formatNumber(value) },
        { key: 'max', label: 'Max', numeric: true, format: (value) => formatNumber(value) },
      ],
      columns.map((column) => ({ ...column, label: COLUMN_LABELS[column.column] })),
      'overview-columns.csv',
    );

    return `${data.customerCount} customers from ${filters.from} to ${filters.to}`;
  },
};
