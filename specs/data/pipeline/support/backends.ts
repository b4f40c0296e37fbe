/**
 * The two storage backends every data spec runs against: PostgreSQL, in a
 * database `nova_pipeline_<random>` created for the test and dropped after
 * it, and the embedded default, PGlite in a temporary folder.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  createScratchDatabase,
  openDataSource,
  type DataSource,
} from '../../../../framework/data/index.ts';

export const BACKENDS = ['postgres', 'embedded'] as const;
export type Backend = (typeof BACKENDS)[number];

/** Server where the PostgreSQL runs create their databases; the user must be allowed to CREATE DATABASE. */
export const ADMIN_URL =
  process.env.NOVA_PIPELINE_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PipelineStorage {
  backend: Backend;
  /** Environment and arguments that point a pipeline process at this storage. */
  env: Record<string, string>;
  args: string[];
  /** Opens a read connection; for the embedded backend, only while no pipeline process has it open. */
  open(): Promise<DataSource>;
  dispose(): Promise<void>;
}

/**
 * Creates an empty PGlite folder to copy for each test. PGlite runs initdb in
 * WebAssembly, which takes 10 s and more on a busy 2-core machine, while a
 * copy of the finished folder takes a fraction of a second.
 */
export async function createPgliteTemplate(): Promise<{
  dataDir: string;
  dispose(): Promise<void>;
}> {
  const folder = await mkdtemp(path.join(tmpdir(), 'nova-pipeline-template-'));
  const dataDir = path.join(folder, 'db');
  const db = await openDataSource({ dataDir });
  await db.close();
  return { dataDir, dispose: () => rm(folder, { recursive: true, force: true }) };
}

export async function createStorage(
  backend: Backend,
  pgliteTemplate: string,
): Promise<PipelineStorage> {
  if (backend === 'postgres') {
    const database = await createScratchDatabase(ADMIN_URL, 'nova_pipeline');
    return {
      backend,
      env: { PIPELINE_DATABASE_URL: database.url },
      args: [],
      open: () => openDataSource({ url: database.url }),
      dispose: () => database.drop(),
    };
  }

  const folder = await mkdtemp(path.join(tmpdir(), 'nova-pipeline-db-'));
  const dataDir = path.join(folder, 'db');
  await cp(pgliteTemplate, dataDir, { recursive: true });
  return {
    backend,
    env: { PIPELINE_DATABASE_URL: '' },
    args: ['--data-dir', dataDir],
    open: () => openDataSource({ dataDir }),
    dispose: () => rm(folder, { recursive: true, force: true }),
  };
}

/** Runs `check` on a fresh connection and closes it, so an embedded folder is free again afterwards. */
export async function withData<T>(
  storage: PipelineStorage,
  check: (db: DataSource) => Promise<T>,
): Promise<T> {
  const db = await storage.open();
  try {
    return await check(db);
  } finally {
    await db.close();
  }
}
