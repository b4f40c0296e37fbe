/**
 * The sentiment model: AFINN-165 ratings of the words and emoji in a text, changed by the
 * negators, intensifiers, downtoners and contrast words around them, summed into one score and
 * mapped to positive, negative or neutral.
 */
import type { Faults } from '../faults.ts';
import { NO_FAULTS } from '../faults.ts';
import { labelForScore, NEUTRAL_BAND } from './label.ts';
import type { SentimentLabel } from './label.ts';
import { lookupEmoji, lookupWords, MAX_PHRASE_WORDS, ZERO_WIDTH_JOINER } from './lexicon.ts';
import {
  AFTER_CONTRAST_FACTOR,
  BEFORE_CONTRAST_FACTOR,
  CONTRAST_WORDS,
  DOWNTONER_FACTOR,
  DOWNTONERS,
  INTENSIFIER_FACTOR,
  INTENSIFIERS,
  isNegator,
  MODIFIER_WINDOW,
  NEGATION_FACTOR,
} from './modifiers.ts';
import { tokenize } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

/** One word, phrase or emoji that moved the score. */
export interface WordScore {
  /** The word, phrase ("does not work") or emoji as matched, in lower case. */
  word: string;
  /** Its rating in the lexicon, -5 to 5. */
  lexiconScore: number;
  /** Contribution to the text's score after the modifiers, rounded to 3 decimals. */
  score: number;
  /** True when a negator before it flipped its sign. */
  negated: boolean;
  /** The negators, intensifiers, downtoners and contrast word that changed it, in text order. */
  modifiers: string[];
}

/** The model's result for one text. */
export interface SentimentAnalysis {
  label: SentimentLabel;
  /** Sum of the word scores, rounded to 3 decimals. */
  score: number;
  /** Score per word or emoji token, rounded to 3 decimals; 0 for a text without tokens. */
  comparative: number;
  /** Number of word and emoji tokens. */
  tokenCount: number;
  /** The words that moved the score, in text order. */
  words: WordScore[];
}

/** A lexicon entry found in the token list: tokens [start, end). */
interface LexiconMatch {
  start: number;
  end: number;
  phrase: string;
  lexiconScore: number;
}

/** Two-word downtoners, checked before the single words. */
const DOWNTONER_PHRASES: ReadonlySet<string> = new Set(['kind of', 'sort of', 'a bit', 'a little']);

/** Band used while the seeded fault sentiment.neutral-band-wide is on. */
const WRONG_NEUTRAL_BAND = 2.5;

function round3(value: number): number {
  // Adding 0 turns -0 into 0, so that JSON shows 0 for a neutral text.
  return Math.round(value * 1000) / 1000 + 0;
}

/** Splits a hyphenated word that the lexicon does not list into its parts ("non-existent"). */
function splitUnknownHyphenated(tokens: Token[]): Token[] {
  return tokens.flatMap((token) => {
    if (
      token.kind !== 'word' ||
      !token.text.includes('-') ||
      lookupWords(token.text) !== undefined
    ) {
      return [token];
    }
    return token.text
      .split('-')
      .filter((part) => part !== '')
      .map((part): Token => ({ kind: 'word', text: part }));
  });
}

/**
 * Finds the lexicon entries in the tokens, longest phrase first. A phrase rated 0, such as
 * "kind of", is consumed without a score, so that "kind" (rated 2) inside it is not scored.
 */
function findLexiconMatches(tokens: Token[], faults: Faults): LexiconMatch[] {
  const matches: LexiconMatch[] = [];
  let index = 0;

  while (index < tokens.length) {
    const token = tokens[index]!;

    if (token.kind === 'emoji') {
      if (token.text.includes(ZERO_WIDTH_JOINER) && faults.on('sentiment.zwj-emoji-crash')) {
        // Seeded fault sentiment.zwj-emoji-crash: reads one part past the end of the sequence.
        const parts = token.text.split(ZERO_WIDTH_JOINER);
        const pastTheEnd = parts[parts.length] as unknown as string;
        matches.push({
          start: index,
          end: index + 1,
          phrase: token.text,
          lexiconScore: pastTheEnd.length,
        });
      }
      const rating = lookupEmoji(token.text);
      if (rating !== undefined && rating !== 0) {
        matches.push({ start: index, end: index + 1, phrase: token.text, lexiconScore: rating });
      }
      index += 1;
      continue;
    }

    if (token.kind === 'boundary') {
      index += 1;
      continue;
    }

    // The candidate phrases starting here: "a", "a b", "a b c", as long as the tokens are words.
    const phrases = [token.text];
    for (let next = index + 1; next < index + MAX_PHRASE_WORDS; next++) {
      const nextToken = tokens[next];
      if (nextToken?.kind !== 'word') break;
      phrases.push(`${phrases[phrases.length - 1]!} ${nextToken.text}`);
    }

    let matchedLength = 1;
    for (let length = phrases.length; length >= 1; length--) {
      const phrase = phrases[length - 1]!;
      const rating = lookupWords(phrase);
      if (rating === undefined) continue;

      matchedLength = length;
      if (rating !== 0) {
        matches.push({ start: index, end: index + length, phrase, lexiconScore: rating });
      }
      break;
    }
    index += matchedLength;
  }

  return matches;
}

