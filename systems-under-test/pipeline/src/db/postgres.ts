import pg from 'pg';

import { type PipelineDatabase, type Sql, redactUrl } from './database.ts';
import { SCHEMA_SQL } from './schema.ts';

/** Stable 32-bit key of a job name for pg_try_advisory_lock (FNV-1a). */
function lockKey(job: string): number {
  let hash = 0x811c9dc5;
  for (const char of job) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** Opens a pool on a PostgreSQL database and applies the schema. Sessions run in UTC. */
export async function openPostgres(url: string): Promise<PipelineDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: 5, options: '-c TimeZone=UTC' });
  pool.on('error', () => {
    // An idle client lost its connection; the next query reconnects or fails with the cause.
  });

  try {
    await pool.query(SCHEMA_SQL);
  } catch (error) {
    await pool.end();
    throw new Error(
      `Cannot open the pipeline database ${redactUrl(url)}: ${(error as Error).message}. ` +
        'Check PIPELINE_DATABASE_URL, or unset it to use the embedded database.',
      { cause: error },
    );
  }

  const asSql = (client: pg.Pool | pg.PoolClient): Sql => ({
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await client.query(text, [...params]);
      return result.rows as Row[];
    },
  });

  return {
    backend: 'postgres',
    location: redactUrl(url),
    ...asSql(pool),

    async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(asSql(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    async withJobLock<T>(job: string, work: () => Promise<T>): Promise<T | undefined> {
      // A session-level advisory lock: PostgreSQL releases it when the process dies.
      const client = await pool.connect();
      try {
        const [row] = (
          await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
            lockKey(job),
          ])
        ).rows;
        if (row?.locked !== true) return undefined;
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [lockKey(job)]);
        }
      } finally {
        client.release();
      }
    },

    async close() {
      await pool.end();
    },
  };
}
