import { queryRows, tableRows } from '../../../framework/data/index.ts';
import { BACKENDS, createStorage, withData, type PipelineStorage } from './support/backends.ts';
import {
  READING_COLUMNS,
  STATION_CODES,
  expectedLoadQuarantine,
  expectedReadings,
  expectedStations,
} from './support/expected.ts';
import { PipelineService } from './support/processes.ts';
import { expect, test } from './support/fixtures.ts';
import { startSource, type SourceServer } from './support/source-server.ts';

interface Run {
  runId: string;
  status: string;
  startedAt: string;
  finishedAt: string;
  rowsRead: number;
  rowsWritten: number;
  rowsQuarantined: number;
  error: string | null;
}

for (const backend of BACKENDS) {
  test.describe(`API load and scrape (${backend})`, () => {
    let storage: PipelineStorage;
    let source: SourceServer;

    test.beforeEach(async ({ pgliteTemplate }) => {
      // Every fourth request fails with 503, so the load also proves that it retries.
      source = await startSource({ failEvery: 4 });
      storage = await createStorage(backend, pgliteTemplate);
    });

    test.afterEach(async () => {
      await source.close();
      await storage.dispose();
    });

    test(
      'known pages load into clean tables',
      { tag: ['@PIPELINE-001', '@PIPELINE-002', '@PIPELINE-003', '@PIPELINE-004'] },
      async () => {
        const service = await PipelineService.start(
          ['--source-url', source.url, '--schedule', 'off', ...storage.args],
          storage.env,
        );
        let firstLoad: Run;
        try {
          const scrape = await service.request<Run>('POST', '/jobs/scraper/runs?wait=true');
          expect(scrape.status).toBe(200);
          expect(scrape.body.status).toBe('partial');
          expect(scrape.body.error).toMatch(/\/site\/stations\?page=5 returned 500/);

          const load = await service.request<Run>('POST', '/jobs/api-readings/runs?wait=true');
          firstLoad = load.body;
          // 240 rows inserted, and 4 of them updated again by a later revision 2.
          expect(load.body).toMatchObject({
            status: 'succeeded',
            rowsRead: 251,
            rowsWritten: 244,
            rowsQuarantined: 6,
          });

          // Re-running changes nothing: no row is inserted or updated.
          const rerun = await service.request<Run>('POST', '/jobs/api-readings/runs?wait=true');
          expect(rerun.body).toMatchObject({ status: 'succeeded', rowsRead: 251, rowsWritten: 0 });
        } finally {
          expect((await service.stop()).code).toBe(0);
        }

        await withData(storage, async (db) => {
          const readings = tableRows(db, 'readings');
          await expect(readings).toHaveRowCount(240);
          await expect(readings).toHaveUniqueKey(['station_code', 'observed_at']);
          await expect(readings).toHaveNoNulls([
            'station_code',
            'observed_at',
            'temperature_c',
            'wind_speed_ms',
            'precipitation_mm',
            'loaded_at',
          ]);
          await expect(readings).toHaveValuesIn('station_code', STATION_CODES);
          await expect(readings).toHaveValuesInRange('temperature_c', { min: -20, max: 30 });
          await expect(readings).toHaveValuesInRange('wind_speed_ms', { min: 0, max: 15 });
          await expect(readings).toReference(tableRows(db, 'stations'), {
            columns: ['station_code'],
            referencedColumns: ['code'],
          });
          await expect(readings).toBeFresh('loaded_at', { maxAgeMs: 15 * 60_000 });
          await expect(
            queryRows(db, `SELECT ${READING_COLUMNS} FROM readings`, [], 'table readings'),
          ).toEqualRows(expectedReadings(), {
            key: ['station_code', 'observed_at'],
          });
          // Nothing was rewritten by the re-run: every row is as old as the first load.
          await expect(readings).toHaveValuesInRange('loaded_at', {
            max: new Date(firstLoad.finishedAt),
          });

          const stations = queryRows(
            db,
            `SELECT code, name, city, country, elevation_m, to_char(opened_on, 'YYYY-MM-DD') AS opened_on FROM stations`,
            [],
            'table stations',
          );
          await expect(stations).toHaveNoNulls([
            'code',
            'name',
            'city',
            'country',
            'elevation_m',
            'opened_on',
          ]);
          await expect(stations).toEqualRows(expectedStations(), { key: ['code'] });

          await expect(
            queryRows(
              db,
              'SELECT source, source_ref, reason FROM quarantine',
              [],
              'table quarantine',
            ),
          ).toEqualRows(expectedLoadQuarantine(), {
            key: ['source', 'source_ref'],
          });
        });
      },
    );
  });
}

// Rate limiting is between the job and the source, whatever the storage, so it runs on PostgreSQL only.
test.describe('API load under rate limiting', () => {
  let storage: PipelineStorage;
  let source: SourceServer;

  test.beforeEach(async ({ pgliteTemplate }) => {
    source = await startSource({ rateLimit: 5, rateWindowMs: 2000 });
    storage = await createStorage('postgres', pgliteTemplate);
  });

  test.afterEach(async () => {
    await source.close();
    await storage.dispose();
  });

  test('rate limit is waited out', { tag: '@PIPELINE-005' }, async () => {
    // 5 requests per 2 s: the 13 pages need at least two waits of the Retry-After the source sends.
    const service = await PipelineService.start(
      ['--source-url', source.url, '--schedule', 'off', '--page-size', '20', ...storage.args],
      storage.env,
    );
    try {
      const load = await service.request<Run>('POST', '/jobs/api-readings/runs?wait=true');

      expect(load.body).toMatchObject({ status: 'succeeded', rowsRead: 251, rowsWritten: 244 });
      expect(service.stderr).toContain('source rate limited, waiting as Retry-After asks');
    } finally {
      await service.stop();
    }
  });
});
