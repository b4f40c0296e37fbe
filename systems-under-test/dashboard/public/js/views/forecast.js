import { drawChart, PALETTE } from '../charts.js';
import { faultOn } from '../faults.js';
import { formatNumber, formatPercent } from '../format.js';
import { renderTable } from '../tables.js';

export const forecastView = {
  title: 'Forecast',
  uses: { dates: true, segment: true, metric: true },

  async render(panel, { filters, metricLabel, fetchJson }) {
    const data = await fetchJson('/api/forecast', filters);
    const digits = filters.metric === 'conversion' ? 4 : 2;
    const { model, holdout, points } = data;

    panel.querySelector('#forecast-mae').textContent = formatNumber(holdout.mae, digits);
    panel.querySelector('#forecast-mape').textContent = formatPercent(holdout.mape / 100, 2);
    panel.querySelector('#forecast-model').textContent =
      `${model.name}, α ${model.alpha}, β ${model.beta}, γ ${model.gamma}`;

    const dates = points.map((point) => point.date);
    const pick = (key) =>
      points.map((point) => (point[key] === null ? '-' : Math.round(point[key] * 10000) / 10000));
    const lower = pick('lower');
    // The band is a stacked area: an invisible base at the lower bound, then the band's width.
    const width = points.map((point) =>
      point.upper === null ? '-' : Math.round((point.upper - point.lower) * 10000) / 10000,
    );

    // Seeded fault dashboard.shifted-legend: the legend is drawn inside the plot area.
    const legend = faultOn('dashboard.shifted-legend')
      ? { bottom: 48, left: 'center' }
      : { top: 0, left: 'center' };
    drawChart(panel, 'forecast', {
      tooltip: { trigger: 'axis' },
      legend: { ...legend, data: ['Actual', 'Fitted', 'Forecast', '95% band'] },
      grid: { left: 72, right: 24, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: dates },
      yAxis: { type: 'value', name: metricLabel, scale: true },
      series: [
        {
          name: 'Actual',
          type: 'line',
          showSymbol: false,
          itemStyle: { color: PALETTE[6] },
          data: pick('actual'),
        },
        {
          name: 'Fitted',
          type: 'line',
          showSymbol: false,
          itemStyle: { color: PALETTE[4] },
          lineStyle: { type: 'dotted' },
          data: pick('fitted'),
        },
        {
          name: 'Forecast',
          type: 'line',
          showSymbol: false,
          itemStyle: { color: PALETTE[5] },
          data: pick('forecast'),
        },
        {
          name: 'band base',
          type: 'line',
          stack: 'band',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          data: lower,
        },
        {
          name: '95% band',
          type: 'line',
          stack: 'band',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          itemStyle: { color: PALETTE[1] },
          areaStyle: { color: PALETTE[1], opacity: 0.3 },
          data: width,
        },
      ],
    });

    const holdoutRows = points
      .filter((point) => point.part === 'holdout')
      .map((point) => ({ ...point, error: point.actual - point.forecast }));
    const format = (value) => formatNumber(value, digits);
    renderTable(
      panel,
      'holdout',
      [
        { key: 'date', label: 'Date' },
        { key: 'actual', label: 'Actual', numeric: true, format },
        { key: 'forecast', label: 'Forecast', numeric: true, format },
        { key: 'lower', label: 'Band low', numeric: true, format },
        { key: 'upper', label: 'Band high', numeric: true, format },
        { key: 'error', label: 'Error', numeric: true, format },
      ],
      holdoutRows,
      'forecast-holdout.csv',
    );

    return `${points.length - holdout.days} days to train on, ${holdout.days} held out`;
  },
};
