/**
 * Evaluates the sentiment model on the labelled sentences of the `sentiment` package, next to
 * the package's own analyze() as a baseline, and builds the content of the metrics file.
 */
import { fileURLToPath } from 'node:url';

import Sentiment from 'sentiment';

import { analyzeSentiment } from '../model/analyzer.ts';
import { labelForScore, NEUTRAL_BAND } from '../model/label.ts';
import type { SentimentLabel } from '../model/label.ts';
import { LEXICON_NAME, SENTIMENT_PACKAGE_VERSION } from '../model/lexicon.ts';
import {
  AFTER_CONTRAST_FACTOR,
  BEFORE_CONTRAST_FACTOR,
  DOWNTONER_FACTOR,
  INTENSIFIER_FACTOR,
  MODIFIER_WINDOW,
  NEGATION_FACTOR,
} from '../model/modifiers.ts';
import { classificationMetrics, round4 } from './classification-metrics.ts';
import type { ClassificationMetrics } from './classification-metrics.ts';
import { loadLabelledSentences, SOURCES } from './dataset.ts';
import type { DatasetSource, LabelledDataset } from './dataset.ts';

/** The committed metrics file that `npm run eval:sentiment` writes. */
export const DEFAULT_METRICS_FILE = fileURLToPath(
  new URL('../../evaluation/metrics.json', import.meta.url),
);

export interface ScorerMetrics extends ClassificationMetrics {
  name: string;
  /** Accuracy on each source's sentences. */
  perSource: Record<DatasetSource, { size: number; accuracy: number }>;
}

/** Content of evaluation/metrics.json. It has no timestamp, so the same code gives the same file. */
export interface EvaluationReport {
  dataset: {
    description: string;
    package: string;
    size: number;
    sources: Record<DatasetSource, number>;
    skippedEntries: number;
    classes: { positive: number; negative: number };
  };
  model: ScorerMetrics & {
    lexicon: string;
    parameters: Record<string, number>;
  };
  baseline: ScorerMetrics;
  /** Model accuracy minus baseline accuracy. */
  accuracyGain: number;
}

type Scorer = (text: string) => SentimentLabel;

function evaluateScorer(name: string, dataset: LabelledDataset, scorer: Scorer): ScorerMetrics {
  const actual = dataset.sentences.map((sentence) => sentence.label);
  const predicted = dataset.sentences.map((sentence) => scorer(sentence.text));

  const perSource = Object.fromEntries(
    SOURCES.map((source) => {
      const indices = dataset.sentences.flatMap((sentence, index) =>
        sentence.source === source ? [index] : [],
      );
      const correct = indices.filter((index) => actual[index] === predicted[index]).length;
      return [source, { size: indices.length, accuracy: round4(correct / indices.length) }];
    }),
  ) as ScorerMetrics['perSource'];

  return { name, ...classificationMetrics(actual, predicted), perSource };
}

/** Runs the model and the baseline over the labelled sentences. */
export function evaluateModel(
  dataset: LabelledDataset = loadLabelledSentences(),
): EvaluationReport {
  const baselineAnalyzer = new Sentiment();

  const model = evaluateScorer(
    'AFINN-165 with negation, intensifiers, downtoners and "but"',
    dataset,
    (text) => analyzeSentiment(text).label,
  );
  const baseline = evaluateScorer(
    `sentiment ${SENTIMENT_PACKAGE_VERSION} analyze(): sign of its score`,
    dataset,
    (text) => labelForScore(baselineAnalyzer.analyze(text).score),
  );

  const count = (label: SentimentLabel) =>
    dataset.sentences.filter((sentence) => sentence.label === label).length;

  return {
    dataset: {
      description:
        'UCI Sentiment Labelled Sentences as shipped in the sentiment package test fixtures',
      package: `sentiment@${SENTIMENT_PACKAGE_VERSION}`,
      size: dataset.sentences.length,
      sources: Object.fromEntries(
        SOURCES.map((source) => [source, model.perSource[source].size]),
      ) as Record<DatasetSource, number>,
      skippedEntries: Object.values(dataset.skipped).reduce((sum, count) => sum + count, 0),
      classes: { positive: count('positive'), negative: count('negative') },
    },
    model: {
      ...model,
      lexicon: LEXICON_NAME,
      parameters: {
        neutralBand: NEUTRAL_BAND,
        negationFactor: NEGATION_FACTOR,
        intensifierFactor: INTENSIFIER_FACTOR,
        downtonerFactor: DOWNTONER_FACTOR,
        beforeContrastFactor: BEFORE_CONTRAST_FACTOR,
        afterContrastFactor: AFTER_CONTRAST_FACTOR,
        modifierWindow: MODIFIER_WINDOW,
      },
    },
    baseline,
    accuracyGain: round4(model.accuracy - baseline.accuracy),
  };
}
