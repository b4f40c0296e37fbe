/**
 * Throw-away PostgreSQL databases for data tests: created with a name of the
 * caller's prefix and a random suffix, and dropped (with FORCE, PostgreSQL 13+)
 * when the test ends.
 */
import { randomBytes } from 'node:crypto';

import pg from 'pg';

const PREFIX = /^[a-z][a-z0-9_]{0,40}$/;

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function withClient<T>(
  adminUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to PostgreSQL at ${new URL(adminUrl).host} to create a test database: ${(error as Error).message}. ` +
        'Start PostgreSQL, or point the admin URL at a server where this user may CREATE DATABASE.',
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `<prefix>_<random>` on the server of `adminUrl` and returns its URL. */
export async function createScratchDatabase(
  adminUrl: string,
  prefix: string,
): Promise<ScratchDatabase> {
  if (!PREFIX.test(prefix)) {
    throw new TypeError(
      `Database prefix "${prefix}" must be lower-case letters, digits and _, starting with a letter, for example nova_pipeline.`,
    );
  }
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.href,
    drop: () =>
      withClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).then(() => undefined),
  };
}
