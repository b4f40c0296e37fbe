import pg from 'pg';

import { createLogger } from '../logging/index.ts';
import type { Database, QueryResult, Queryable } from './database.ts';
import { resolvePostgresOptions } from './postgres-options.ts';

const log = createLogger('results');

/** Adapts a pool or one checked-out client to `Queryable`. */
function queryable(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query(sql, [...params]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      // Without parameters, pg sends the simple query protocol, which accepts several statements.
      await target.query(sql);
    },
  };
}

/**
 * Connects to PostgreSQL at `databaseUrl` with a `pg.Pool` and checks the
 * connection once, so that a wrong URL fails here instead of at the first write.
 */
export async function openPostgresDatabase(
  databaseUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Database> {
  const options = resolvePostgresOptions(databaseUrl, env);
  const pool = new pg.Pool(options.poolConfig);

  // An idle client that loses its connection emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', (error) => {
    log('idle PostgreSQL connection to %s failed: %s', options.maskedUrl, error.message);
  });

  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(
      `Failed to connect to PostgreSQL at ${options.maskedUrl}: ${(error as Error).message}. ` +
        'Check that the server is running and that DATABASE_URL, PGSSLMODE and NOVA_DB_CA_FILE are right, ' +
        'or unset DATABASE_URL to use the embedded PGlite database.',
      { cause: error },
    );
  }
  log(
    'connected to PostgreSQL at %s (pool size %d, statement timeout %d ms, sslmode %s)',
    options.maskedUrl,
    options.poolSize,
    options.statementTimeoutMs,
    options.sslMode,
  );

  const direct = queryable(pool);
  let closed = false;

  return {
    backend: 'postgres',
    location: options.maskedUrl,
    query: (sql, params) => direct.query(sql, params),
    exec: (sql) => direct.exec(sql),

    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        // A failed ROLLBACK means the connection is broken: destroy it instead of returning it to the pool.
        try {
          await client.query('ROLLBACK');
          client.release();
        } catch (rollbackError) {
          log('ROLLBACK failed on %s: %s', options.maskedUrl, (rollbackError as Error).message);
          client.release(rollbackError as Error);
        }
        throw error;
      }
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await pool.end();
      log('closed the PostgreSQL pool to %s', options.maskedUrl);
    },
  };
}
