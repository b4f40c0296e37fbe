/**
 * Crash and re-run: the API job is killed with SIGKILL at 10 points of a load
 * and run again after each kill. Each point is a seeded random step: a fetched
 * page, a row written inside the open transaction, or just before or after
 * COMMIT. After each kill the tables must hold whole pages only, and the end
 * state must equal a clean load into a database of its own.
 */
import { queryRows, type DataSource, type Row } from '../../../framework/data/index.ts';
import { mulberry32 } from '../../../systems-under-test/pipeline/src/source/prng.ts';
import { BACKENDS, createStorage, withData, type PipelineStorage } from './support/backends.ts';
import { READING_COLUMNS, cursorOffset, expectedReadings } from './support/expected.ts';
import { expect, test } from './support/fixtures.ts';
import { runJob } from './support/processes.ts';
import { startSource, type SourceServer } from './support/source-server.ts';

const KILLS = 10;
const SEED = 20261204;
/**
 * Kill points are drawn from steps 1..23 of each run. A page of 20 records
 * takes at most 23 steps (fetch, up to 20 rows, commit, committed), so each
 * killed run commits at most one page and the 13-page load cannot finish
 * before its 10th kill.
 */
const MAX_STEP = 23;

const QUARANTINE_COLUMNS = 'source, source_ref, reason, raw';

async function snapshot(
  db: DataSource,
): Promise<{ readings: Row[]; quarantine: Row[]; checkpoint: Row[] }> {
  return {
    readings: await db.query(`SELECT ${READING_COLUMNS} FROM readings`),
    quarantine: await db.query(`SELECT ${QUARANTINE_COLUMNS} FROM quarantine`),
    checkpoint: await db.query(`SELECT job, cursor FROM job_checkpoints`),
  };
}

for (const backend of BACKENDS) {
  test.describe(`crash and re-run (${backend})`, () => {
    let source: SourceServer;
    const storages: PipelineStorage[] = [];

    test.beforeEach(async () => {
      // Occasional 503s as well, so that retries happen between kills too.
      source = await startSource({ failEvery: 6 });
    });

    test.afterEach(async () => {
      await source.close();
      for (const storage of storages.splice(0)) await storage.dispose();
    });

    test(
      '10 kills then a re-run equal a clean load',
      { tag: ['@PIPELINE-010', '@PIPELINE-011'] },
      async ({ pgliteTemplate }) => {
        // Twelve job processes, each starting Node.js, tsx and its database: minutes on a busy machine.
        test.setTimeout(600_000);
        const clean = await createStorage(backend, pgliteTemplate);
        const crashed = await createStorage(backend, pgliteTemplate);
        storages.push(clean, crashed);
        const args = (storage: PipelineStorage) => ['--source-url', source.url, ...storage.args];

        const cleanRun = await runJob('api-readings', args(clean), clean.env);
        expect(cleanRun.exit.code, cleanRun.exit.stderr).toBe(0);
        const expected = await withData(clean, snapshot);
        expect(expected.readings).toHaveLength(240);
        expect(expected.checkpoint).toEqual([{ job: 'api-readings', cursor: null }]);

        const random = mulberry32(SEED);
        const kills: string[] = [];
        for (let kill = 1; kill <= KILLS; kill++) {
          const step = 1 + Math.floor(random() * MAX_STEP);
          const run = await runJob('api-readings', args(crashed), crashed.env, step);
          expect(
            run.exit.signal,
            `kill ${kill} at step ${step}: ${run.exit.stderr.slice(-500)}`,
          ).toBe('SIGKILL');
          kills.push(`kill ${kill}: ${run.killedAt}`);

          // What was committed is exactly a clean load of the pages before the checkpoint: whole pages only.
          // PostgreSQL only, because each look into an embedded folder costs a PGlite start of seconds.
          if (backend === 'embedded') continue;
          await withData(crashed, async (db) => {
            const partial = await snapshot(db);
            const offset = cursorOffset(
              (partial.checkpoint[0]?.cursor as string | undefined) ?? null,
            );
            await expect(
              queryRows(
                db,
                `SELECT ${READING_COLUMNS} FROM readings`,
                [],
                `readings after kill ${kill} (${offset} records committed)`,
              ),
            ).toEqualRows(expectedReadings(offset), { key: ['station_code', 'observed_at'] });
          });
        }
        await test
          .info()
          .attach('kill-points.txt', { body: kills.join('\n'), contentType: 'text/plain' });

        const rerun = await runJob('api-readings', args(crashed), crashed.env);
        expect(rerun.exit.code, rerun.exit.stderr).toBe(0);

        await withData(crashed, async (db) => {
          await expect(
            queryRows(
              db,
              `SELECT ${READING_COLUMNS} FROM readings`,
              [],
              'readings after the kills',
            ),
          ).toEqualRows(expected.readings, {
            key: ['station_code', 'observed_at'],
          });
          await expect(
            queryRows(
              db,
              `SELECT ${QUARANTINE_COLUMNS} FROM quarantine`,
              [],
              'quarantine after the kills',
            ),
          ).toEqualRows(expected.quarantine, {
            key: ['source', 'source_ref'],
          });
          await expect(
            queryRows(
              db,
              'SELECT job, cursor FROM job_checkpoints',
              [],
              'checkpoints after the kills',
            ),
          ).toEqualRows(expected.checkpoint);
          // Each killed run is recorded as interrupted by the run after it, and the last run succeeded.
          await expect(
            queryRows(
              db,
              'SELECT status, COUNT(*)::integer AS runs FROM pipeline_runs GROUP BY status',
              [],
              'runs',
            ),
          ).toEqualRows([
            { status: 'interrupted', runs: KILLS },
            { status: 'succeeded', runs: 1 },
          ]);
        });
      },
    );
  });
}
