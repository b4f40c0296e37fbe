/**
 * Data tables with sortable columns and CSV export. Each cell keeps its raw value in
 * `data-value`, so that numbers sort as numbers whatever their display format.
 */
import { faultOn } from './faults.js';

/**
 * Renders `rows` into the `.table-card[data-table=name]` element of `panel`. Columns are
 * { key, label, numeric, format }. A sort the user chose survives the re-render.
 */
export function renderTable(panel, name, columns, rows, filename) {
  const card = panel.querySelector(`[data-table="${name}"]`);
  const captionText = card.dataset.caption;
  const table = document.createElement('table');
  table.id = `table-${name}`;

  const caption = document.createElement('caption');
  caption.textContent = captionText;
  table.append(caption);

  const headRow = document.createElement('tr');
  for (const column of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.setAttribute('aria-sort', 'none');
    th.dataset.key = column.key;
    if (column.numeric) th.dataset.numeric = 'true';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = column.label;
    button.dataset.label = column.label;
    // The sort arrow is hidden from assistive technology, which reads aria-sort instead.
    const arrow = document.createElement('span');
    arrow.className = 'sort-arrow';
    arrow.setAttribute('aria-hidden', 'true');
    button.append(arrow);
    button.addEventListener('click', () => sortBy(table, th));
    th.append(button);
    headRow.append(th);
  }
  table.createTHead().append(headRow);

  const body = table.createTBody();
  for (const row of rows) {
    const tr = document.createElement('tr');
    for (const column of columns) {
      const td = document.createElement('td');
      const raw = row[column.key];
      td.dataset.value = raw === null || raw === undefined ? '' : String(raw);
      td.textContent = column.format ? column.format(raw, row) : String(raw ?? '–');
      tr.append(td);
    }
    body.append(tr);
  }

  const tools = document.createElement('div');
  tools.className = 'table-tools';
  const exportButton = document.createElement('button');
  exportButton.type = 'button';
  exportButton.textContent = 'Export CSV';
  exportButton.setAttribute('aria-label', `Export ${captionText} as CSV`);
  exportButton.addEventListener('click', () => downloadCsv(table, filename));
  tools.append(exportButton);

  const previous = card.querySelector('th[aria-sort="ascending"], th[aria-sort="descending"]');
  const previousSort = previous
    ? { key: previous.dataset.key, order: previous.getAttribute('aria-sort') }
    : null;
  card.replaceChildren(tools, table);

  if (previousSort) {
    const th = table.querySelector(`th[data-key="${previousSort.key}"]`);
    if (th) applySort(table, th, previousSort.order);
  }
}

function sortBy(table, th) {
  const order = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
  applySort(table, th, order);
}

function applySort(table, th, order) {
  for (const other of table.tHead.rows[0].cells) {
    other.setAttribute('aria-sort', 'none');
    other.querySelector('.sort-arrow').textContent = '';
  }
  th.setAttribute('aria-sort', order);
  th.querySelector('.sort-arrow').textContent = order === 'ascending' ? ' ▲' : ' ▼';

  const index = th.cellIndex;
  const numeric = th.dataset.numeric === 'true';
  const direction = order === 'ascending' ? 1 : -1;
  const body = table.tBodies[0];
  const rows = [...body.rows];
  rows.sort((left, right) => {
    const a = left.cells[index].dataset.value;
    const b = right.cells[index].dataset.value;
    // Missing values go last in both directions, as spreadsheets do.
    if (a === '' || b === '') return (a === '') - (b === '');
    // Seeded fault dashboard.sort-as-text: compares numbers as text, so "10" sorts before "9".
    if (numeric && !faultOn('dashboard.sort-as-text')) return direction * (Number(a) - Number(b));
    return direction * a.localeCompare(b);
  });
  body.append(...rows);
}

/** Quotes a CSV field when it contains a comma, a quote or a line break (RFC 4180, section 2). */
function csvField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Returns the table as CSV text: the header labels, then each row's cells as displayed, in the current order. */
export function tableToCsv(table) {
  const lines = [...table.rows].map((row) => {
    // The header cells' sort arrows are decoration, not part of the column names.
    let cells = [...row.cells].map((cell) => {
      const copy = cell.cloneNode(true);
      copy.querySelector('.sort-arrow')?.remove();
      return copy.textContent.trim();
    });
    // Seeded fault dashboard.csv-missing-column: the last column is left out of the export.
    if (faultOn('dashboard.csv-missing-column')) cells = cells.slice(0, -1);
    return cells.map(csvField).join(',');
  });
  return lines.join('\r\n') + '\r\n';
}

function downloadCsv(table, filename) {
  const blob = new Blob([tableToCsv(table)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started the download by now; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
