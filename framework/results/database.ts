/**
 * The SQL connection behind the results store. Two backends implement it:
 * embedded PGlite (the default) and PostgreSQL through `pg.Pool` when
 * `DATABASE_URL` is set. Code outside this folder's backend files uses only
 * these interfaces, so every query must run unchanged on both.
 */

/** Rows of one statement and the number of rows it inserted, updated or returned. */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** Something that runs SQL: the database itself or one open transaction. */
export interface Queryable {
  /** Runs one statement with `$1`-style parameters. */
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<QueryResult<Row>>;

  /** Runs a script of several statements without parameters, such as a migration file. */
  exec(sql: string): Promise<void>;
}

export type BackendName = 'pglite' | 'postgres';

export interface Database extends Queryable {
  /** Backend name, for logs and diagnostics only. */
  readonly backend: BackendName;

  /** Location of the data: a folder for PGlite, the URL with its password masked for PostgreSQL. */
  readonly location: string;

  /**
   * Runs `work` in one transaction: commits when it resolves, rolls back when
   * it rejects. Inside `work`, use the `tx` argument; calling the database
   * itself from there waits for the transaction to end on PGlite, which
   * deadlocks.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;

  /** Waits for running statements and closes every connection. */
  close(): Promise<void>;
}
