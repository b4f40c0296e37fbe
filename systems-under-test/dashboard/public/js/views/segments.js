import { drawChart, PALETTE } from '../charts.js';
import { formatNumber, formatPercent } from '../format.js';
import { renderTable } from '../tables.js';

export const segmentsView = {
  title: 'Customer segments',
  uses: { dates: true, segment: true, metric: true },

  async render(panel, { filters, metricLabel, extra, fetchJson }) {
    const select = panel.querySelector('#segments-k');
    select.value = String(extra.k);
    const data = await fetchJson('/api/segments', { ...filters, k: extra.k });

    panel.querySelector('#segments-note').textContent =
      `k-means on standardised age, tenure, sessions, orders and revenue; ${data.excludedForMissing} ` +
      `customers without an age are left out. The two components explain ` +
      `${formatPercent(data.explainedVariance[0])} and ${formatPercent(data.explainedVariance[1])} of the variance.`;

    const clusters = data.profiles.map((profile) => `Cluster ${profile.cluster}`);
    drawChart(panel, 'pca', {
      tooltip: {},
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 40 },
      xAxis: { type: 'value', name: 'PC1', nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'value', name: 'PC2', nameLocation: 'middle', nameGap: 28 },
      series: data.profiles.map((profile, index) => ({
        name: clusters[index],
        type: 'scatter',
        symbolSize: 5,
        itemStyle: { color: PALETTE[index] },
        data: data.points
          .filter((point) => point.cluster === profile.cluster)
          .map((point) => [
            Math.round(point.pc1 * 1000) / 1000,
            Math.round(point.pc2 * 1000) / 1000,
          ]),
      })),
    });

    drawChart(panel, 'profile', {
      tooltip: {},
      grid: { left: 64, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: clusters },
      yAxis: { type: 'value', name: metricLabel },
      series: [
        {
          name: metricLabel,
          type: 'bar',
          data: data.profiles.map((profile, index) => ({
            value: Math.round(profile.metricMean * 10000) / 10000,
            itemStyle: { color: PALETTE[index] },
          })),
        },
      ],
    });

    renderTable(
      panel,
      'profiles',
      [
        { key: 'cluster', label: 'Cluster', numeric: true },
        { key: 'customers', label: 'Customers', numeric: true },
        { key: 'share', label: 'Share', numeric: true, format: (value) => formatPercent(value) },
        { key: 'age', label: 'Age', numeric: true, format: (value) => formatNumber(value, 1) },
        {
          key: 'tenureMonths',
          label: 'Tenure (months)',
          numeric: true,
          format: (value) => formatNumber(value, 1),
        },
        {
          key: 'sessions',
          label: 'Sessions',
          numeric: true,
          format: (value) => formatNumber(value, 1),
        },
        {
          key: 'orders',
          label: 'Orders',
          numeric: true,
          format: (value) => formatNumber(value, 2),
        },
        {
          key: 'revenue',
          label: 'Revenue (EUR)',
          numeric: true,
          format: (value) => formatNumber(value, 2),
        },
        {
          key: 'conversionRate',
          label: 'Conversion',
          numeric: true,
          format: (value) => formatPercent(value),
        },
      ],
      data.profiles.map((profile) => ({ ...profile, ...profile.means })),
      'segments-profiles.csv',
    );

    return `${data.customers} customers in ${data.clusterCount} clusters`;
  },
};
