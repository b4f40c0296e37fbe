import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { writeTrainingRun } from '../../systems-under-test/iris-api/src/artifact-store.ts';
import { trainIrisModel } from '../../systems-under-test/iris-api/src/train.ts';
import type { TrainingRun } from '../../systems-under-test/iris-api/src/train.ts';

/** Creates an empty temporary folder for one test's artifacts. */
export async function createTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'iris-api-test-'));
}

/** Removes a folder made by createTempDir. */
export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Trains with `seed` and writes the artifacts into a new temporary folder. */
export async function trainIntoTempDir(seed: number): Promise<{ dir: string; run: TrainingRun }> {
  const dir = await createTempDir();
  const run = trainIrisModel({ seed, now: () => new Date('2024-01-02T03:04:05.000Z') });
  await writeTrainingRun(run, dir);
  return { dir, run };
}
