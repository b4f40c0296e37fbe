import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import type { PGlite, Transaction } from '@electric-sql/pglite';

import { createLogger } from '../logging/index.ts';
import type { Database, QueryResult, Queryable } from './database.ts';
import { acquireFolderLock } from './folder-lock.ts';
import { SerialQueue } from './serial-queue.ts';

const log = createLogger('results');

/** Default PGlite folder, relative to the current working directory. */
export const DEFAULT_PGLITE_DIR = '.nova/results-db';

/** Adapts a PGlite instance or transaction to `Queryable`. */
function queryable(target: PGlite | Transaction): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * Opens (and on first use creates) an embedded PGlite database in `dataDir`.
 *
 * PGlite is one connection in this process, so every statement and every
 * transaction runs through one queue: a statement from another caller can
 * never land inside someone else's transaction. A lock file next to the
 * folder (`<folder>.lock`) rejects a second opener, in this process or another.
 */
export async function openPGliteDatabase(dataDir: string = DEFAULT_PGLITE_DIR): Promise<Database> {
  const folder = path.resolve(dataDir);
  await mkdir(folder, { recursive: true });

  const releaseLock = await acquireFolderLock(`${folder}.lock`, folder);

  // Loaded on demand, so that PostgreSQL users never load the WebAssembly build.
  const { PGlite } = await import('@electric-sql/pglite');
  const started = Date.now();
  let db: PGlite;
  try {
    db = await PGlite.create(folder);
  } catch (error) {
    await releaseLock();
    throw new Error(
      `Failed to open the PGlite results database in ${folder}: ${String(error)}. ` +
        'If the folder is corrupt, move it away: the next open creates a new, empty database.',
      { cause: error },
    );
  }
  log('opened PGlite in %s (%d ms)', folder, Date.now() - started);

  const queue = new SerialQueue();
  const direct = queryable(db);
  let closed = false;

  return {
    backend: 'pglite',
    location: folder,

    query<Row>(sql: string, params?: readonly unknown[]) {
      return queue.run(() => direct.query<Row>(sql, params));
    },

    exec(sql: string) {
      return queue.run(() => direct.exec(sql));
    },

    transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      return queue.run(() => db.transaction((tx) => work(queryable(tx))));
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await queue.drain();
      try {
        await db.close();
      } finally {
        await releaseLock();
      }
      log('closed PGlite in %s', folder);
    },
  };
}
