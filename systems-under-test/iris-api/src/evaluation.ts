/** Precision, recall and support of one class on the holdout set. */
export interface ClassScores {
  precision: number;
  recall: number;
  /** Number of holdout samples whose actual class is this one. */
  support: number;
}

/** Classification quality on a holdout set. */
export interface Evaluation {
  accuracy: number;
  /** confusionMatrix[actual][predicted] counts, in class index order. */
  confusionMatrix: number[][];
  /** Scores per class, in class index order. */
  perClass: ClassScores[];
}

/** Counts predictions into a classCount x classCount matrix with row = actual, column = predicted. */
export function buildConfusionMatrix(
  actual: readonly number[],
  predicted: readonly number[],
  classCount: number,
): number[][] {
  if (actual.length !== predicted.length) {
    throw new RangeError(
      `Cannot compare ${actual.length} actual labels with ${predicted.length} predictions: ` +
        'the two lists must have the same length.',
    );
  }

  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  actual.forEach((actualLabel, index) => {
    const row = matrix[actualLabel];
    const predictedLabel = predicted[index] as number;
    if (row === undefined || predictedLabel < 0 || predictedLabel >= classCount) {
      throw new RangeError(
        `Label pair (actual ${actualLabel}, predicted ${predictedLabel}) at index ${index} is ` +
          `outside the class range 0..${classCount - 1}.`,
      );
    }
    row[predictedLabel] = (row[predictedLabel] ?? 0) + 1;
  });

  return matrix;
}

/**
 * Computes accuracy and per-class precision and recall from a confusion matrix
 * (row = actual, column = predicted).
 *
 * A class that is never predicted, or never present, has an undefined ratio. It is reported
 * as 0, the same convention as scikit-learn's `zero_division=0`.
 */
export function evaluateConfusionMatrix(confusionMatrix: number[][]): Evaluation {
  const classCount = confusionMatrix.length;
  const cell = (row: number, column: number): number => confusionMatrix[row]?.[column] ?? 0;

  let total = 0;
  let correct = 0;
  const perClass: ClassScores[] = [];

  for (let k = 0; k < classCount; k++) {
    let actualCount = 0;
    let predictedCount = 0;
    for (let other = 0; other < classCount; other++) {
      actualCount += cell(k, other);
      predictedCount += cell(other, k);
    }

    const truePositives = cell(k, k);
    total += actualCount;
    correct += truePositives;
    perClass.push({
      precision: predictedCount === 0 ? 0 : truePositives / predictedCount,
      recall: actualCount === 0 ? 0 : truePositives / actualCount,
      support: actualCount,
    });
  }

  return {
    accuracy: total === 0 ? 0 : correct / total,
    confusionMatrix,
    perClass,
  };
}

/** Evaluates predicted class indexes against actual ones. */
export function evaluatePredictions(
  actual: readonly number[],
  predicted: readonly number[],
  classCount: number,
): Evaluation {
  return evaluateConfusionMatrix(buildConfusionMatrix(actual, predicted, classCount));
}
