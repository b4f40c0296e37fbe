import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

import { expect as playwrightExpect } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  dataMatchers,
  openDataSource,
  queryRows,
  tableRows,
  type DataSource,
} from '../../framework/data/index.ts';

const dataExpect = playwrightExpect.extend(dataMatchers);

async function failureMessage(assertion: () => Promise<void>): Promise<string> {
  try {
    await assertion();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  return '';
}

describe('data matchers on a PGlite table', () => {
  let folder: string;
  let db: DataSource;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'nova-data-matchers-'));
    db = await openDataSource({ dataDir: folder });
    await db.query(`CREATE TABLE stations (code text PRIMARY KEY)`);
    await db.query(
      `CREATE TABLE readings (station text, observed_at timestamptz, temp double precision)`,
    );
    await db.query(`INSERT INTO stations VALUES ('OSL'), ('NYC')`);
    await db.query(
      `INSERT INTO readings VALUES ('OSL', '2026-12-01T11:00:00+01:00', 1.5), ('NYC', '2026-12-01T05:00:00-05:00', -3), ('REK', '2026-12-01T10:00:00Z', NULL)`,
    );
    // Creating a PGlite database runs initdb in WebAssembly: seconds on a busy machine.
  }, 120_000);

  afterAll(async () => {
    await db.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('passes checks that hold', async () => {
    const readings = tableRows(db, 'readings');

    await dataExpect(readings).toHaveRowCount({ min: 1, max: 3 });
    await dataExpect(readings).toHaveNoNulls(['station', 'observed_at']);
    await dataExpect(readings).toHaveValuesIn('station', ['OSL', 'NYC', 'REK']);
    await dataExpect(tableRows(db, 'stations')).toHaveUniqueKey(['code']);
    await dataExpect(readings).not.toHaveUniqueKey(['observed_at']);
  });

  it('reads timestamps in UTC and compares them with ISO strings', async () => {
    await dataExpect(
      queryRows(db, 'SELECT station, observed_at FROM readings WHERE temp IS NOT NULL'),
    ).toEqualRows([
      { station: 'NYC', observed_at: '2026-12-01T10:00:00.000Z' },
      { station: 'OSL', observed_at: '2026-12-01T10:00:00.000Z' },
    ]);
  });

  it('reports an orphan with both table names', async () => {
    const message = await failureMessage(() =>
      dataExpect(tableRows(db, 'readings')).toReference(tableRows(db, 'stations'), {
        columns: ['station'],
        referencedColumns: ['code'],
      }),
    );

    expect(message).toContain(
      'Table readings has 1 row whose (station) is missing from table stations (code): 1 distinct key.',
    );
    expect(message).toContain('{ station: "REK" } in 1 row');
  });

  it('reports a NULL with its row', async () => {
    const message = await failureMessage(() =>
      dataExpect(tableRows(db, 'readings')).toHaveNoNulls(['temp']),
    );

    expect(message).toContain('Table readings has NULLs in 1 of 3 rows (temp 1).');
  });

  it('reports freshness against a given time', async () => {
    const message = await failureMessage(() =>
      dataExpect(tableRows(db, 'readings')).toBeFresh('observed_at', {
        maxAgeMs: 60_000,
        now: new Date('2026-12-01T12:00:00Z'),
      }),
    );

    expect(message).toContain(
      'has its newest observed_at 2026-12-01T10:00:00.000Z, 2.0 h old; expected at most 60 s',
    );
  });

  it('shows missing and unexpected rows of a query', async () => {
    const message = await failureMessage(() =>
      dataExpect(queryRows(db, 'SELECT code FROM stations', [], 'station codes')).toEqualRows([
        { code: 'OSL' },
        { code: 'LPB' },
      ]),
    );

    expect(message).toContain(
      'Station codes has 2 rows where 2 were expected: 1 missing, 1 unexpected, 0 changed.',
    );
    expect(message).toContain('  - { code: "LPB" }');
    expect(message).toContain('  + { code: "NYC" }');
  });

  it('rejects a table name that is not an identifier', () => {
    expect(() => tableRows(db, 'readings; DROP TABLE stations')).toThrow(
      /not a plain SQL identifier/,
    );
  });
});
