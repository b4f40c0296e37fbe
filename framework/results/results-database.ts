import { createLogger } from '../logging/index.ts';
import type { Database } from './database.ts';
import { migrate } from './migrations.ts';
import { openDatabase } from './open-database.ts';
import type { ResultsStoreOptions } from './store.ts';

const log = createLogger('results');

/**
 * Opens the results database itself, migrated, for layers that keep tables
 * of their own in it (the bug layer's `bugs` and `bug_runs`). Same backends
 * and options as `openResultsStore`; close it when done.
 */
export async function openResultsDatabase(options: ResultsStoreOptions = {}): Promise<Database> {
  const db = await openDatabase(options);
  try {
    await migrate(db, options.migrationsDir);
  } catch (error) {
    await db.close().catch((closeError: unknown) => {
      log('closing %s after a failed migration also failed: %s', db.location, String(closeError));
    });
    throw error;
  }
  return db;
}
