/** Accuracy, confusion matrix, and precision, recall and F1 per class for labelled predictions. */
import { LABELS } from '../model/label.ts';
import type { SentimentLabel } from '../model/label.ts';

export interface ClassScores {
  /** Share of the texts predicted as this class that have it; null when none was predicted. */
  precision: number | null;
  /** Share of the texts of this class that were predicted as it; null when the data has none. */
  recall: number | null;
  /** Harmonic mean of precision and recall; null when either is null or both are 0. */
  f1: number | null;
  /** Texts of this class in the data. */
  support: number;
  /** Texts predicted as this class. */
  predicted: number;
}

export interface ClassificationMetrics {
  size: number;
  /** Correct predictions over all texts; a neutral prediction of a polar text counts as wrong. */
  accuracy: number;
  /** Share of texts predicted neutral. */
  neutralShare: number;
  /** Accuracy on the texts predicted positive or negative; null when all were neutral. */
  polarAccuracy: number | null;
  perClass: Record<SentimentLabel, ClassScores>;
  /** Counts by actual class (rows) and predicted class (columns), both in LABELS order. */
  confusionMatrix: { labels: SentimentLabel[]; counts: number[][] };
}

/** Rounds a ratio to 4 decimals, so that the committed metrics file is stable across runs. */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round4(value);
}

/** Computes the metrics of parallel lists of actual and predicted labels. */
export function classificationMetrics(
  actual: readonly SentimentLabel[],
  predicted: readonly SentimentLabel[],
): ClassificationMetrics {
  if (actual.length !== predicted.length) {
    throw new Error(
      `classificationMetrics needs one prediction per label, received ${actual.length} labels and ${predicted.length} predictions.`,
    );
  }
  if (actual.length === 0) {
    throw new Error('classificationMetrics needs at least one labelled text, received none.');
  }

  const labels = [...LABELS];
  const counts = labels.map(() => labels.map(() => 0));
  actual.forEach((label, index) => {
    counts[labels.indexOf(label)]![labels.indexOf(predicted[index]!)]! += 1;
  });

  const correct = labels.reduce((sum, _label, index) => sum + counts[index]![index]!, 0);
  const perClass = Object.fromEntries(
    labels.map((label, index) => {
      const truePositives = counts[index]![index]!;
      const support = counts[index]!.reduce((sum, count) => sum + count, 0);
      const predictedCount = counts.reduce((sum, row) => sum + row[index]!, 0);
      const precision = ratio(truePositives, predictedCount);
      const recall = ratio(truePositives, support);
      const f1 =
        precision === null || recall === null || precision + recall === 0
          ? null
          : (2 * precision * recall) / (precision + recall);
      const scores: ClassScores = {
        precision: roundOrNull(precision),
        recall: roundOrNull(recall),
        f1: roundOrNull(f1),
        support,
        predicted: predictedCount,
      };
      return [label, scores];
    }),
  ) as Record<SentimentLabel, ClassScores>;

  return {
    size: actual.length,
    accuracy: round4(correct / actual.length),
    neutralShare: round4(perClass.neutral.predicted / actual.length),
    polarAccuracy: roundOrNull(
      ratio(
        correct - counts[labels.indexOf('neutral')]![labels.indexOf('neutral')]!,
        actual.length - perClass.neutral.predicted,
      ),
    ),
    perClass,
    confusionMatrix: { labels, counts },
  };
}
