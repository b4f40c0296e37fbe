import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  DEFAULT_MIGRATIONS_DIR,
  MigrationError,
  loadMigrations,
  migrate,
} from '../../framework/results/migrations.ts';
import { openDatabase } from '../../framework/results/open-database.ts';
import { openResultsStore } from '../../framework/results/index.ts';
import type { ResultsStoreOptions } from '../../framework/results/index.ts';
import { backends } from './backends.ts';

const INITIAL_FILE = path.join(DEFAULT_MIGRATIONS_DIR, '0001_initial.sql');

const EXPECTED_TABLES = [
  'attempts',
  'bug_occurrences',
  'bug_runs',
  'bug_symptoms',
  'bugs',
  'load_summaries',
  'run_shards',
  'runs',
  'schema_migrations',
  'tests',
  'visual_comparisons',
];

interface MigrationRow {
  version: number;
  name: string;
  checksum: string;
  applied_at: Date;
}

async function appliedMigrations(options: ResultsStoreOptions): Promise<MigrationRow[]> {
  const db = await openDatabase(options);
  try {
    const result = await db.query<MigrationRow>(
      'SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version',
    );
    return result.rows;
  } finally {
    await db.close();
  }
}

async function tableNames(options: ResultsStoreOptions): Promise<string[]> {
  const db = await openDatabase(options);
  try {
    const result = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' ORDER BY table_name`,
    );
    return result.rows.map((row) => row.table_name);
  } finally {
    await db.close();
  }
}

/** Creates a migrations folder with the shipped 0001 and the given extra files. */
async function migrationsFolder(extra: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'nova-migrations-'));
  await copyFile(INITIAL_FILE, path.join(folder, '0001_initial.sql'));
  for (const [name, sql] of Object.entries(extra)) {
    await writeFile(path.join(folder, name), sql);
  }
  return folder;
}

