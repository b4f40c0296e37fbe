import { drawChart, PALETTE } from '../charts.js';
import { formatNumber } from '../format.js';
import { renderTable } from '../tables.js';

export const recommendationsView = {
  title: 'Recommendations',
  // Ratings carry a date and a customer segment but no metric, so the metric filter does not apply.
  uses: { dates: true, segment: true, metric: false },

  async render(panel, { filters, extra, fetchJson }) {
    panel.querySelector('#recommendations-item').value = extra.item;
    const { from, to, segment } = filters;
    const data = await fetchJson('/api/recommendations', { from, to, segment, item: extra.item });

    panel.querySelector('#recommendations-heading').textContent =
      `Customers who liked ${data.item.name} also liked`;
    panel.querySelector('#recommendations-note').textContent =
      `Item-to-item cosine similarity over ${data.ratings} ratings by ${data.customers} customers; ` +
      `${data.item.raters} of them rated ${data.item.name}.`;

    const similar = [...data.similar].reverse();
    drawChart(panel, 'similar', {
      tooltip: {},
      grid: { left: 130, right: 32, top: 16, bottom: 32 },
      xAxis: { type: 'value', min: 0, max: 1 },
      yAxis: { type: 'category', data: similar.map((item) => item.name) },
      series: [
        {
          name: 'Cosine similarity',
          type: 'bar',
          itemStyle: { color: PALETTE[0] },
          label: {
            show: true,
            position: 'right',
            formatter: ({ value }) => formatNumber(value, 3),
          },
          data: similar.map((item) => Math.round(item.similarity * 1000) / 1000),
        },
      ],
    });

    renderTable(
      panel,
      'similar',
      [
        { key: 'name', label: 'Item' },
        { key: 'category', label: 'Category' },
        {
          key: 'similarity',
          label: 'Cosine similarity',
          numeric: true,
          format: (value) => formatNumber(value, 3),
        },
        { key: 'coRaters', label: 'Rated both', numeric: true },
      ],
      data.similar,
      'recommendations-similar.csv',
    );

    return `${data.similar.length} items similar to ${data.item.name}`;
  },
};
