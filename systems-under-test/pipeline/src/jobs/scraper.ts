/**
 * The scraper: walks the station directory of the source site page by page
 * (following rel="next"), reads each table row with cheerio and upserts the
 * stations. A page that fails is reported and ends the walk, because its
 * pager link is gone with it; the run is then `partial`.
 */
import * as cheerio from 'cheerio';

import { faults } from '../faults.ts';
import type { JobContext, JobOutcome } from './context.ts';
import { fetchWithRetry } from './http-fetch.ts';
import { addCounts, quarantine } from './runs.ts';

export const SCRAPER_JOB = 'scraper';

/** Safety bound on pages per run, in case a pager links in a circle. */
const MAX_PAGES = 1000;

export interface StationRow {
  code: string;
  name: string;
  city: string;
  country: string;
  elevationM: number | null;
  openedOn: string;
}

/** Reads "4,061 m" as 4061; undefined when the text is no elevation. */
export function parseElevation(text: string): number | null | undefined {
  // Seeded fault pipeline.null-elevation: the thousands separator is not removed, so "4,061" reads as NULL.
  const digits = faults.on('pipeline.null-elevation')
    ? text.replace(/\s*m$/, '')
    : text.replace(/\s*m$/, '').replaceAll(',', '');
  if (faults.on('pipeline.null-elevation') && /^-?\d+(,\d{3})+$/.test(digits)) return null;
  return /^-?\d+$/.test(digits) ? Number(digits) : undefined;
}

export function parseStationRows(html: string): {
  rows: StationRow[];
  rejected: { code: string; reason: string; raw: string }[];
  next: string | undefined;
} {
  const $ = cheerio.load(html);
  const rows: StationRow[] = [];
  const rejected: { code: string; reason: string; raw: string }[] = [];

  $('#stations tbody tr.station').each((_index, element) => {
    const row = $(element);
    const code = row.find('td.code').text().trim();
    const name = row.find('td.name').text().trim();
    const city = row
      .find('td.city')
      .clone()
      .children('.country')
      .remove()
      .end()
      .text()
      .replace(/,\s*$/, '')
      .trim();
    const country = row.find('td.city .country').text().trim();
    const elevationText = row.find('td.elevation').text().trim();
    const openedOn = row.find('td.opened time').attr('datetime') ?? '';
    const raw = row.text().replace(/\s+/g, ' ').trim();

    const elevation = parseElevation(elevationText);
    let reason: string | undefined;
    if (!/^[A-Z]{3}$/.test(code))
      reason = `code ${JSON.stringify(code)} is not a three-letter upper-case code`;
    else if (name === '' || city === '' || country === '')
      reason = 'name, city or country is empty';
    else if (elevation === undefined)
      reason = `elevation ${JSON.stringify(elevationText)} is not a number of metres`;
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(openedOn))
      reason = `opened date ${JSON.stringify(openedOn)} is not YYYY-MM-DD`;

    if (reason !== undefined) rejected.push({ code: code || raw.slice(0, 40), reason, raw });
    else rows.push({ code, name, city, country, elevationM: elevation ?? null, openedOn });
  });

  return { rows, rejected, next: $('a[rel="next"]').attr('href') };
}

export async function runScraper(context: JobContext, runId: string): Promise<JobOutcome> {
  const totals = { rowsRead: 0, rowsWritten: 0, rowsQuarantined: 0 };
  let url: string | undefined = new URL('/site/stations?page=1', context.sourceUrl + '/').href;
  let problem: string | null = null;

  for (let pages = 0; url !== undefined && pages < MAX_PAGES; pages++) {
    const response = await fetchWithRetry(url, context.log, {
      maxAttempts: 2,
      maxRetryAfterMs: 30_000,
      backoffMs: 100,
    });
    if (!response.ok) {
      await response.body?.cancel();
      problem = `GET ${url} returned ${response.status}; the pages after it were not reached.`;
      context.log.warn('scraper met a broken page', {
        job: SCRAPER_JOB,
        runId,
        url,
        status: response.status,
      });
      break;
    }
    const { rows, rejected, next } = parseStationRows(await response.text());

    const written = await context.db.transaction(async (tx) => {
      let count = 0;
      for (const row of rows) {
        // Only a changed station is written, so a re-run leaves scraped_at as it was.
        const result = await tx.query(
          `INSERT INTO stations (code, name, city, country, elevation_m, opened_on, scraped_at)
           VALUES ($1, $2, $3, $4, $5, $6, now())
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, city = EXCLUDED.city, country = EXCLUDED.country,
             elevation_m = EXCLUDED.elevation_m, opened_on = EXCLUDED.opened_on, scraped_at = EXCLUDED.scraped_at
           WHERE (stations.name, stations.city, stations.country, stations.elevation_m, stations.opened_on)
             IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.city, EXCLUDED.country, EXCLUDED.elevation_m, EXCLUDED.opened_on)
           RETURNING code`,
          [row.code, row.name, row.city, row.country, row.elevationM, row.openedOn],
        );
        count += result.length;
      }
      for (const entry of rejected) {
        await quarantine(tx, {
          source: 'site',
          sourceRef: entry.code,
          reason: entry.reason,
          raw: entry.raw,
          runId,
        });
      }
      await addCounts(tx, runId, {
        rowsRead: rows.length + rejected.length,
        rowsWritten: count,
        rowsQuarantined: rejected.length,
      });
      return count;
    });

    totals.rowsRead += rows.length + rejected.length;
    totals.rowsWritten += written;
    totals.rowsQuarantined += rejected.length;
    url = next === undefined ? undefined : new URL(next, url).href;
  }

  return { ...totals, status: problem === null ? 'succeeded' : 'partial', problem };
}
