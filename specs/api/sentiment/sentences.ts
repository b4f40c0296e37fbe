/**
 * Sentences with the label the model must give them, and why. Each row names the words that
 * must drive the score, so that a right label for the wrong reason still fails.
 */
import type { SentimentLabel } from './contract.ts';

export interface LabelledSentence {
  text: string;
  label: SentimentLabel;
  /** Words (or emoji) that must appear in `words`, with the sign of their score. */
  drivers: { word: string; sign: 1 | -1; negated?: boolean }[];
  /** Plan case covering the row. */
  tag: string;
}

// One row per sentence, kept on one line each so the table reads as a table.
// prettier-ignore
export const LABELLED_SENTENCES: LabelledSentence[] = [
  { text: 'I love this movie.', label: 'positive', drivers: [{ word: 'love', sign: 1 }], tag: '@SENTIMENT-003' },
  { text: 'The staff were friendly and the food was excellent.', label: 'positive', drivers: [{ word: 'friendly', sign: 1 }, { word: 'excellent', sign: 1 }], tag: '@SENTIMENT-003' },
  { text: 'I like it', label: 'positive', drivers: [{ word: 'like', sign: 1 }], tag: '@SENTIMENT-003' },
  { text: 'This phone is terrible and the battery is awful.', label: 'negative', drivers: [{ word: 'terrible', sign: -1 }, { word: 'awful', sign: -1 }], tag: '@SENTIMENT-004' },
  { text: 'What a waste of money', label: 'negative', drivers: [{ word: 'waste', sign: -1 }], tag: '@SENTIMENT-004' },
  { text: 'The service was slow and the waiter was rude.', label: 'negative', drivers: [{ word: 'rude', sign: -1 }], tag: '@SENTIMENT-004' },
  { text: 'The train leaves at nine.', label: 'neutral', drivers: [], tag: '@SENTIMENT-005' },
  { text: 'The box is blue and weighs two kilograms.', label: 'neutral', drivers: [], tag: '@SENTIMENT-005' },
  { text: 'The food was not great.', label: 'negative', drivers: [{ word: 'great', sign: -1, negated: true }], tag: '@SENTIMENT-006' },
  { text: "It doesn't look good", label: 'negative', drivers: [{ word: 'good', sign: -1, negated: true }], tag: '@SENTIMENT-006' },
  { text: 'This is not bad at all.', label: 'positive', drivers: [{ word: 'bad', sign: 1, negated: true }], tag: '@SENTIMENT-006' },
  { text: 'I was never happy with it.', label: 'negative', drivers: [{ word: 'happy', sign: -1, negated: true }], tag: '@SENTIMENT-006' },
  { text: 'Not good. Great service though!', label: 'positive', drivers: [{ word: 'great', sign: 1, negated: false }], tag: '@SENTIMENT-006' },
  { text: 'The food was good, but the service was terrible.', label: 'negative', drivers: [{ word: 'good', sign: 1 }, { word: 'terrible', sign: -1 }], tag: '@SENTIMENT-008' },
  { text: 'The plot was bad but the acting was brilliant.', label: 'positive', drivers: [{ word: 'bad', sign: -1 }, { word: 'brilliant', sign: 1 }], tag: '@SENTIMENT-008' },
];
