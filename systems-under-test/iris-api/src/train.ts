import { FEATURE_NAMES, CLASS_NAMES, loadIrisDataset, type Species } from './dataset.ts';
import { predictWithBaseline } from './baseline.ts';
import { evaluatePredictions } from './evaluation.ts';
import type { ClassScores } from './evaluation.ts';
import { FOREST_OPTIONS, argmax, predictClassShares, trainForest } from './forest.ts';
import { MODEL_NAME, modelFileName, serializeModelArtifact } from './artifact-files.ts';
import type { ModelArtifact, TrainingMetrics } from './artifact-files.ts';
import { selectRows, stratifiedSplit } from './split.ts';
import type { SplitIndexes } from './split.ts';

export const DEFAULT_SEED = 42;

/** Share of each class held out for evaluation: 30% of 50 rows = 15 per class. */
export const DEFAULT_HOLDOUT_FRACTION = 0.3;

/** ml-random-forest requires a 32-bit integer seed, and negative seeds are rejected here. */
export const MAX_SEED = 2 ** 31 - 1;

export const FOREST_ALGORITHM = 'RandomForestClassifier (ml-random-forest)';
export const BASELINE_ALGORITHM = 'LogisticRegression one-vs-all (ml-logistic-regression)';

export interface TrainOptions {
  seed?: number;
  holdoutFraction?: number;
  /** Clock for metrics.trainedAt. Tests pass a fixed date. */
  now?: () => Date;
}

/** Everything one training run produces, before anything is written to disk. */
export interface TrainingRun {
  artifact: ModelArtifact;
  /** Exact bytes of model-<version>.json. */
  artifactText: string;
  metrics: TrainingMetrics;
  split: SplitIndexes;
}

/** Throws a RangeError naming the seed unless it is an integer in 0..MAX_SEED. */
export function assertValidSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(
      `Invalid seed ${seed}: expected an integer from 0 to ${MAX_SEED}. Pass for example --seed 42.`,
    );
  }
}

function toPerClass(scores: ClassScores[]): Record<Species, ClassScores> {
  return Object.fromEntries(
    CLASS_NAMES.map((name, index) => [name, scores[index] as ClassScores]),
  ) as Record<Species, ClassScores>;
}

/**
 * Splits the Iris data, trains the random forest and the logistic-regression baseline on the
 * training part and evaluates both on the holdout part. Only the forest goes into the artifact.
 */
export function trainIrisModel(options: TrainOptions = {}): TrainingRun {
  const seed = options.seed ?? DEFAULT_SEED;
  const holdoutFraction = options.holdoutFraction ?? DEFAULT_HOLDOUT_FRACTION;
  const now = options.now ?? (() => new Date());
  assertValidSeed(seed);

  const data = loadIrisDataset();
  const split = stratifiedSplit(data.labels, holdoutFraction, seed);
  const training = selectRows(data, split.training);
  const holdout = selectRows(data, split.holdout);

  const forest = trainForest(training, seed);
  const shares = predictClassShares(forest, holdout.features, CLASS_NAMES.length);
  const forestEvaluation = evaluatePredictions(
    holdout.labels,
    shares.map((row) => argmax(row)),
    CLASS_NAMES.length,
  );

  const baselinePredictions = predictWithBaseline(training, holdout.features);
  const baselineEvaluation = evaluatePredictions(
    holdout.labels,
    baselinePredictions,
    CLASS_NAMES.length,
  );

  const { artifact, text } = serializeModelArtifact({
    name: MODEL_NAME,
    algorithm: FOREST_ALGORITHM,
    seed,
    features: [...FEATURE_NAMES],
    classes: [...CLASS_NAMES],
    hyperparameters: FOREST_OPTIONS,
    forest: forest.toJSON(),
  });

  const metrics: TrainingMetrics = {
    modelVersion: artifact.version,
    modelFile: modelFileName(artifact.version),
    trainedAt: now().toISOString(),
    seed,
    algorithm: FOREST_ALGORITHM,
    trainingSize: training.labels.length,
    holdoutSize: holdout.labels.length,
    holdoutFraction,
    classes: [...CLASS_NAMES],
    accuracy: forestEvaluation.accuracy,
    perClass: toPerClass(forestEvaluation.perClass),
    confusionMatrix: forestEvaluation.confusionMatrix,
    baseline: { algorithm: BASELINE_ALGORITHM, accuracy: baselineEvaluation.accuracy },
  };

  return { artifact, artifactText: text, metrics, split };
}
