import type { LabelledData } from './dataset.ts';
import { createMulberry32, shuffle } from './prng.ts';

/** Row indexes of the training and holdout parts of a data set. */
export interface SplitIndexes {
  training: number[];
  holdout: number[];
}

/**
 * Splits row indexes into training and holdout parts so that each class keeps its share.
 *
 * Each class's rows are shuffled with a seeded mulberry32 generator, and the first
 * round(count * holdoutFraction) go to the holdout. The same seed and data give the same split.
 */
export function stratifiedSplit(
  labels: readonly number[],
  holdoutFraction: number,
  seed: number,
): SplitIndexes {
  if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
    throw new RangeError(
      `Invalid holdout fraction ${holdoutFraction}: expected a number between 0 and 1 exclusive.`,
    );
  }

  const random = createMulberry32(seed);
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const split: SplitIndexes = { training: [], holdout: [] };

  for (const label of classes) {
    const rows = labels.flatMap((value, index) => (value === label ? [index] : []));
    const shuffled = shuffle(rows, random);
    const holdoutCount = Math.round(rows.length * holdoutFraction);
    split.holdout.push(...shuffled.slice(0, holdoutCount));
    split.training.push(...shuffled.slice(holdoutCount));
  }

  return split;
}

/** Selects the rows at `indexes` from a labelled data set. */
export function selectRows(data: LabelledData, indexes: readonly number[]): LabelledData {
  return {
    features: indexes.map((index) => data.features[index] as number[]),
    labels: indexes.map((index) => data.labels[index] as number),
  };
}
