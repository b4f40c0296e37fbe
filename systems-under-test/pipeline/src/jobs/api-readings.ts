/**
 * The API-to-SQL job: reads every page of the source API, transforms and
 * deduplicates the records, and loads each page in one transaction that
 * upserts the rows on their natural key, quarantines bad records and moves
 * the resume cursor. A killed run therefore leaves whole pages only, and the
 * next run resumes after the last committed page.
 */
import { faults } from '../faults.ts';
import type { Sql } from '../db/database.ts';
import type { JobContext, JobOutcome } from './context.ts';
import { fetchWithRetry } from './http-fetch.ts';
import { addCounts, quarantine } from './runs.ts';
import { createStepper } from './steps.ts';
import { dedupeByNaturalKey, transformReading, type ReadingRow } from './transform.ts';

export const API_JOB = 'api-readings';

interface SourcePage {
  data: Record<string, unknown>[];
  next_cursor: string | null;
}

async function readCheckpoint(db: Sql): Promise<string | null> {
  const [row] = await db.query<{ cursor: string | null }>(
    'SELECT cursor FROM job_checkpoints WHERE job = $1',
    [API_JOB],
  );
  return row?.cursor ?? null;
}

async function writeCheckpoint(db: Sql, cursor: string | null): Promise<void> {
  await db.query(
    `INSERT INTO job_checkpoints (job, cursor, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (job) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = EXCLUDED.updated_at`,
    [API_JOB, cursor],
  );
}

/**
 * Upserts one row. A row with a higher revision replaces the stored one; the
 * same or a lower revision changes nothing, so re-runs write nothing.
 * Returns true when the row was inserted or updated.
 */
async function upsertReading(tx: Sql, row: ReadingRow): Promise<boolean> {
  const written = await tx.query(
    `INSERT INTO readings (station_code, observed_at, temperature_c, wind_speed_ms, precipitation_mm, source_id, revision, loaded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (station_code, observed_at) DO UPDATE SET
       temperature_c = EXCLUDED.temperature_c, wind_speed_ms = EXCLUDED.wind_speed_ms,
       precipitation_mm = EXCLUDED.precipitation_mm, source_id = EXCLUDED.source_id,
       revision = EXCLUDED.revision, loaded_at = EXCLUDED.loaded_at
     WHERE readings.revision < EXCLUDED.revision
     RETURNING station_code`,
    [
      row.stationCode,
      row.observedAt,
      row.temperatureC,
      row.windSpeedMs,
      row.precipitationMm,
      row.sourceId,
      row.revision,
    ],
  );
  return written.length > 0;
}

async function fetchPage(context: JobContext, cursor: string | null): Promise<SourcePage> {
  const url = new URL('/api/v1/readings', context.sourceUrl + '/');
  url.searchParams.set('limit', String(context.pageSize));
  if (cursor !== null) url.searchParams.set('cursor', cursor);

  const response = await fetchWithRetry(url.href, context.log);
  if (!response.ok) {
    throw new Error(
      `GET ${url.href} returned ${response.status}: ${(await response.text()).slice(0, 300)}`,
    );
  }
  const body = (await response.json()) as Partial<SourcePage>;
  if (
    !Array.isArray(body.data) ||
    !(typeof body.next_cursor === 'string' || body.next_cursor === null)
  ) {
    throw new Error(
      `GET ${url.href} returned a page without a data array and a next_cursor; the source API changed its format.`,
    );
  }
  return { data: body.data, next_cursor: body.next_cursor };
}

export async function runApiReadings(context: JobContext, runId: string): Promise<JobOutcome> {
  const { db } = context;
  const step = createStepper(API_JOB);
  const totals = { rowsRead: 0, rowsWritten: 0, rowsQuarantined: 0 };
  let cursor = await readCheckpoint(db);
  if (cursor !== null)
    context.log.info('resuming after the last committed page', { job: API_JOB, runId });

  for (;;) {
    const page = await fetchPage(context, cursor);
    step('fetch');

    const valid: ReadingRow[] = [];
    const rejected: { record: Record<string, unknown>; reason: string }[] = [];
    for (const record of page.data) {
      const result = transformReading(record);
      if (result.ok) valid.push(result.row);
      else rejected.push({ record, reason: result.reason });
    }
    let rows = dedupeByNaturalKey(valid);
    // Seeded fault pipeline.dropped-rows: an off-by-one slice loses the last row of each page.
    if (faults.on('pipeline.dropped-rows')) rows = rows.slice(0, -1);

    // Seeded fault pipeline.early-checkpoint: the cursor moves before the page's rows are committed.
    if (faults.on('pipeline.early-checkpoint')) await writeCheckpoint(db, page.next_cursor);

    const counts = await db.transaction(async (tx) => {
      let written = 0;
      for (const row of rows) {
        if (await upsertReading(tx, row)) written += 1;
        step('row');
      }
      for (const { record, reason } of rejected) {
        const sourceRef =
          typeof record.id === 'string' ? record.id : JSON.stringify(record).slice(0, 200);
        await quarantine(tx, {
          source: 'api',
          sourceRef,
          reason,
          raw: JSON.stringify(record),
          runId,
        });
      }
      await writeCheckpoint(tx, page.next_cursor);
      const batch = {
        rowsRead: page.data.length,
        rowsWritten: written,
        rowsQuarantined: rejected.length,
      };
      await addCounts(tx, runId, batch);
      step('commit');
      return batch;
    });
    step('committed');

    totals.rowsRead += counts.rowsRead;
    totals.rowsWritten += counts.rowsWritten;
    totals.rowsQuarantined += counts.rowsQuarantined;
    if (page.next_cursor === null) break;
    cursor = page.next_cursor;
  }

  return { ...totals, status: 'succeeded', problem: null };
}
