/**
 * ECharts charts drawn with the SVG renderer and without animation, so that a screenshot taken
 * after a render is stable. Each chart has a collapsed data table built from the options the
 * chart contains, for screen readers and for tests. The table is built when it is opened, and
 * rebuilt on each redraw while open, because a table of every point of every chart would
 * slow each view's first render.
 */
const { echarts } = window;
const charts = new Map();

window.addEventListener('resize', () => {
  for (const chart of charts.values()) chart.resize();
});

function chartFor(figure) {
  const name = figure.dataset.chart;
  const existing = charts.get(name);
  if (existing) return existing;

  const caption = figure.querySelector('figcaption');
  caption.id = `chart-${name}-title`;
  const element = document.createElement('div');
  element.className = 'chart';
  element.id = `chart-${name}`;
  element.setAttribute('role', 'img');
  element.setAttribute('aria-labelledby', caption.id);

  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = `Data of "${caption.textContent}"`;
  const holder = document.createElement('div');
  holder.className = 'chart-data';
  details.append(summary, holder);
  figure.append(element, details);

  const chart = echarts.init(element, null, { renderer: 'svg' });
  charts.set(name, chart);
  details.addEventListener('toggle', () => {
    if (details.open) renderChartData(holder, chart.getOption());
  });
  return chart;
}

/**
 * Replaces the chart's options. An open data table is rebuilt from what the chart now contains,
 * and a closed one is emptied, so that no table can show an earlier drawing.
 */
export function drawChart(panel, name, option) {
  const figure = panel.querySelector(`[data-chart="${name}"]`);
  const chart = chartFor(figure);
  chart.setOption(
    { animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option },
    { notMerge: true },
  );
  const holder = figure.querySelector('.chart-data');
  if (figure.querySelector('details').open) renderChartData(holder, chart.getOption());
  else holder.replaceChildren();
  figure.dataset.revision = String(Number(figure.dataset.revision ?? 0) + 1);
}

function categoriesOf(axes) {
  const axis = Array.isArray(axes) ? axes[0] : axes;
  return axis && axis.type === 'category' ? axis.data : undefined;
}

function pointLabel(series, index, datum, xCategories, yCategories) {
  if (series.type === 'heatmap') return `${xCategories[datum[0]]} × ${yCategories[datum[1]]}`;
  if (xCategories) return String(xCategories[index]);
  if (yCategories) return String(yCategories[index]);
  return String(index + 1);
}

function valueText(series, datum) {
  const value =
    datum !== null && typeof datum === 'object' && 'value' in datum ? datum.value : datum;
  if (value === null || value === undefined || value === '-') return '–';
  if (series.type === 'heatmap') return String(value[2]);
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function renderChartData(holder, option) {
  const xCategories = categoriesOf(option.xAxis);
  const yCategories = categoriesOf(option.yAxis);
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const label of ['Series', 'Point', 'Value']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    head.append(th);
  }

  const body = table.createTBody();
  for (const series of option.series ?? []) {
    (series.data ?? []).forEach((datum, index) => {
      const row = body.insertRow();
      row.insertCell().textContent = series.name ?? series.type;
      row.insertCell().textContent = pointLabel(series, index, datum, xCategories, yCategories);
      row.insertCell().textContent = valueText(series, datum);
    });
  }
  holder.replaceChildren(table);
}

/** Colours for cluster and variant series, distinguishable with red-green colour blindness (Okabe-Ito). */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#000000',
  '#F0E442',
];
