import { tableRows } from '../../../framework/data/index.ts';
import { BACKENDS, createStorage, withData, type PipelineStorage } from './support/backends.ts';
import { expect, test } from './support/fixtures.ts';
import { PipelineService } from './support/processes.ts';
import { startSource, type SourceServer } from './support/source-server.ts';

interface Run {
  trigger: string;
  status: string;
}

for (const backend of BACKENDS) {
  test.describe(`schedule (${backend})`, () => {
    let storage: PipelineStorage;
    let source: SourceServer;

    test.beforeEach(async ({ pgliteTemplate }) => {
      source = await startSource();
      storage = await createStorage(backend, pgliteTemplate);
    });

    test.afterEach(async () => {
      await source.close();
      await storage.dispose();
    });

    test('cron runs the API job by itself', { tag: '@PIPELINE-040' }, async () => {
      // Every 3 seconds (croner's 6-field form, seconds first).
      const service = await PipelineService.start(
        ['--source-url', source.url, '--schedule', '*/3 * * * * *', ...storage.args],
        storage.env,
      );
      try {
        const jobs = await service.request<{
          jobs: { name: string; schedule: string | null; nextRunAt: string | null }[];
        }>('GET', '/jobs');
        const apiJob = jobs.body.jobs.find((job) => job.name === 'api-readings');
        expect(apiJob?.schedule).toBe('*/3 * * * * *');
        expect(Date.parse(apiJob?.nextRunAt ?? '')).toBeGreaterThan(Date.now() - 1000);

        await expect
          .poll(
            async () =>
              (
                await service.request<{ runs: Run[] }>('GET', '/runs?job=api-readings')
              ).body.runs.some((run) => run.trigger === 'schedule' && run.status === 'succeeded'),
            {
              timeout: 60_000,
              message: 'a scheduled run succeeds',
            },
          )
          .toBe(true);
      } finally {
        expect((await service.stop()).code).toBe(0);
      }

      await withData(storage, async (db) => {
        await expect(tableRows(db, 'readings')).toHaveRowCount(240);
        await expect(tableRows(db, 'pipeline_runs')).toHaveValuesIn('trigger', ['schedule']);
        // protect: true in croner: a tick that falls during a run is skipped, so no two runs overlap.
        await expect(tableRows(db, 'pipeline_runs')).toHaveValuesIn('status', [
          'succeeded',
          'running',
          'interrupted',
        ]);
      });
    });
  });
}
