import type { Database } from './database.ts';
import { DEFAULT_PGLITE_DIR, openPGliteDatabase } from './pglite-database.ts';
import { openPostgresDatabase } from './postgres-database.ts';
import { resolvePostgresOptions } from './postgres-options.ts';

export interface DatabaseOptions {
  /** PostgreSQL URL; defaults to `DATABASE_URL`. When neither is set, PGlite is used. */
  databaseUrl?: string;
  /**
   * PGlite folder, created when missing; defaults to `NOVA_RESULTS_DB_DIR`,
   * else `.nova/results-db` in the working directory.
   */
  dataDir?: string;
  /** Environment to read `DATABASE_URL`, `NOVA_DB_*` and `PGSSLMODE` from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** Opens PostgreSQL when a URL is given or `DATABASE_URL` is set, and PGlite otherwise. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const env = options.env ?? process.env;
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL;
  if (databaseUrl !== undefined && databaseUrl !== '') {
    return openPostgresDatabase(databaseUrl, env);
  }
  const dataDir = options.dataDir ?? (env.NOVA_RESULTS_DB_DIR || DEFAULT_PGLITE_DIR);
  return openPGliteDatabase(dataDir);
}

/**
 * Checks the store's settings without connecting, and throws a ConfigError
 * naming the variable and the fix. A reporter calls it at start, so that a
 * typo stops the run at once instead of spooling every run until it is found.
 */
export function validateStoreSettings(options: DatabaseOptions = {}): void {
  const env = options.env ?? process.env;
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL;
  if (databaseUrl !== undefined && databaseUrl !== '') resolvePostgresOptions(databaseUrl, env);
}
