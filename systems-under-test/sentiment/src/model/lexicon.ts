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

/** AFINN-165: 3,382 English words and phrases, each rated from -5 to 5. */
const AFINN = require('sentiment/languages/en/labels.json') as Record<string, number>;

/** Emoji Sentiment Ranking 1.0 as the `sentiment` package rounds it: one code point, -3 to 3. */
const EMOJI = require('sentiment/build/emoji.json') as Record<string, number>;

export const LEXICON_NAME = 'AFINN-165 and Emoji Sentiment Ranking 1.0';

/** Longest phrase in AFINN-165, in words. */
export const MAX_PHRASE_WORDS = 3;

/** Emoji presentation selector and skin-tone modifiers, which do not change an emoji's sentiment. */
const EMOJI_VARIATIONS = /\uFE0F|[\u{1F3FB}-\u{1F3FF}]/gu;

export const ZERO_WIDTH_JOINER = '\u200D';

/** Returns the AFINN rating of a word or phrase, or undefined when it is not listed. */
export function lookupWords(phrase: string): number | undefined {
  if (Object.hasOwn(AFINN, phrase)) return AFINN[phrase];

  // AFINN spells some contractions without the apostrophe ("dont like", "cant").
  const withoutApostrophes = phrase.replaceAll("'", '');
  if (withoutApostrophes !== phrase && Object.hasOwn(AFINN, withoutApostrophes)) {
    return AFINN[withoutApostrophes];
  }

  return undefined;
}

/**
 * Returns the rating of an emoji token. The list has single code points, so the presentation
 * selector and skin tones are removed first, and a sequence joined by U+200D ZERO WIDTH JOINER
 * (such as a family or "heart on fire") takes the rating of its first listed part.
 */
export function lookupEmoji(emoji: string): number | undefined {
  const base = emoji.replaceAll(EMOJI_VARIATIONS, '');
  if (Object.hasOwn(EMOJI, base)) return EMOJI[base];

  const parts = base.split(ZERO_WIDTH_JOINER);
  for (const part of parts) {
    if (Object.hasOwn(EMOJI, part)) return EMOJI[part];
  }
  return undefined;
}

/** Number of entries in each list, for GET /health and the metrics file. */
export const LEXICON_SIZE = { words: Object.keys(AFINN).length, emoji: Object.keys(EMOJI).length };
