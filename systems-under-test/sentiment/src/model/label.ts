/** The three labels and the band of scores that counts as neutral. */

export const LABELS = ['positive', 'negative', 'neutral'] as const;
export type SentimentLabel = (typeof LABELS)[number];

/**
 * Scores with |score| below this are neutral. A word rated 1 scores 1, 0.74 negated, 0.707
 * downtoned and 0.5 before "but", so a single scored word makes a text polar except in the
 * weakest combinations (0.354 for a downtoned 1 before "but"). Words that cancel out give neutral.
 */
export const NEUTRAL_BAND = 0.5;

/** Returns the label of a total score, with `band` as the half-width of the neutral band. */
export function labelForScore(score: number, band: number = NEUTRAL_BAND): SentimentLabel {
  if (score >= band) return 'positive';
  if (score <= -band) return 'negative';
  return 'neutral';
}
