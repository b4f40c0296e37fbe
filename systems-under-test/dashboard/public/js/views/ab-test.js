import { drawChart, PALETTE } from '../charts.js';
import { formatNumber, formatPValue } from '../format.js';
import { renderTable } from '../tables.js';

export const abTestView = {
  title: 'A/B test',
  uses: { dates: true, segment: true, metric: true },

  async render(panel, { filters, metricLabel, fetchJson }) {
    const data = await fetchJson('/api/ab-test', filters);
    const digits = data.metric === 'conversion' ? 4 : 2;
    const [low, high] = data.test.confidenceInterval;

    panel.querySelector('#ab-summary').textContent = data.summary;
    panel.querySelector('#ab-difference').textContent = formatNumber(data.test.difference, digits);
    panel.querySelector('#ab-interval').textContent =
      `${formatNumber(low, digits)} to ${formatNumber(high, digits)}`;
    panel.querySelector('#ab-p-value').textContent = formatPValue(data.test.pValue);

    const variants = data.variants.map((variant) => `Variant ${variant.variant}`);
    drawChart(panel, 'ab-means', {
      tooltip: {},
      legend: { top: 0 },
      grid: { left: 64, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: variants },
      yAxis: { type: 'value', name: metricLabel },
      series: [
        {
          name: 'Mean',
          type: 'bar',
          barWidth: '40%',
          data: data.variants.map((variant, index) => ({
            value: variant.mean,
            itemStyle: { color: PALETTE[index] },
          })),
        },
        {
          name: '95% interval, low',
          type: 'scatter',
          symbol: 'rect',
          symbolSize: [36, 3],
          itemStyle: { color: '#1d2330' },
          data: data.variants.map((variant) => variant.confidenceInterval[0]),
        },
        {
          name: '95% interval, high',
          type: 'scatter',
          symbol: 'rect',
          symbolSize: [36, 3],
          itemStyle: { color: '#1d2330' },
          data: data.variants.map((variant) => variant.confidenceInterval[1]),
        },
      ],
    });

    drawChart(panel, 'ab-difference', {
      tooltip: {},
      grid: { left: 64, right: 24, top: 24, bottom: 40 },
      xAxis: { type: 'value', name: metricLabel, nameLocation: 'middle', nameGap: 26, scale: true },
      yAxis: { type: 'category', data: ['B − A'] },
      series: [
        {
          name: '95% interval',
          type: 'line',
          symbol: 'rect',
          symbolSize: [3, 18],
          lineStyle: { width: 3, color: '#1d2330' },
          itemStyle: { color: '#1d2330' },
          data: [
            [low, 'B − A'],
            [high, 'B − A'],
          ],
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { type: 'dashed', color: '#4a5263' },
            label: { formatter: 'no difference' },
            data: [{ xAxis: 0 }],
          },
        },
        {
          name: 'Difference',
          type: 'scatter',
          symbolSize: 14,
          itemStyle: { color: PALETTE[5] },
          data: [[data.test.difference, 'B − A']],
        },
      ],
    });

    renderTable(
      panel,
      'variants',
      [
        { key: 'variant', label: 'Variant' },
        { key: 'customers', label: 'Customers', numeric: true },
        {
          key: 'mean',
          label: 'Mean',
          numeric: true,
          format: (value) => formatNumber(value, digits),
        },
        { key: 'sd', label: 'SD', numeric: true, format: (value) => formatNumber(value, digits) },
        {
          key: 'low',
          label: '95% CI low',
          numeric: true,
          format: (value) => formatNumber(value, digits),
        },
        {
          key: 'high',
          label: '95% CI high',
          numeric: true,
          format: (value) => formatNumber(value, digits),
        },
      ],
      data.variants.map((variant) => ({
        ...variant,
        low: variant.confidenceInterval[0],
        high: variant.confidenceInterval[1],
      })),
      'ab-test-variants.csv',
    );

    return `${data.variants[0].customers + data.variants[1].customers} customers in the test`;
  },
};
