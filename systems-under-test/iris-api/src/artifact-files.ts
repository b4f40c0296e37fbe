import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import type { ClassScores } from './evaluation.ts';
import type { FeatureName, Species } from './dataset.ts';
import type { FOREST_OPTIONS, SerializedForest } from './forest.ts';

/** Default artifacts folder, systems-under-test/iris-api/artifacts (git-ignored). */
export const DEFAULT_ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** Name of the pointer file that names the served model artifact. */
export const CURRENT_POINTER_FILE = 'current.json';

/** Name of the holdout metrics file written next to the model artifacts. */
export const METRICS_FILE = 'metrics.json';

/** Name reported by GET /model. */
export const MODEL_NAME = 'iris-random-forest';

/** Every field of a model artifact except its version. The version is the hash of this content. */
export interface ModelArtifactContent {
  name: typeof MODEL_NAME;
  algorithm: string;
  seed: number;
  features: FeatureName[];
  classes: Species[];
  hyperparameters: typeof FOREST_OPTIONS;
  forest: SerializedForest;
}

/** Content of model-<version>.json. It has no timestamp, so the same seed gives the same bytes. */
export interface ModelArtifact extends ModelArtifactContent {
  version: string;
}

/** Content of metrics.json. */
export interface TrainingMetrics {
  modelVersion: string;
  modelFile: string;
  trainedAt: string;
  seed: number;
  algorithm: string;
  trainingSize: number;
  holdoutSize: number;
  holdoutFraction: number;
  classes: Species[];
  accuracy: number;
  perClass: Record<Species, ClassScores>;
  /** Holdout counts with row = actual class, column = predicted class, in `classes` order. */
  confusionMatrix: number[][];
  baseline: { algorithm: string; accuracy: number };
}

/** Content of current.json. */
export interface CurrentPointer {
  modelFile: string;
  modelVersion: string;
  metricsFile: string;
}

/** Returns the first 12 hex characters of the SHA-256 of a serialized artifact content. */
export function computeModelVersion(serializedContent: string): string {
  return createHash('sha256').update(serializedContent, 'utf8').digest('hex').slice(0, 12);
}

/** Returns the artifact file name for a model version. */
export function modelFileName(version: string): string {
  return `model-${version}.json`;
}

/**
 * Serializes a model artifact. The version hashes JSON.stringify(content), and the file is
 * `{"version":…,…content}` on one line, so a reader can strip `version` and hash the rest again.
 */
export function serializeModelArtifact(content: ModelArtifactContent): {
  artifact: ModelArtifact;
  text: string;
} {
  const version = computeModelVersion(JSON.stringify(content));
  const text = `${JSON.stringify({ version, ...content })}\n`;

  // Parsing the text back gives plain data, without the library's class instances.
  return { artifact: JSON.parse(text) as ModelArtifact, text };
}
