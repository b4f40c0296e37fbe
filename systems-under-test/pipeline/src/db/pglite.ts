import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import type { PGlite, Transaction } from '@electric-sql/pglite';

import type { PipelineDatabase, Sql } from './database.ts';
import { acquireFolderLock } from './folder-lock.ts';
import { SCHEMA_SQL } from './schema.ts';

/** Serializes work on PGlite's single connection, so no statement lands inside another caller's transaction. */
class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(work, work);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}

function asSql(target: PGlite | Transaction): Sql {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(text, [...params]);
      return result.rows;
    },
  };
}

/** Opens (and on first use creates) the embedded database in `dataDir` and applies the schema. */
export async function openPglite(dataDir: string): Promise<PipelineDatabase> {
  const folder = path.resolve(dataDir);
  await mkdir(folder, { recursive: true });
  const releaseLock = await acquireFolderLock(`${folder}.lock`, folder);

  const { PGlite } = await import('@electric-sql/pglite');
  let db: PGlite;
  try {
    db = await PGlite.create(folder);
    await db.exec("SET TIME ZONE 'UTC'");
    await db.exec(SCHEMA_SQL);
  } catch (error) {
    await releaseLock();
    throw new Error(`Cannot open the embedded pipeline database in ${folder}: ${String(error)}`, {
      cause: error,
    });
  }

  const queue = new SerialQueue();
  const direct = asSql(db);
  // PGlite is one process and one connection, so an in-process set is the whole lock table.
  const heldLocks = new Set<string>();

  return {
    backend: 'pglite',
    location: folder,

    query<Row>(text: string, params?: readonly unknown[]) {
      return queue.run(() => direct.query<Row>(text, params));
    },

    transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
      return queue.run(() => db.transaction((tx) => work(asSql(tx))));
    },

    async withJobLock<T>(job: string, work: () => Promise<T>): Promise<T | undefined> {
      if (heldLocks.has(job)) return undefined;
      heldLocks.add(job);
      try {
        return await work();
      } finally {
        heldLocks.delete(job);
      }
    },

    async close() {
      await queue.run(() => db.close());
      await releaseLock();
    },
  };
}