describe('loadMigrations', () => {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it('reads the shipped migrations in order', async () => {
    const migrations = await loadMigrations();
    const sql = await readFile(INITIAL_FILE, 'utf8');

    expect(migrations[0]?.version).toBe(1);
    expect(migrations[0]?.name).toBe('initial');
    expect(migrations[0]?.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
  });

  it('rejects a badly named file', async () => {
    const folder = await migrationsFolder({ '2_add.sql': 'SELECT 1;' });
    folders.push(folder);

    await expect(loadMigrations(folder)).rejects.toThrow(
      /Invalid migration file name .*2_add\.sql: expected NNNN_name\.sql/,
    );
  });

  it('rejects two files with one version', async () => {
    const folder = await migrationsFolder({ '0001_again.sql': 'SELECT 1;' });
    folders.push(folder);

    await expect(loadMigrations(folder)).rejects.toThrow(/Two migration files have version 1/);
  });

  it('reads CRLF files with the LF checksum', async () => {
    const lf = await migrationsFolder({ '0002_note.sql': 'SELECT 1;\nSELECT 2;\n' });
    const crlf = await migrationsFolder({ '0002_note.sql': 'SELECT 1;\r\nSELECT 2;\r\n' });
    folders.push(lf, crlf);

    const [lfMigrations, crlfMigrations] = await Promise.all([
      loadMigrations(lf),
      loadMigrations(crlf),
    ]);
    expect(crlfMigrations[1]?.checksum).toBe(lfMigrations[1]?.checksum);
  });
});

describe.each(backends())('migrations on $name', (backend) => {
  const folders: string[] = [];
  let options: ResultsStoreOptions;

  beforeEach(async () => {
    options = await backend.createDatabase();
  });

  afterEach(async () => {
    await backend.cleanup();
    await Promise.all(
      folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })),
    );
  });

  it('applies once and records checksums', async () => {
    const store = await openResultsStore(options);
    await store.close();

    const rows = await appliedMigrations(options);
    const sql = await readFile(INITIAL_FILE, 'utf8');
    expect(rows.map((row) => row.version)).toEqual(
      (await loadMigrations()).map((migration) => migration.version),
    );
    expect(rows[0]?.version).toBe(1);
    expect(rows[0]?.name).toBe('initial');
    expect(rows[0]?.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
    expect(rows[0]?.applied_at).toBeInstanceOf(Date);
    expect(await tableNames(options)).toEqual(EXPECTED_TABLES);
  });

  it('re-open is a no-op', async () => {
    await (await openResultsStore(options)).close();
    const before = await appliedMigrations(options);

    await (await openResultsStore(options)).close();
    const db = await openDatabase(options);
    const appliedAgain = await migrate(db).finally(() => db.close());

    expect(appliedAgain).toEqual([]);
    expect(await appliedMigrations(options)).toEqual(before);
  });

  it('applies a new migration on the next open', async () => {
    const folder = await migrationsFolder({});
    folders.push(folder);
    await (await openResultsStore({ ...options, migrationsDir: folder })).close();

    await writeFile(
      path.join(folder, '0002_add_note.sql'),
      'ALTER TABLE runs ADD COLUMN note text;\n',
    );
    await (await openResultsStore({ ...options, migrationsDir: folder })).close();

    const rows = await appliedMigrations(options);
    expect(rows.map((row) => `${row.version}_${row.name}`)).toEqual(['1_initial', '2_add_note']);
  });

  it('rejects a changed applied migration', async () => {
    const original = 'ALTER TABLE runs ADD COLUMN note text;\n';
    const folder = await migrationsFolder({ '0002_add_note.sql': original });
    folders.push(folder);
    await (await openResultsStore({ ...options, migrationsDir: folder })).close();

    const changed = 'ALTER TABLE runs ADD COLUMN note varchar(200);\n';
    await writeFile(path.join(folder, '0002_add_note.sql'), changed);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');

    const opening = openResultsStore({ ...options, migrationsDir: folder });
    await expect(opening).rejects.toBeInstanceOf(MigrationError);
    await expect(opening).rejects.toThrow(path.join(folder, '0002_add_note.sql'));
    await expect(opening).rejects.toThrow(`recorded checksum ${sha(original)}`);
    await expect(opening).rejects.toThrow(`now has checksum ${sha(changed)}`);
    await expect(opening).rejects.toThrow(/forward-only.*add a new migration/);
  });

  it('rejects an applied migration missing on disk', async () => {
    const folder = await migrationsFolder({
      '0002_add_note.sql': 'ALTER TABLE runs ADD COLUMN note text;',
    });
    folders.push(folder);
    await (await openResultsStore({ ...options, migrationsDir: folder })).close();

    await rm(path.join(folder, '0002_add_note.sql'));

    const opening = openResultsStore({ ...options, migrationsDir: folder });
    await expect(opening).rejects.toBeInstanceOf(MigrationError);
    await expect(opening).rejects.toThrow(
      /Migration 0002_add_note is applied .* its file is missing/,
    );
  });

  it('rejects a new migration older than an applied one', async () => {
    const folder = await migrationsFolder({ '0003_later.sql': 'SELECT 1;' });
    folders.push(folder);
    await (await openResultsStore({ ...options, migrationsDir: folder })).close();

    await writeFile(path.join(folder, '0002_earlier.sql'), 'SELECT 2;');

    await expect(openResultsStore({ ...options, migrationsDir: folder })).rejects.toThrow(
      /0002_earlier\.sql has version 2, older than version 3 .* rename it/,
    );
  });

  it('rolls back a failed migration', async () => {
    const folder = await migrationsFolder({
      '0002_broken.sql': 'CREATE TABLE half_done (id text);\nSELECT * FROM no_such_table;\n',
    });
    folders.push(folder);

    const opening = openResultsStore({ ...options, migrationsDir: folder });
    await expect(opening).rejects.toThrow(/Migration .*0002_broken\.sql failed on .*no_such_table/);

    expect((await appliedMigrations(options)).map((row) => row.version)).toEqual([1]);
    expect(await tableNames(options)).not.toContain('half_done');
  });
});

describe('concurrent migrations on postgres', () => {
  const [, postgres] = backends();

  afterEach(async () => {
    await postgres?.cleanup();
  });

  it('applies each migration once', async () => {
    if (postgres === undefined) throw new Error('The postgres backend fixture is missing.');
    const options = await postgres.createDatabase();
    const databases = await Promise.all([1, 2, 3, 4].map(() => openDatabase(options)));

    const applied = await Promise.all(databases.map((db) => migrate(db)));
    await Promise.all(databases.map((db) => db.close()));

    // Each shipped migration is applied by exactly one of the four openers.
    const shipped = (await loadMigrations()).map((migration) => migration.version);
    expect(
      applied
        .flat()
        .map((migration) => migration.version)
        .sort((a, b) => a - b),
    ).toEqual(shipped);
    expect(await appliedMigrations(options)).toHaveLength(shipped.length);
  });

  it('opens four stores at once', async () => {
    if (postgres === undefined) throw new Error('The postgres backend fixture is missing.');
    const options = await postgres.createDatabase();

    const stores = await Promise.all([1, 2, 3, 4].map(() => openResultsStore(options)));
    const runs = await Promise.all(stores.map((store) => store.listRuns()));
    await Promise.all(stores.map((store) => store.close()));

    expect(runs).toEqual([[], [], [], []]);
    expect(await appliedMigrations(options)).toHaveLength((await loadMigrations()).length);
  });
});
