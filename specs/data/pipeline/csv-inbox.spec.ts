/**
 * The CSV inbox: known files dropped into the folder the service watches,
 * then the ledger, the master table, the quarantine and the archive checked.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { queryRows, tableRows } from '../../../framework/data/index.ts';
import { BACKENDS, createStorage, withData, type PipelineStorage } from './support/backends.ts';
import { expect, test } from './support/fixtures.ts';
import { PipelineService } from './support/processes.ts';

const HEADER = 'station_code,observed_at,temperature_c,humidity_pct\n';

/** Valid rows, with the cleaning they need: spaces, a lower-case code, a decimal comma in quotes. */
const GOOD =
  HEADER +
  'OSL,2026-12-01T08:00:00+01:00,-1.5,81\n osl ,2026-12-01T09:00:00+01:00,"-0,5",79\nNYC,2026-12-01T03:00:00-05:00,4,65\n';

/** Three good rows and four bad ones; the unterminated quote is last, because it swallows the lines after it. */
const MIXED =
  HEADER +
  'REK,2026-12-01T08:00:00Z,-3,90\n' +
  'REK,2026-12-01T09:00:00Z,warm,90\n' +
  'SYD,2026-12-01T19:00:00+11:00,24,140\n' +
  'SYD,2026-12-01T20:00:00+11:00,23.5,60\n' +
  'DEL,01/12/2026 10:00,18,40\n' +
  'DEL,2026-12-01T10:30:00+05:30,19,38\n' +
  'LPB,"2026-12-01T08:00:00-04:00,5,50\n';

const NO_HEADER_COLUMNS = 'station,time,temp\nOSL,2026-12-01T08:00:00+01:00,3\n';

/** Written in three parts, 150 ms apart, well inside the 2 s the watcher waits for a file to hold still. */
const SLOW_PARTS = [
  HEADER + 'LPB,2026-12-01T08:00:00-04:00,5',
  '.5,50\nLPB,2026-12-01T09:00:00-04:00,6,48\n',
  'LPB,2026-12-01T10:00:00-04:00,7.25,47\n',
];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

