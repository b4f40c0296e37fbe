import { expect, test } from '../../fixtures.ts';
import { analysisResultSchema, healthSchema, jobsSchema, quarantineSchema, runSchema, tablesSchema } from './contract.ts';

interface Run {
  runId: string;
  status: string;
  rowsRead: number;
  rowsWritten: number;
}

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
    expect(started.headers.location).toBe(`/runs/${started.body.runId}`);

    let run: Run | undefined;
    await expect
      .poll(async () => {
        run = (await pipelineApi.get(`/runs/${started.body.runId}`)).body as Run;
        return run.status;
      }, { timeout: 60_000 })
      .not.toBe('running');

    expect(run).toMatchSchema(runSchema);
    expect(run).toMatchObject({ status: 'succeeded', rowsRead: 251 });
  });

  test('runs list newest first', { tag: '@PIPELINE-052' }, async ({ pipelineApi }) => {
    const finished = await pipelineApi.post('/jobs/scraper/runs?wait=true');
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchSchema(runSchema);
    expect(finished.body.status).toBe('partial');

    const response = await pipelineApi.get('/runs?job=scraper&limit=1');

    expect(response.status).toBe(200);
    expect(response.body.runs).toHaveLength(1);
    expect(response.body.runs[0].runId).toBe(finished.body.runId);
  });

  test('GET /jobs shows last success per job', { tag: '@PIPELINE-053' }, async ({ pipelineApi }) => {
    await pipelineApi.post('/jobs/api-readings/runs?wait=true');

    const response = await pipelineApi.get('/jobs');

    expect(response.status).toBe(200);
    expect(response.body).toMatchSchema(jobsSchema);
    const apiJob = (response.body.jobs as { name: string; lastSuccessAt: string | null; lastStatus: string }[]).find((job) => job.name === 'api-readings');
    expect(apiJob?.lastStatus).toBe('succeeded');
    expect(Date.now() - Date.parse(apiJob?.lastSuccessAt ?? '')).toBeLessThan(10 * 60_000);
  });

  test('GET /tables and /quarantine report the load', { tag: '@PIPELINE-054' }, async ({ pipelineApi }) => {
    await pipelineApi.post('/jobs/api-readings/runs?wait=true');

    const tables = await pipelineApi.get('/tables');
    const quarantine = await pipelineApi.get('/quarantine?source=api');

    expect(tables.body).toMatchSchema(tablesSchema);
    expect(tables.body.tables).toContainEqual({ table: 'readings', rows: 240 });
    expect(quarantine.body).toMatchSchema(quarantineSchema);
    expect((quarantine.body.rows as { sourceRef: string }[]).map((row) => row.sourceRef).sort()).toEqual(['obs-0245', 'obs-0246', 'obs-0247', 'obs-0248', 'obs-0249', 'obs-0250']);
  });

  test('GET /metrics counts runs', { tag: '@PIPELINE-055' }, async ({ pipelineApi }) => {
    await pipelineApi.post('/jobs/api-readings/runs?wait=true');

    const response = await pipelineApi.get('/metrics');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.text).toMatch(/^pipeline_runs_total\{job="api-readings",status="succeeded"\} [1-9]\d*$/m);
    expect(response.text).toContain('# TYPE pipeline_rows_written_total counter');
  });

  test('analysis queries answer over the load', { tag: '@PIPELINE-056' }, async ({ pipelineApi }) => {
    await pipelineApi.post('/jobs/api-readings/runs?wait=true');

    const list = await pipelineApi.get('/analysis');
    const warmest = await pipelineApi.get('/analysis/warmest-hours?n=2&station=OSL');
    const change = await pipelineApi.get('/analysis/daily-temperature-change?station=REK');
    const rain = await pipelineApi.get('/analysis/daily-precipitation');

    expect((list.body.queries as { name: string }[]).map((query) => query.name)).toEqual(['warmest-hours', 'daily-precipitation', 'daily-temperature-change', 'busiest-devices']);
    expect(warmest.body).toMatchSchema(analysisResultSchema);
    expect(warmest.body.rows).toHaveLength(2);
    expect(warmest.body.rows.map((row: { rank: number }) => row.rank)).toEqual([1, 2]);
    expect(warmest.body.rows[0].temperature_c).toBeGreaterThanOrEqual(warmest.body.rows[1].temperature_c);
    // Two UTC days of readings: the first day has no previous day to compare with.
    expect(change.body.rows).toHaveLength(2);
    expect(change.body.rows[0].change_c).toBeNull();
    expect(change.body.rows[1].change_c).toBeCloseTo(change.body.rows[1].mean_c - change.body.rows[0].mean_c, 1);
    for (const station of ['OSL', 'NYC', 'DEL', 'SYD', 'REK', 'LPB']) {
      const days = (rain.body.rows as { station_code: string; precipitation_mm: number; running_total_mm: number }[]).filter((row) => row.station_code === station);
      expect(days.at(-1)!.running_total_mm).toBeCloseTo(days.reduce((sum, day) => sum + day.precipitation_mm, 0), 1);
    }
  });
});
