/**
 * The pipeline's storage: PostgreSQL through `pg` when PIPELINE_DATABASE_URL is
 * set, else an embedded PGlite folder. Both speak the same SQL, so every job
 * is written once against `Sql` and `PipelineDatabase`.
 */
export interface Sql {
  /** Runs one statement and returns its rows. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface PipelineDatabase extends Sql {
  readonly backend: 'postgres' | 'pglite';
  /** Where the data lives: the URL without its password, or the PGlite folder. */
  readonly location: string;
  /** Runs `work` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while holding the named job's lock, or returns undefined at
   * once when another process or caller holds it.
   */
  withJobLock<T>(job: string, work: () => Promise<T>): Promise<T | undefined>;
  close(): Promise<void>;
}

/** Raised for a database setting the user must fix. */
export class DatabaseConfigError extends Error {
  override readonly name = 'DatabaseConfigError';
}

/** Removes the password from a connection URL so that it can be logged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.href;
  } catch {
    return '(unparsable URL)';
  }
}
