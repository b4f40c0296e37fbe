import { expect, test } from '../../fixtures.ts';
import {
  analysisResultSchema,
  healthSchema,
  jobsSchema,
  quarantineSchema,
  runSchema,
  tablesSchema,
} from './contract.ts';

interface Run {
  runId: string;
  status: string;
  rowsRead: number;
  rowsWritten: number;
}

interface AnalysisRow {
  station_code: string;
  temperature_c: number;
  rank: number;
  mean_c: number;
  change_c: number | null;
  precipitation_mm: number;
  running_total_mm: number;
}

/** The parsed JSON body of a supertest response, typed by the caller. */
const bodyOf = <T>(response: { body: unknown }) => response.body as T;

// The runs below change the shared pipeline's tables, so they go one after the other.
test.describe.configure({ mode: 'serial' });

test.describe('pipeline status API', () => {
  test('GET /health reports its database', { tag: '@PIPELINE-050' }, async ({ pipelineApi }) => {
    const response = await pipelineApi.get('/health');

    expect(response.status).toBe(200);
    expect(response.body).toMatchSchema(healthSchema);
  });

  test('manual trigger runs the API job', { tag: '@PIPELINE-051' }, async ({ pipelineApi }) => {
    const started = await pipelineApi.post('/jobs/api-readings/runs');
    expect(started.status).toBe(202);
    const { runId } = bodyOf<{ runId: string }>(started);
    expect(started.headers.location).toBe(`/runs/${runId}`);

    let run: Run | undefined;
    await expect
      .poll(
        async () => {
          run = bodyOf<Run>(await pipelineApi.get(`/runs/${runId}`));
          return run.status;
        },
        { timeout: 60_000 },
      )
      .not.toBe('running');

    expect(run).toMatchSchema(runSchema);
    expect(run).toMatchObject({ status: 'succeeded', rowsRead: 251 });
  });

  test('runs list newest first', { tag: '@PIPELINE-052' }, async ({ pipelineApi }) => {
    const finished = await pipelineApi.post('/jobs/scraper/runs?wait=true');
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchSchema(runSchema);
    const scraperRun = bodyOf<Run>(finished);
    expect(scraperRun.status).toBe('partial');

    const response = await pipelineApi.get('/runs?job=scraper&limit=1');

    expect(response.status).toBe(200);
    const { runs } = bodyOf<{ runs: Run[] }>(response);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.runId).toBe(scraperRun.runId);
  });

  test(
    'GET /jobs shows last success per job',
    { tag: '@PIPELINE-053' },
    async ({ pipelineApi }) => {
      await pipelineApi.post('/jobs/api-readings/runs?wait=true');

      const response = await pipelineApi.get('/jobs');

      expect(response.status).toBe(200);
      expect(response.body).toMatchSchema(jobsSchema);
      const { jobs } = bodyOf<{
        jobs: { name: string; lastSuccessAt: string | null; lastStatus: string }[];
      }>(response);
      const apiJob = jobs.find((job) => job.name === 'api-readings');
      expect(apiJob?.lastStatus).toBe('succeeded');
      expect(Date.now() - Date.parse(apiJob?.lastSuccessAt ?? '')).toBeLessThan(10 * 60_000);
    },
  );

  test(
    'GET /tables and /quarantine report the load',
    { tag: '@PIPELINE-054' },
    async ({ pipelineApi }) => {
      await pipelineApi.post('/jobs/api-readings/runs?wait=true');

      const tables = await pipelineApi.get('/tables');
      const quarantine = await pipelineApi.get('/quarantine?source=api');

      expect(tables.body).toMatchSchema(tablesSchema);
      expect(bodyOf<{ tables: unknown[] }>(tables).tables).toContainEqual({
        table: 'readings',
        rows: 240,
      });
      expect(quarantine.body).toMatchSchema(quarantineSchema);
      expect(
        bodyOf<{ rows: { sourceRef: string }[] }>(quarantine)
          .rows.map((row) => row.sourceRef)
          .sort(),
      ).toEqual(['obs-0245', 'obs-0246', 'obs-0247', 'obs-0248', 'obs-0249', 'obs-0250']);
    },
  );

  test('GET /metrics counts runs', { tag: '@PIPELINE-055' }, async ({ pipelineApi }) => {
    await pipelineApi.post('/jobs/api-readings/runs?wait=true');

    const response = await pipelineApi.get('/metrics');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.text).toMatch(
      /^pipeline_runs_total\{job="api-readings",status="succeeded"\} [1-9]\d*$/m,
    );
    expect(response.text).toContain('# TYPE pipeline_rows_written_total counter');
  });

  test(
    'analysis queries answer over the load',
    { tag: '@PIPELINE-056' },
    async ({ pipelineApi }) => {
      await pipelineApi.post('/jobs/api-readings/runs?wait=true');

      const list = await pipelineApi.get('/analysis');
      const warmest = await pipelineApi.get('/analysis/warmest-hours?n=2&station=OSL');
      const change = await pipelineApi.get('/analysis/daily-temperature-change?station=REK');
      const rain = await pipelineApi.get('/analysis/daily-precipitation');

      expect(
        bodyOf<{ queries: { name: string }[] }>(list).queries.map((query) => query.name),
      ).toEqual([
        'warmest-hours',
        'daily-precipitation',
        'daily-temperature-change',
        'busiest-devices',
      ]);
      expect(warmest.body).toMatchSchema(analysisResultSchema);
      const warmestRows = bodyOf<{ rows: AnalysisRow[] }>(warmest).rows;
      expect(warmestRows).toHaveLength(2);
      expect(warmestRows.map((row) => row.rank)).toEqual([1, 2]);
      expect(warmestRows[0]!.temperature_c).toBeGreaterThanOrEqual(warmestRows[1]!.temperature_c);
      // Two UTC days of readings: the first day has no previous day to compare with.
      const days = bodyOf<{ rows: AnalysisRow[] }>(change).rows;
      expect(days).toHaveLength(2);
      expect(days[0]!.change_c).toBeNull();
      expect(days[1]!.change_c).toBeCloseTo(days[1]!.mean_c - days[0]!.mean_c, 1);
      for (const station of ['OSL', 'NYC', 'DEL', 'SYD', 'REK', 'LPB']) {
        const stationDays = bodyOf<{ rows: AnalysisRow[] }>(rain).rows.filter(
          (row) => row.station_code === station,
        );
        expect(stationDays.at(-1)!.running_total_mm).toBeCloseTo(
          stationDays.reduce((sum, day) => sum + day.precipitation_mm, 0),
          1,
        );
      }
    },
  );
});
