import { DatabaseConfigError, type PipelineDatabase } from './database.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export interface StorageOptions {
  /** PostgreSQL URL; when set, the embedded folder is not used. */
  databaseUrl: string | undefined;
  /** Folder of the embedded PGlite database. */
  dataDir: string;
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite folder. */
export async function openDatabase(options: StorageOptions): Promise<PipelineDatabase> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new DatabaseConfigError(
        `PIPELINE_DATABASE_URL must start with postgres:// or postgresql://, received "${options.databaseUrl.slice(0, 12)}…". ` +
          'Example: postgres://postgres@127.0.0.1:5432/nova_pipeline. Unset it to use the embedded database.',
      );
    }
    return openPostgres(options.databaseUrl);
  }
  return openPglite(options.dataDir);
}
