import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createLogger } from '../logging/index.ts';
import type { Database, Queryable } from './database.ts';

const log = createLogger('results');

/** The migrations shipped with the store, found next to this module from any working directory. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** `0001_initial.sql`: a version of four or more digits, an underscore and a lower-case name. */
const FILE_PATTERN = /^(\d{4,})_([a-z0-9_]+)\.sql$/;

/**
 * Key of the advisory lock that serializes migrations across processes, for
 * example two shards opening one PostgreSQL database at once. Any constant
 * works as long as nothing else in the database uses it.
 */
const MIGRATION_LOCK_KEY = 4_207_311_902;

export interface Migration {
  version: number;
  name: string;
  /** Absolute path of the `.sql` file. */
  file: string;
  sql: string;
  /** SHA-256 of the file with CRLF line ends read as LF, in hex. */
  checksum: string;
}

/** A migration that cannot be applied, or applied migrations that no longer match the files. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

function checksumOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** Reads and checks the `.sql` files of `dir`, sorted by version. */
export async function loadMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Promise<Migration[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new MigrationError(
      `Failed to read the migrations folder ${dir}: ${(error as Error).message}. ` +
        'Pass an existing folder of NNNN_name.sql files as migrationsDir, or leave it unset for the built-in migrations.',
      { cause: error },
    );
  }

  const migrations: Migration[] = [];
  for (const entry of entries.filter((name) => name.endsWith('.sql')).sort()) {
    const match = FILE_PATTERN.exec(entry);
    if (match === null) {
      throw new MigrationError(
        `Invalid migration file name ${path.join(dir, entry)}: expected NNNN_name.sql, for example 0002_add_index.sql, ` +
          'with a version of at least four digits and a lower-case name. Rename the file.',
      );
    }
    const file = path.join(dir, entry);

    // Git may check files out with CRLF on Windows; the checksum must not change with it.
    const sql = (await readFile(file, 'utf8')).replaceAll('\r\n', '\n');
    migrations.push({
      version: Number(match[1]),
      name: match[2] ?? '',
      file,
      sql,
      checksum: checksumOf(sql),
    });
  }
  migrations.sort((a, b) => a.version - b.version);

  for (let i = 1; i < migrations.length; i += 1) {
    const previous = migrations[i - 1];
    const current = migrations[i];
    if (previous !== undefined && current !== undefined && previous.version === current.version) {
      throw new MigrationError(
        `Two migration files have version ${current.version}: ${previous.file} and ${current.file}. ` +
          'Give the newer one the next free version number.',
      );
    }
  }
  return migrations;
}

/**
 * Compares what the database has applied with the files on disk and returns
 * the migrations still to apply. Throws when an applied migration changed or
 * disappeared, or when a new file is older than an applied one.
 */
function pendingMigrations(
  migrations: Migration[],
  applied: AppliedRow[],
  location: string,
  dir: string,
): Migration[] {
  const byVersion = new Map(migrations.map((migration) => [migration.version, migration]));

  for (const row of applied) {
    const migration = byVersion.get(row.version);
    if (migration === undefined) {
      throw new MigrationError(
        `Migration ${String(row.version).padStart(4, '0')}_${row.name} is applied in the results database at ${location}, ` +
          `but its file is missing from ${dir}. Migrations are forward-only: restore the file, ` +
          'or point the store at a database created from these migrations.',
      );
    }
    if (migration.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${migration.file} changed after it was applied: the database at ${location} recorded checksum ${row.checksum}, ` +
          `the file now has checksum ${migration.checksum}. Migrations are forward-only: restore the file ` +
          'and add a new migration with the next version number for the change.',
      );
    }
  }

  const appliedVersions = new Set(applied.map((row) => row.version));
  const newestApplied = Math.max(0, ...appliedVersions);
  const pending = migrations.filter((migration) => !appliedVersions.has(migration.version));
  for (const migration of pending) {
    if (migration.version < newestApplied) {
      throw new MigrationError(
        `Migration ${migration.file} has version ${migration.version}, older than version ${newestApplied} ` +
          `already applied at ${location}. Migrations are forward-only: rename it to a version above ${newestApplied}.`,
      );
    }
  }
  return pending;
}

async function lockAndReadApplied(tx: Queryable): Promise<AppliedRow[]> {
  // Released at the end of the transaction, so a crashed opener never leaves it held.
  await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
  await tx.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const result = await tx.query<AppliedRow>(
    'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
  );
  return result.rows;
}

/**
 * Applies the pending migrations of `dir`, each in its own transaction, and
 * records each in `schema_migrations`. Every transaction takes the same
 * advisory lock and reads the applied versions again, so concurrent openers
 * apply each migration exactly once. Returns the migrations it applied.
 */
export async function migrate(
  db: Database,
  dir: string = DEFAULT_MIGRATIONS_DIR,
): Promise<Migration[]> {
  const migrations = await loadMigrations(dir);
  const pending = await db.transaction(async (tx) =>
    pendingMigrations(migrations, await lockAndReadApplied(tx), db.location, dir),
  );

  const applied: Migration[] = [];
  for (const migration of pending) {
    const didApply = await db.transaction(async (tx) => {
      // Another opener may have applied it between the check above and this lock.
      const current = await lockAndReadApplied(tx);
      if (pendingMigrations(migrations, current, db.location, dir).every((m) => m !== migration)) {
        return false;
      }

      const started = Date.now();
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new MigrationError(
          `Migration ${migration.file} failed on ${db.backend} at ${db.location}: ${(error as Error).message}. ` +
            'Nothing of it was applied; fix the file (it was never applied, so changing it is allowed) and open the store again.',
          { cause: error },
        );
      }
      await tx.query(
        'INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
        [migration.version, migration.name, migration.checksum],
      );
      log('applied migration %s in %d ms', path.basename(migration.file), Date.now() - started);
      return true;
    });
    if (didApply) applied.push(migration);
  }

  if (applied.length === 0) log('schema up to date at %s', db.location);
  return applied;
}
