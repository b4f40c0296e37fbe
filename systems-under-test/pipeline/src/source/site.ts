import type { StationPage } from './seed.ts';

/** Stations per page of the HTML site. */
export const STATIONS_PER_PAGE = 2;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Renders one page of the station directory. The pager links one page past
 * the last page of stations: that page is the site's broken page.
 */
export function renderStationPage(stations: StationPage[], page: number): string {
  const lastPage = Math.ceil(stations.length / STATIONS_PER_PAGE) + 1;
  const rows = stations
    .slice((page - 1) * STATIONS_PER_PAGE, page * STATIONS_PER_PAGE)
    .map(
      (station) => `      <tr class="station" data-code="${escapeHtml(station.code)}">
        <td class="code">${escapeHtml(station.code)}</td>
        <td class="name"><a href="/site/stations/${encodeURIComponent(station.code)}">${escapeHtml(station.name)}</a></td>
        <td class="city">${escapeHtml(station.city)}, <span class="country">${escapeHtml(station.country)}</span></td>
        <td class="elevation">${escapeHtml(station.elevation)}</td>
        <td class="opened"><time datetime="${escapeHtml(station.opened_on)}">${escapeHtml(station.opened_on)}</time></td>
      </tr>`,
    )
    .join('\n');
  const next =
    page < lastPage ? `<a rel="next" href="/site/stations?page=${page + 1}">Next</a>` : '';
  const previous =
    page > 1 ? `<a rel="prev" href="/site/stations?page=${page - 1}">Previous</a>` : '';

  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Weather stations, page ${page}</title></head>
  <body>
    <h1>Weather stations</h1>
    <table id="stations">
      <thead><tr><th>Code</th><th>Name</th><th>City</th><th>Elevation</th><th>Opened</th></tr></thead>
      <tbody>
${rows}
      </tbody>
    </table>
    <nav class="pager">${previous} <span class="current">Page ${page} of ${lastPage}</span> ${next}</nav>
  </body>
</html>
`;
}

/** Number of the broken page: linked from the last page of stations, it fails with 500. */
export function brokenPageNumber(stations: StationPage[]): number {
  return Math.ceil(stations.length / STATIONS_PER_PAGE) + 1;
}