/** The modifiers of one match and the token indices they occupy. */
interface AppliedModifiers {
  factor: number;
  negated: boolean;
  modifiers: { index: number; word: string }[];
}

/**
 * Looks back from a match over at most MODIFIER_WINDOW words in the same clause. Any negator
 * in that window flips the sign (an even number of negators cancels out). Intensifiers and
 * downtoners count only in the unbroken run of modifiers right before the match, so that "very"
 * in "very long and good" does not reach "good".
 */
function findModifiers(tokens: Token[], match: LexiconMatch, faults: Faults): AppliedModifiers {
  const applied: AppliedModifiers = { factor: 1, negated: false, modifiers: [] };
  let negatorCount = 0;
  let inModifierRun = true;

  let seen = 0;
  for (let index = match.start - 1; index >= 0 && seen < MODIFIER_WINDOW; index--) {
    const token = tokens[index]!;
    if (token.kind !== 'word') break;
    seen += 1;

    const previous = tokens[index - 1];
    const pair = previous?.kind === 'word' ? `${previous.text} ${token.text}` : '';
    if (inModifierRun && DOWNTONER_PHRASES.has(pair)) {
      applied.factor *= DOWNTONER_FACTOR;
      applied.modifiers.push({ index: index - 1, word: pair });
      index -= 1;
      seen += 1;
    } else if (isNegator(token.text)) {
      // Seeded fault sentiment.negation-ignored: negators are skipped as if they were filler words.
      if (faults.on('sentiment.negation-ignored')) continue;
      negatorCount += 1;
      applied.modifiers.push({ index, word: token.text });
    } else if (inModifierRun && INTENSIFIERS.has(token.text)) {
      applied.factor *= INTENSIFIER_FACTOR;
      applied.modifiers.push({ index, word: token.text });
    } else if (inModifierRun && DOWNTONERS.has(token.text)) {
      applied.factor *= DOWNTONER_FACTOR;
      applied.modifiers.push({ index, word: token.text });
    } else {
      inModifierRun = false;
    }
  }

  if (negatorCount % 2 === 1) {
    applied.negated = true;
    applied.factor *= NEGATION_FACTOR;
  }
  applied.modifiers.sort((a, b) => a.index - b.index);
  return applied;
}

/** Index of the first contrast word ("but"), or -1. */
function findContrast(tokens: Token[]): number {
  return tokens.findIndex((token) => token.kind === 'word' && CONTRAST_WORDS.has(token.text));
}

/** Scores one text. `faults` switches seeded faults on; the default has them all off. */
export function analyzeSentiment(text: string, faults: Faults = NO_FAULTS): SentimentAnalysis {
  const tokens = splitUnknownHyphenated(tokenize(text));
  const matches = findLexiconMatches(tokens, faults);
  const contrastIndex = findContrast(tokens);

  const scored = matches.map((match) => ({ match, applied: findModifiers(tokens, match, faults) }));

  // A word used as a modifier of a later word is not scored itself: "no" (-1) in "no good",
  // "super" (3) in "super nice", "pretty" (1) in "pretty bad".
  const modifierIndices = new Set(
    scored.flatMap(({ applied }) => applied.modifiers.map((modifier) => modifier.index)),
  );

  const words: WordScore[] = [];
  for (const { match, applied } of scored) {
    if (modifierIndices.has(match.start) && match.end - match.start === 1) continue;

    let factor = applied.factor;
    const modifiers = applied.modifiers.map((modifier) => modifier.word);
    if (contrastIndex >= 0) {
      const contrastWord = tokens[contrastIndex]!.text;
      if (match.start < contrastIndex) {
        factor *= BEFORE_CONTRAST_FACTOR;
        modifiers.push(contrastWord);
      } else {
        factor *= AFTER_CONTRAST_FACTOR;
        modifiers.unshift(contrastWord);
      }
    }

    words.push({
      word: match.phrase,
      lexiconScore: match.lexiconScore,
      score: round3(match.lexiconScore * factor),
      negated: applied.negated,
      modifiers,
    });
  }

  const tokenCount = tokens.filter((token) => token.kind !== 'boundary').length;
  const score = round3(words.reduce((sum, word) => sum + word.score, 0));

  // Seeded fault sentiment.neutral-band-wide: the neutral band is five times too wide.
  const band = faults.on('sentiment.neutral-band-wide') ? WRONG_NEUTRAL_BAND : NEUTRAL_BAND;

  return {
    label: labelForScore(score, band),
    score,
    comparative: tokenCount === 0 ? 0 : round3(score / tokenCount),
    tokenCount,
    words,
  };
}
