/**
 * The AFINN-165 word list and the emoji list that ship with the `sentiment` package, with the
 * lookups the model needs: phrases of up to three words ("does not work"), apostrophe-free
 * spellings ("dont like"), hyphenated words scored by their parts, and emoji sequences.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Version of the `sentiment` package whose lists are loaded, for the metrics file. */
export const SENTIMENT_PACKAGE_VERSION = (require('sentiment/package.json') as { version: string })
  .version;

/**
 * AFINN-165: 3,382 English words and phrases, each rated from -5 to 5. A Map, because the
 * model looks up every word up to three times and a Map lookup is cheaper than Object.hasOwn
 * on an object of this size.
 */
const AFINN = new Map(
  Object.entries(require('sentiment/languages/en/labels.json') as Record<string, number>),
);

/** Emoji Sentiment Ranking 1.0 as the `sentiment` package rounds it: one code point, -3 to 3. */
const EMOJI = new Map(
  Object.entries(require('sentiment/build/emoji.json') as Record<string, number>),
);

export const LEXICON_NAME = 'AFINN-165 and Emoji Sentiment Ranking 1.0';

/** Maximum number of words in an AFINN-165 phrase. */
export const MAX_PHRASE_WORDS = 3;

/** Emoji presentation selector and skin-tone modifiers, which do not change an emoji's sentiment. */
const EMOJI_VARIATIONS = /\uFE0F|[\u{1F3FB}-\u{1F3FF}]/gu;

export const ZERO_WIDTH_JOINER = '\u200D';

/** Returns the AFINN rating of a word or phrase, or undefined when it is not listed. */
export function lookupWords(phrase: string): number | undefined {
  const rating = AFINN.get(phrase);
  if (rating !== undefined || !phrase.includes("'")) return rating;

  // AFINN spells some contractions without the apostrophe ("dont like", "cant").
  return AFINN.get(phrase.replaceAll("'", ''));
}

/**
 * Returns the rating of an emoji token. The list has single code points, so the presentation
 * selector and skin tones are removed first, and a sequence joined by U+200D ZERO WIDTH JOINER
 * (such as a family or "heart on fire") takes the rating of its first listed part.
 */
export function lookupEmoji(emoji: string): number | undefined {
  const base = emoji.replaceAll(EMOJI_VARIATIONS, '');
  const rating = EMOJI.get(base);
  if (rating !== undefined) return rating;

  for (const part of base.split(ZERO_WIDTH_JOINER)) {
    const partRating = EMOJI.get(part);
    if (partRating !== undefined) return partRating;
  }
  return undefined;
}

/** Number of entries in each list, for GET /health and the metrics file. */
export const LEXICON_SIZE = { words: AFINN.size, emoji: EMOJI.size };
