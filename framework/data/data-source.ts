/**
 * A read connection to the database a test checks: PostgreSQL through `pg`,
 * or an embedded PGlite folder. Sessions run in UTC, so timestamps read the
 * same from both.
 */
import type { Row } from './rows.ts';

export interface DataSource {
  readonly backend: 'postgres' | 'pglite';
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export type DataSourceOptions = { url: string } | { dataDir: string };

export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  if ('url' in options) {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: options.url, options: '-c TimeZone=UTC' });
    await client.connect();
    return {
      backend: 'postgres',
      async query(sql, params = []) {
        return (await client.query(sql, [...params])).rows as Row[];
      },
      close: () => client.end(),
    };
  }

  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(options.dataDir);
  await db.exec("SET TIME ZONE 'UTC'");
  return {
    backend: 'pglite',
    async query(sql, params = []) {
      return (await db.query<Row>(sql, [...params])).rows;
    },
    close: () => db.close(),
  };
}
