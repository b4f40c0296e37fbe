import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ArtifactLoadError,
  loadCurrentModel,
  writeTrainingRun,
} from '../../systems-under-test/iris-api/src/artifact-store.ts';
import { CLASS_NAMES } from '../../systems-under-test/iris-api/src/dataset.ts';
import { trainIrisModel } from '../../systems-under-test/iris-api/src/train.ts';
import type { TrainingRun } from '../../systems-under-test/iris-api/src/train.ts';
import { createTempDir, removeTempDir, trainIntoTempDir } from './temp-artifacts.ts';

const tempDirs: string[] = [];
let first: { dir: string; run: TrainingRun };
let second: { dir: string; run: TrainingRun };
let otherSeed: { dir: string; run: TrainingRun };

beforeAll(async () => {
  first = await trainIntoTempDir(42);
  second = await trainIntoTempDir(42);
  otherSeed = await trainIntoTempDir(7);
  tempDirs.push(first.dir, second.dir, otherSeed.dir);
});

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => removeTempDir(dir)));
});

async function readArtifactBytes(dir: string, version: string): Promise<Buffer> {
  return readFile(join(dir, `model-${version}.json`));
}

describe('training determinism', () => {
  it('same seed gives identical artifact bytes', async () => {
    const firstBytes = await readArtifactBytes(first.dir, first.run.artifact.version);
    const secondBytes = await readArtifactBytes(second.dir, second.run.artifact.version);

    expect(second.run.artifact.version).toBe(first.run.artifact.version);
    expect(secondBytes.equals(firstBytes)).toBe(true);
  });

  it('different seed gives another version', () => {
    expect(otherSeed.run.artifact.version).not.toBe(first.run.artifact.version);
  });

  it('artifact has no timestamp', async () => {
    const text = (await readArtifactBytes(first.dir, first.run.artifact.version)).toString('utf8');

    expect(text).not.toContain('trainedAt');
    expect(text).not.toContain('2024-01-02');
  });

  it('version is 12 hex characters', () => {
    expect(first.run.artifact.version).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('training metrics', () => {
  it('holdout has 15 samples per class', () => {
    const { metrics } = first.run;

    expect(metrics.holdoutSize).toBe(45);
    expect(metrics.trainingSize).toBe(105);
    for (const species of CLASS_NAMES) {
      expect(metrics.perClass[species].support).toBe(15);
    }
  });

  it('accuracy equals the matrix trace over 45', () => {
    const { metrics } = first.run;
    const matrix = metrics.confusionMatrix;
    const trace = matrix.reduce((sum, row, index) => sum + (row[index] ?? 0), 0);
    const total = matrix.flat().reduce((sum, count) => sum + count, 0);

    expect(matrix).toHaveLength(3);
    expect(total).toBe(45);
    expect(metrics.accuracy).toBe(trace / 45);
  });

  it('precision and recall match the matrix', () => {
    const { metrics } = first.run;
    const matrix = metrics.confusionMatrix;

    CLASS_NAMES.forEach((species, k) => {
      const truePositives = matrix[k]?.[k] ?? 0;
      const actual = (matrix[k] ?? []).reduce((sum, count) => sum + count, 0);
      const predicted = matrix.reduce((sum, row) => sum + (row[k] ?? 0), 0);

      expect(metrics.perClass[species].recall).toBe(truePositives / actual);
      expect(metrics.perClass[species].precision).toBe(
        predicted === 0 ? 0 : truePositives / predicted,
      );
    });
  });

  it('forest and baseline reach 0.9 accuracy', () => {
    expect(first.run.metrics.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(first.run.metrics.baseline.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('metrics name the artifact and seed', () => {
    const { metrics, artifact } = first.run;

    expect(metrics.modelVersion).toBe(artifact.version);
    expect(metrics.modelFile).toBe(`model-${artifact.version}.json`);
    expect(metrics.seed).toBe(42);
    expect(metrics.trainedAt).toBe('2024-01-02T03:04:05.000Z');
    expect(metrics.classes).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it.each([-1, 1.5, 2 ** 31, Number.NaN])('rejects seed %s', (seed) => {
    expect(() => trainIrisModel({ seed })).toThrow(/Invalid seed/);
  });
});

describe('artifact store', () => {
  it('loads what training wrote', async () => {
    const stored = await loadCurrentModel(first.dir);

    expect(stored.artifact.version).toBe(first.run.artifact.version);
    expect(stored.pointer.modelFile).toBe(`model-${first.run.artifact.version}.json`);
    expect(stored.metrics).toEqual(first.run.metrics);
  });

  it('rejects an edited artifact', async () => {
    const dir = await createTempDir();
    tempDirs.push(dir);
    await writeTrainingRun(first.run, dir);
    const path = join(dir, `model-${first.run.artifact.version}.json`);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('"seed":42', '"seed":43'));

    await expect(loadCurrentModel(dir)).rejects.toThrow(/does not match its version/);
  });

  it('rejects a folder without current.json', async () => {
    const dir = await createTempDir();
    tempDirs.push(dir);

    const loading = loadCurrentModel(dir);

    await expect(loading).rejects.toBeInstanceOf(ArtifactLoadError);
    await expect(loading).rejects.toThrow(/npm run train:iris/);
  });

  it('rejects metrics of another model', async () => {
    const dir = await createTempDir();
    tempDirs.push(dir);
    await writeTrainingRun(first.run, dir);
    await writeFile(
      join(dir, 'metrics.json'),
      JSON.stringify({ ...first.run.metrics, modelVersion: otherSeed.run.artifact.version }),
    );

    await expect(loadCurrentModel(dir)).rejects.toThrow(/describes model/);
  });
});
