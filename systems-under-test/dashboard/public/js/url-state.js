/**
 * The dashboard's state in its URL, so that a view can be linked: the path names the view and
 * the query holds the filters and the view's own settings. Only values that differ from the
 * defaults are written, which keeps links short; reading fills in the defaults.
 */
export const VIEW_NAMES = [
  'overview',
  'ab-test',
  'segments',
  'forecast',
  'recommendations',
  'live',
];

export function defaultState(meta) {
  return {
    view: 'overview',
    filters: { from: meta.firstDay, to: meta.lastDay, segment: 'all', metric: 'revenue' },
    extra: { k: 4, item: meta.items[0].id, sensor: meta.sensors[0], interval: 500 },
  };
}

/** Reads the state from a URL; values the server validates (filters, k, item) are passed as given. */
export function readState(location, meta) {
  const state = defaultState(meta);
  const path = location.pathname.replace(/^\/+|\/+$/g, '');
  const problems = [];
  if (path !== '' && !VIEW_NAMES.includes(path)) {
    problems.push(`Unknown view "${path}": choose one of ${VIEW_NAMES.join(', ')}.`);
  } else if (path !== '') {
    state.view = path;
  }

  const query = new URLSearchParams(location.search);
  for (const key of ['from', 'to', 'segment', 'metric']) {
    if (query.has(key)) state.filters[key] = query.get(key);
  }
  if (query.has('k')) state.extra.k = query.get('k');
  if (query.has('item')) state.extra.item = query.get('item');

  if (query.has('sensor')) {
    const sensor = query.get('sensor');
    if (meta.sensors.includes(sensor)) state.extra.sensor = sensor;
    else
      problems.push(
        `Unknown sensor "${sensor}" in the URL: choose one of ${meta.sensors.join(', ')}.`,
      );
  }
  if (query.has('interval')) {
    const text = query.get('interval');
    const interval = Number(text);
    if (/^\d+$/.test(text) && interval >= 20 && interval <= 10000) state.extra.interval = interval;
    else
      problems.push(
        `Invalid interval "${text}" in the URL: use a whole number of milliseconds from 20 to 10000.`,
      );
  }
  return { state, problems };
}

export function stateToUrl(state, meta) {
  const defaults = defaultState(meta);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(state.filters)) {
    if (String(value) !== String(defaults.filters[key])) query.set(key, value);
  }
  for (const [key, value] of Object.entries(state.extra)) {
    if (String(value) !== String(defaults.extra[key])) query.set(key, value);
  }
  const search = query.toString();
  return `/${state.view}${search === '' ? '' : `?${search}`}`;
}
