/**
 * The dashboard's shell: navigation between views, the shared filter bar and the URL state.
 * Each view module fetches its data and draws its charts and table.
 */
import { setActiveFaults } from './faults.js';
import { readState, stateToUrl } from './url-state.js';
import { abTestView } from './views/ab-test.js';
import { forecastView } from './views/forecast.js';
import { liveView } from './views/live.js';
import { overviewView } from './views/overview.js';
import { recommendationsView } from './views/recommendations.js';
import { segmentsView } from './views/segments.js';

const VIEWS = {
  overview: overviewView,
  'ab-test': abTestView,
  segments: segmentsView,
  forecast: forecastView,
  recommendations: recommendationsView,
  live: liveView,
};

const main = document.querySelector('#main');
const form = document.querySelector('#filters');
const statusLine = document.querySelector('#status');
const errorBox = document.querySelector('#error');
const title = document.querySelector('#view-title');

let meta;
let state;
let currentView = null;
let renderToken = 0;

/** Thrown when a newer render started while a request was in flight; its result is dropped. */
class SupersededError extends Error {}

function fillSelect(select, options) {
  select.append(
    ...options.map(({ id, label }) => {
      const option = document.createElement('option');
      option.value = id;
      option.textContent = label;
      return option;
    }),
  );
}

function showFilters() {
  form.elements.from.value = state.filters.from;
  form.elements.to.value = state.filters.to;
  form.elements.segment.value = state.filters.segment;
  form.elements.metric.value = state.filters.metric;
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
  statusLine.textContent = '';
}

async function render() {
  const token = ++renderToken;
  const view = VIEWS[state.view];
  main.setAttribute('aria-busy', 'true');
  errorBox.hidden = true;

  if (currentView !== null && currentView !== view) currentView.leave?.();
  currentView = view;

  for (const panel of document.querySelectorAll('[data-view-panel]')) {
    panel.hidden = panel.dataset.viewPanel !== state.view;
  }
  for (const link of document.querySelectorAll('[data-view]')) {
    if (link.dataset.view === state.view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  title.textContent = view.title;
  document.title = `${view.title} · Data dashboard`;
  form.hidden = !(view.uses.dates || view.uses.segment || view.uses.metric);
  form.elements.metric.disabled = !view.uses.metric;
  showFilters();

  const fetchJson = async (path, params) => {
    const query = new URLSearchParams(
      Object.entries(params).map(([key, value]) => [key, String(value)]),
    );
    const response = await fetch(`${path}?${query}`);
    const body = await response.json();
    if (token !== renderToken) throw new SupersededError();
    if (!response.ok)
      throw new Error(body.message ?? `${path} failed with status ${response.status}.`);
    return body;
  };
  const metricLabel =
    meta.metrics.find((metric) => metric.id === state.filters.metric)?.label ??
    state.filters.metric;

  try {
    const status = await view.render(document.querySelector(`#view-${state.view}`), {
      filters: { ...state.filters },
      extra: { ...state.extra },
      metricLabel,
      fetchJson,
    });
    if (token === renderToken) statusLine.textContent = status;
  } catch (error) {
    if (error instanceof SupersededError) return;
    if (token === renderToken) showError(error.message);
  } finally {
    if (token === renderToken) main.setAttribute('aria-busy', 'false');
  }
}

function navigate() {
  history.pushState(null, '', stateToUrl(state, meta));
  return render();
}

function wireControls() {
  for (const link of document.querySelectorAll('[data-view]')) {
    link.addEventListener('click', (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      state.view = link.dataset.view;
      void navigate();
      // Keyboard and screen-reader users land on the new view's content.
      main.focus();
    });
  }

  form.addEventListener('change', () => {
    state.filters = {
      from: form.elements.from.value,
      to: form.elements.to.value,
      segment: form.elements.segment.value,
      metric: form.elements.metric.value,
    };
    void navigate();
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  document.querySelector('#reset-filters').addEventListener('click', () => {
    state.filters = { from: meta.firstDay, to: meta.lastDay, segment: 'all', metric: 'revenue' };
    void navigate();
  });

  document.querySelector('#segments-k').addEventListener('change', (event) => {
    state.extra.k = event.target.value;
    void navigate();
  });
  document.querySelector('#recommendations-item').addEventListener('change', (event) => {
    state.extra.item = event.target.value;
    void navigate();
  });
  document.querySelector('#live-sensor').addEventListener('change', (event) => {
    state.extra.sensor = event.target.value;
    void navigate();
  });

  window.addEventListener('popstate', () => {
    const read = readState(window.location, meta);
    state = read.state;
    void render().then(() => {
      if (read.problems.length > 0) showError(read.problems.join(' '));
    });
  });
}

async function start() {
  const response = await fetch('/api/meta');
  meta = await response.json();
  setActiveFaults(meta.clientFaults);

  fillSelect(form.elements.segment, meta.segments);
  fillSelect(form.elements.metric, meta.metrics);
  for (const input of [form.elements.from, form.elements.to]) {
    input.min = meta.firstDay;
    input.max = meta.lastDay;
  }
  fillSelect(
    document.querySelector('#recommendations-item'),
    meta.items.map((item) => ({ id: item.id, label: item.name })),
  );
  fillSelect(
    document.querySelector('#live-sensor'),
    meta.sensors.map((sensor) => ({ id: sensor, label: sensor })),
  );

  const read = readState(window.location, meta);
  state = read.state;
  wireControls();
  await render();
  if (read.problems.length > 0) showError(read.problems.join(' '));
}

start().catch((error) => {
  showError(`The dashboard could not start: ${error.message}. Reload the page to try again.`);
  main.setAttribute('aria-busy', 'false');
});
