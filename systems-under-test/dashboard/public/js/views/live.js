import { drawChart } from '../charts.js';
import { formatNumber } from '../format.js';
import { renderTable } from '../tables.js';

/** Readings kept on the chart; older ones scroll off. */
const WINDOW = 120;

let source = null;
let readings = [];
let flagged = [];
let panelRef = null;
let streamSettings = null;

function redraw() {
  const panel = panelRef;
  panel.querySelector('#live-count').textContent = String(
    readings.length === 0 ? 0 : readings.at(-1).index + 1,
  );
  panel.querySelector('#live-anomalies').textContent = String(flagged.length);
  const last = readings.at(-1);
  panel.querySelector('#live-last').textContent = last ? formatNumber(last.value, 2) : '–';

  const shown = readings.slice(-WINDOW);
  drawChart(panel, 'live', {
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: shown.map((reading) => String(reading.index)) },
    yAxis: { type: 'value', scale: true },
    series: [
      {
        name: 'Reading',
        type: 'line',
        showSymbol: false,
        itemStyle: { color: '#0072B2' },
        data: shown.map((r) => r.value),
      },
      {
        name: 'Flagged',
        type: 'scatter',
        symbolSize: 12,
        itemStyle: { color: '#c0392b' },
        data: shown.map((reading) => (reading.anomaly ? reading.value : '-')),
      },
    ],
  });
}

function renderFlagged() {
  renderTable(
    panelRef,
    'anomalies',
    [
      { key: 'index', label: 'Reading', numeric: true },
      { key: 'value', label: 'Value', numeric: true, format: (value) => formatNumber(value, 3) },
      { key: 'z', label: 'z-score', numeric: true, format: (value) => formatNumber(value, 2) },
    ],
    flagged,
    'live-anomalies.csv',
  );
}

function connect(start) {
  const { sensor, interval } = streamSettings;
  source = new EventSource(`/api/live/stream?sensor=${sensor}&interval=${interval}&start=${start}`);
  source.addEventListener('reading', (event) => {
    const reading = JSON.parse(event.data);
    readings.push(reading);
    if (readings.length > WINDOW) readings = readings.slice(-WINDOW);
    if (reading.anomaly) {
      flagged.push(reading);
      renderFlagged();
    }
    redraw();
  });
}

function disconnect() {
  source?.close();
  source = null;
}

export const liveView = {
  title: 'Live anomalies',
  uses: { dates: false, segment: false, metric: false },

  async render(panel, { extra }) {
    panelRef = panel;
    disconnect();
    readings = [];
    flagged = [];
    streamSettings = { sensor: extra.sensor, interval: extra.interval };
    panel.querySelector('#live-sensor').value = extra.sensor;

    const toggle = panel.querySelector('#live-toggle');
    toggle.textContent = 'Pause';
    toggle.onclick = () => {
      if (source) {
        disconnect();
        toggle.textContent = 'Resume';
      } else {
        connect(readings.length === 0 ? 0 : readings.at(-1).index + 1);
        toggle.textContent = 'Pause';
      }
    };

    redraw();
    renderFlagged();
    connect(0);
    return `Streaming ${extra.sensor}, one reading every ${extra.interval} ms`;
  },

  leave() {
    disconnect();
  },
};
