/**
 * Splits text into the tokens the sentiment model scores: words, emoji and the punctuation that
 * ends a clause. Unlike the `sentiment` package's tokenizer, which splits on spaces only, it finds
 * an emoji glued to a word ("great😍") and keeps the clause boundaries that stop a negation.
 */

/** Kind of token: a word, an emoji (or emoji sequence), or a clause-ending punctuation mark. */
export type TokenKind = 'word' | 'emoji' | 'boundary';

export interface Token {
  kind: TokenKind;
  /** Lower-case, NFC-normalized text, with typographic apostrophes replaced by "'". */
  text: string;
}

/** One pictographic code point followed by its presentation selector or skin-tone modifiers. */
const EMOJI_PART = String.raw`\p{Extended_Pictographic}(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}])*`;

/**
 * Token pattern, tried left to right. An emoji sequence joins parts with U+200D ZERO WIDTH
 * JOINER, and a flag is a pair of regional indicator letters. A word may contain inner
 * apostrophes and hyphens ("don't", "well-being"). The boundary characters end a clause.
 */
const TOKEN_PATTERN = new RegExp(
  String.raw`(?<emoji>${EMOJI_PART}(?:\u200D${EMOJI_PART})*)` +
    String.raw`|(?<flag>[\u{1F1E6}-\u{1F1FF}]{2})` +
    String.raw`|(?<word>[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['\-][\p{L}\p{M}\p{N}]+)*)` +
    String.raw`|(?<boundary>[.,;:!?()\[\]{}"“”…—–\n])`,
  'gu',
);

/** Normalizes text before matching: NFC, so that "naïve" typed with a combining mark matches the lexicon. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').toLowerCase().replaceAll(/[’‘`]/g, "'");
}

/** Splits text into word, emoji and boundary tokens; every other character is a separator. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];

  for (const match of normalizeText(text).matchAll(TOKEN_PATTERN)) {
    const groups = match.groups ?? {};
    if (groups.emoji !== undefined || groups.flag !== undefined) {
      tokens.push({ kind: 'emoji', text: match[0] });
    } else if (groups.word !== undefined) {
      tokens.push({ kind: 'word', text: match[0] });
    } else {
      tokens.push({ kind: 'boundary', text: match[0] });
    }
  }

  return tokens;
}