for (const backend of BACKENDS) {
  test.describe(`CSV inbox (${backend})`, () => {
    let storage: PipelineStorage;
    let folder: string;

    test.beforeEach(async ({ pgliteTemplate }) => {
      storage = await createStorage(backend, pgliteTemplate);
      folder = await mkdtemp(path.join(tmpdir(), 'nova-pipeline-inbox-'));
    });

    test.afterEach(async () => {
      await storage.dispose();
      await rm(folder, { recursive: true, force: true });
    });

    test(
      'files load once, bad rows are quarantined',
      { tag: ['@PIPELINE-020', '@PIPELINE-021', '@PIPELINE-022', '@PIPELINE-023'] },
      async () => {
        const inbox = path.join(folder, 'inbox');
        const archive = path.join(folder, 'archive');
        const service = await PipelineService.start(
          [
            '--schedule',
            'off',
            '--inbox',
            inbox,
            '--archive',
            archive,
            '--csv-stability-ms',
            '2000',
            ...storage.args,
          ],
          storage.env,
        );
        try {
          await writeFile(path.join(inbox, 'good.csv'), GOOD);
          await writeFile(path.join(inbox, 'mixed.csv'), MIXED);
          await writeFile(path.join(inbox, 'columns.csv'), NO_HEADER_COLUMNS);
          await writeFile(
            path.join(inbox, 'notes.txt'),
            'not a CSV file, so the watcher ignores it',
          );

          const slow = path.join(inbox, 'slow.csv');
          for (const [index, part] of SLOW_PARTS.entries()) {
            if (index === 0) await writeFile(slow, part);
            else await appendFile(slow, part);
            await new Promise((resolve) => setTimeout(resolve, 150));
          }

          // The same content under another name, after the original is archived: a duplicate.
          await expect
            .poll(() => readdir(archive), { timeout: 60_000 })
            .toContain(`${sha256(GOOD).slice(0, 12)}-good.csv`);
          await writeFile(path.join(inbox, 'good-again.csv'), GOOD);

          await expect
            .poll(() => readdir(inbox), {
              timeout: 60_000,
              message: 'every CSV file leaves the inbox',
            })
            .toEqual(['notes.txt']);
        } finally {
          expect((await service.stop()).code).toBe(0);
        }

        expect((await readdir(archive)).sort()).toEqual(
          [
            `${sha256(GOOD).slice(0, 12)}-good.csv`,
            `${sha256(MIXED).slice(0, 12)}-mixed.csv`,
            `${sha256(NO_HEADER_COLUMNS).slice(0, 12)}-columns.csv`,
            `${sha256(SLOW_PARTS.join('')).slice(0, 12)}-slow.csv`,
            'duplicates',
          ].sort(),
        );
        expect(await readdir(path.join(archive, 'duplicates'))).toEqual([
          expect.stringMatching(/^[0-9a-f]{12}-duplicate-\d+-good-again\.csv$/),
        ]);

        await withData(storage, async (db) => {
          const files = queryRows(
            db,
            'SELECT file_name, content_hash, rows_loaded, rows_quarantined, duplicates_seen FROM csv_files',
            [],
            'table csv_files',
          );
          await expect(files).toHaveUniqueKey(['content_hash']);
          await expect(files).toEqualRows([
            {
              file_name: 'good.csv',
              content_hash: sha256(GOOD),
              rows_loaded: 3,
              rows_quarantined: 0,
              duplicates_seen: 1,
            },
            {
              file_name: 'mixed.csv',
              content_hash: sha256(MIXED),
              rows_loaded: 3,
              rows_quarantined: 4,
              duplicates_seen: 0,
            },
            {
              file_name: 'columns.csv',
              content_hash: sha256(NO_HEADER_COLUMNS),
              rows_loaded: 0,
              rows_quarantined: 1,
              duplicates_seen: 0,
            },
            // Read once, whole: an early read would have loaded a partial file under another hash.
            {
              file_name: 'slow.csv',
              content_hash: sha256(SLOW_PARTS.join('')),
              rows_loaded: 3,
              rows_quarantined: 0,
              duplicates_seen: 0,
            },
          ]);

          const readings = queryRows(
            db,
            `SELECT f.file_name, r.line_no, r.station_code, to_char(r.observed_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS observed_at, r.temperature_c, r.humidity_pct
           FROM csv_readings r JOIN csv_files f USING (content_hash)`,
            [],
            'table csv_readings',
          );
          await expect(readings).toEqualRows(
            [
              {
                file_name: 'good.csv',
                line_no: 2,
                station_code: 'OSL',
                observed_at: '2026-12-01T07:00:00Z',
                temperature_c: -1.5,
                humidity_pct: 81,
              },
              {
                file_name: 'good.csv',
                line_no: 3,
                station_code: 'OSL',
                observed_at: '2026-12-01T08:00:00Z',
                temperature_c: -0.5,
                humidity_pct: 79,
              },
              {
                file_name: 'good.csv',
                line_no: 4,
                station_code: 'NYC',
                observed_at: '2026-12-01T08:00:00Z',
                temperature_c: 4,
                humidity_pct: 65,
              },
              {
                file_name: 'mixed.csv',
                line_no: 2,
                station_code: 'REK',
                observed_at: '2026-12-01T08:00:00Z',
                temperature_c: -3,
                humidity_pct: 90,
              },
              {
                file_name: 'mixed.csv',
                line_no: 5,
                station_code: 'SYD',
                observed_at: '2026-12-01T09:00:00Z',
                temperature_c: 23.5,
                humidity_pct: 60,
              },
              {
                file_name: 'mixed.csv',
                line_no: 7,
                station_code: 'DEL',
                observed_at: '2026-12-01T05:00:00Z',
                temperature_c: 19,
                humidity_pct: 38,
              },
              {
                file_name: 'slow.csv',
                line_no: 2,
                station_code: 'LPB',
                observed_at: '2026-12-01T12:00:00Z',
                temperature_c: 5.5,
                humidity_pct: 50,
              },
              {
                file_name: 'slow.csv',
                line_no: 3,
                station_code: 'LPB',
                observed_at: '2026-12-01T13:00:00Z',
                temperature_c: 6,
                humidity_pct: 48,
              },
              {
                file_name: 'slow.csv',
                line_no: 4,
                station_code: 'LPB',
                observed_at: '2026-12-01T14:00:00Z',
                temperature_c: 7.25,
                humidity_pct: 47,
              },
            ],
            { key: ['file_name', 'line_no'] },
          );
          await expect(tableRows(db, 'csv_readings')).toReference(tableRows(db, 'csv_files'), {
            columns: ['content_hash'],
          });
          await expect(tableRows(db, 'csv_readings')).toHaveNoNulls([
            'station_code',
            'observed_at',
            'temperature_c',
            'humidity_pct',
          ]);

          await expect(
            queryRows(
              db,
              `SELECT reason FROM quarantine WHERE source = 'csv'`,
              [],
              'CSV quarantine',
            ),
          ).toEqualRows([
            { reason: 'line 3: temperature_c "warm" is not a number' },
            { reason: 'line 4: humidity_pct 140 is outside 0..100' },
            {
              reason:
                'line 6: observed_at "01/12/2026 10:00" is not an ISO 8601 time with a UTC offset',
            },
            { reason: 'line 8: unterminated quoted field starting on line 8' },
            {
              reason:
                'line 1: header lacks the column(s) station_code, observed_at, temperature_c, humidity_pct; expected station_code,observed_at,temperature_c,humidity_pct',
            },
          ]);
          await expect(
            queryRows(
              db,
              `SELECT status FROM pipeline_runs WHERE job = 'csv-inbox'`,
              [],
              'CSV runs',
            ),
          ).toHaveValuesIn('status', ['succeeded']);
        });
      },
    );
  });
}
