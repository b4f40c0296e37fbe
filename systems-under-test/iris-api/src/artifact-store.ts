import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import {
  CURRENT_POINTER_FILE,
  METRICS_FILE,
  computeModelVersion,
  modelFileName,
} from './artifact-files.ts';
import type { CurrentPointer, ModelArtifact, TrainingMetrics } from './artifact-files.ts';
import { currentPointerSchema, trainingMetricsSchema } from './schemas.ts';
import type { TrainingRun } from './train.ts';

/** Paths of the files one training run wrote. */
export interface WrittenArtifacts {
  modelPath: string;
  metricsPath: string;
  pointerPath: string;
}

/** A model artifact and its metrics, read back and checked. */
export interface StoredModel {
  artifact: ModelArtifact;
  metrics: TrainingMetrics;
  pointer: CurrentPointer;
  modelPath: string;
}

/** Raised when the artifacts folder cannot be created or written. */
export class ArtifactWriteError extends Error {
  override readonly name = 'ArtifactWriteError';
}

/** Raised when current.json, the model artifact or metrics.json is missing, corrupt or inconsistent. */
export class ArtifactLoadError extends Error {
  override readonly name = 'ArtifactLoadError';
}

function createFileValidators(): {
  pointer: ValidateFunction;
  metrics: ValidateFunction;
} {
  const ajv = new Ajv({ allErrors: true });
  // ajv-formats 3 is CommonJS. TypeScript (NodeNext) types the default import as the module
  // object, and at run time the plugin function carries itself as `.default` too.
  addFormats.default(ajv);
  return {
    pointer: ajv.compile(currentPointerSchema),
    metrics: ajv.compile(trainingMetricsSchema),
  };
}

let validators: ReturnType<typeof createFileValidators> | undefined;

function getValidators(): ReturnType<typeof createFileValidators> {
  validators ??= createFileValidators();
  return validators;
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporaryPath = `${path}.${process.pid}.tmp`;
  await writeFile(temporaryPath, text, 'utf8');
  await rename(temporaryPath, path);
}

/**
 * Writes model-<version>.json, metrics.json and, last, current.json into `outDir`, creating it
 * if needed. Writing the pointer last means a failed run leaves the previous model served.
 */
export async function writeTrainingRun(
  run: TrainingRun,
  outDir: string,
): Promise<WrittenArtifacts> {
  const modelPath = join(outDir, modelFileName(run.artifact.version));
  const metricsPath = join(outDir, METRICS_FILE);
  const pointerPath = join(outDir, CURRENT_POINTER_FILE);
  const pointer: CurrentPointer = {
    modelFile: modelFileName(run.artifact.version),
    modelVersion: run.artifact.version,
    metricsFile: METRICS_FILE,
  };

  try {
    await mkdir(outDir, { recursive: true });
    await writeFileAtomically(modelPath, run.artifactText);
    await writeFileAtomically(metricsPath, `${JSON.stringify(run.metrics, null, 2)}\n`);
    await writeFileAtomically(pointerPath, `${JSON.stringify(pointer, null, 2)}\n`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArtifactWriteError(
      `Cannot write model artifacts to "${outDir}": ${reason}. ` +
        'Pass --out with a directory you can write to.',
      { cause: error },
    );
  }

  return { modelPath, metricsPath, pointerPath };
}

async function readJsonFile(path: string, description: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArtifactLoadError(
      `Cannot read the ${description} "${path}": ${reason}. Run "npm run train:iris" to rebuild it.`,
      { cause: error },
    );
  }

  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ArtifactLoadError(
      `The ${description} "${path}" is not valid JSON. Run "npm run train:iris" to rebuild it.`,
      { cause: error },
    );
  }
}

function assertMatchesSchema<T>(
  validate: ValidateFunction,
  value: unknown,
  path: string,
  description: string,
): asserts value is T {
  if (!validate(value)) {
    const problems = (validate.errors ?? [])
      .map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`)
      .join('; ');
    throw new ArtifactLoadError(
      `The ${description} "${path}" has an invalid shape (${problems}). ` +
        'Run "npm run train:iris" to rebuild it.',
    );
  }
}

function assertModelArtifact(value: unknown, path: string): asserts value is ModelArtifact {
  const candidate = value as Partial<ModelArtifact> | null;
  const looksValid =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.version === 'string' &&
    Array.isArray(candidate.features) &&
    Array.isArray(candidate.classes) &&
    typeof candidate.forest === 'object';
  if (!looksValid) {
    throw new ArtifactLoadError(
      `The model artifact "${path}" lacks version, features, classes or forest. ` +
        'Run "npm run train:iris" to rebuild it.',
    );
  }
}

/** Returns whether `dir` has a current.json pointer, without checking what it points to. */
export async function hasCurrentModel(dir: string): Promise<boolean> {
  try {
    await readFile(join(dir, CURRENT_POINTER_FILE));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return false;
    }
    throw error;
  }
}

/**
 * Reads current.json, the model artifact it names and metrics.json, and checks that the
 * artifact's content still hashes to its version and that the metrics describe that version.
 */
export async function loadCurrentModel(dir: string): Promise<StoredModel> {
  const { pointer: validatePointer, metrics: validateMetrics } = getValidators();

  const pointerPath = join(dir, CURRENT_POINTER_FILE);
  const pointer = await readJsonFile(pointerPath, 'model pointer');
  assertMatchesSchema<CurrentPointer>(validatePointer, pointer, pointerPath, 'model pointer');

  const modelPath = join(dir, pointer.modelFile);
  const artifact = await readJsonFile(modelPath, 'model artifact');
  assertModelArtifact(artifact, modelPath);

  const { version, ...content } = artifact;
  const recomputedVersion = computeModelVersion(JSON.stringify(content));
  if (version !== pointer.modelVersion || recomputedVersion !== version) {
    throw new ArtifactLoadError(
      `The model artifact "${modelPath}" does not match its version: pointer names ` +
        `${pointer.modelVersion}, file names ${version}, content hashes to ${recomputedVersion}. ` +
        'The file was edited or truncated. Run "npm run train:iris" to rebuild it.',
    );
  }

  const metricsPath = join(dir, pointer.metricsFile);
  const metrics = await readJsonFile(metricsPath, 'metrics file');
  assertMatchesSchema<TrainingMetrics>(validateMetrics, metrics, metricsPath, 'metrics file');
  if (metrics.modelVersion !== version) {
    throw new ArtifactLoadError(
      `The metrics file "${metricsPath}" describes model ${metrics.modelVersion}, but ` +
        `current.json serves ${version}. Run "npm run train:iris" to rebuild both.`,
    );
  }

  return { artifact, metrics, pointer, modelPath };
}
