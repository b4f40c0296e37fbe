/**
 * The two backends every store test runs against: PGlite in a temporary
 * folder, and a real PostgreSQL server on 127.0.0.1:5432 (trust auth), where
 * each test database is created as `nova_test_<random>` and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import pg from 'pg';

import type { ResultsStoreOptions } from '../../framework/results/index.ts';

export const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const START_HINT =
  'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

export interface BackendFixture {
  name: 'pglite' | 'postgres';
  /** Creates an empty database and returns the store options that open it. */
  createDatabase(): Promise<ResultsStoreOptions>;
  /** Deletes every database this fixture created. */
  cleanup(): Promise<void>;
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The PostgreSQL tests need a server at ${POSTGRES_ADMIN_URL} with trust auth, ` +
        `but connecting failed: ${(error as Error).message}. ${START_HINT}`,
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function pgliteFixture(): BackendFixture {
  const folders: string[] = [];
  return {
    name: 'pglite',
    async createDatabase() {
      const folder = await mkdtemp(path.join(tmpdir(), 'nova-results-test-'));
      folders.push(folder);
      // An empty env, so that a DATABASE_URL in the developer's shell cannot redirect the test.
      return { env: {}, dataDir: path.join(folder, 'db') };
    },
    async cleanup() {
      await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
    },
  };
}

function postgresFixture(): BackendFixture {
  const databases: string[] = [];
  return {
    name: 'postgres',
    async createDatabase() {
      const name = `nova_test_${randomBytes(6).toString('hex')}`;
      await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
      databases.push(name);
      return { env: {}, databaseUrl: `postgres://postgres@127.0.0.1:5432/${name}` };
    },
    async cleanup() {
      if (databases.length === 0) return;
      await withAdminClient(async (client) => {
        for (const name of databases.splice(0)) {
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }
      });
    },
  };
}

/** One fixture per backend, for `describe.each(backends())`. */
export function backends(): BackendFixture[] {
  return [pgliteFixture(), postgresFixture()];
}
