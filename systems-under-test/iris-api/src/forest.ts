import { RandomForestClassifier } from 'ml-random-forest';
import type { RandomForestBaseOptions } from 'ml-random-forest';

import type { LabelledData } from './dataset.ts';

/**
 * Random forest settings. ml-random-forest 2.1.0 draws the feature subset once per tree, not per
 * split. Drawing 3 of the 4 features without replacement (0.75) keeps the trees diverse, and
 * since only 2 features are sepal ones, every tree gets a petal feature. An odd tree count rules
 * out a tie when all votes go to two classes.
 */
export const FOREST_OPTIONS = {
  nEstimators: 101,
  maxFeatures: 0.75,
  replacement: false,
  useSampleBagging: true,
  noOOB: true,
} as const satisfies Partial<RandomForestBaseOptions>;

/** JSON form of a trained forest, as returned by RandomForestClassifier.toJSON(). */
export type SerializedForest = ReturnType<RandomForestClassifier['toJSON']>;

/** Trains a random forest classifier. The seed drives bagging and feature selection. */
export function trainForest(training: LabelledData, seed: number): RandomForestClassifier {
  const forest = new RandomForestClassifier({ ...FOREST_OPTIONS, seed });
  forest.train(training.features, training.labels);
  return forest;
}

/** Rebuilds a forest from its JSON form. */
export function loadForest(serialized: SerializedForest): RandomForestClassifier {
  return RandomForestClassifier.load(serialized);
}

/**
 * Returns, for each row, the share of trees voting for each class index.
 *
 * The shares are vote fractions (hard voting, like the library's own predict), so they are
 * multiples of 1 / nEstimators and sum to 1 up to floating-point rounding.
 */
export function predictClassShares(
  forest: RandomForestClassifier,
  rows: number[][],
  classCount: number,
): number[][] {
  const votes = forest.predictionValues(rows);
  const shares: number[][] = [];

  for (let row = 0; row < votes.rows; row++) {
    const treeVotes = votes.getRow(row);
    const counts = new Array<number>(classCount).fill(0);
    for (const label of treeVotes) {
      counts[label] = (counts[label] ?? 0) + 1;
    }
    shares.push(counts.map((count) => count / treeVotes.length));
  }

  return shares;
}

/** Returns the index of the largest share. Ties go to the lower class index. */
export function argmax(values: readonly number[]): number {
  let best = 0;
  values.forEach((value, index) => {
    if (value > (values[best] ?? -Infinity)) {
      best = index;
    }
  });

  return best;
}
