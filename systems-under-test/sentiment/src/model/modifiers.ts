/**
 * The words that change the score of a sentiment word near them, and by how much. The factors
 * come from VADER (Hutto and Gilbert, 2014, constants in vaderSentiment.py): N_SCALAR = -0.74
 * for a negation, B_INCR = 0.293 for a booster word, and 0.5 and 1.5 around "but". VADER adds
 * 0.293 to a valence on its -4..4 scale; AFINN uses -5..5, so this model applies the step as a
 * relative change (x 1.293 or x 0.707) instead of a fixed amount.
 */

/** Factor applied to a sentiment word that a negator governs. */
export const NEGATION_FACTOR = -0.74;

/** Factor applied per intensifier ("very good") and per downtoner ("slightly good"). */
export const INTENSIFIER_FACTOR = 1.293;
export const DOWNTONER_FACTOR = 0.707;

/** Factors of the sentiment words before and after a contrast word ("good, but slow"). */
export const BEFORE_CONTRAST_FACTOR = 0.5;
export const AFTER_CONTRAST_FACTOR = 1.5;

/** How many tokens before a sentiment word a negator or intensifier may stand, as in VADER. */
export const MODIFIER_WINDOW = 3;

/** Negators, with and without the apostrophe, as people type them. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'neither',
  'nor',
  'nowhere',
  'without',
  'cannot',
  'non',
  'aint',
  'arent',
  'cant',
  'couldnt',
  'didnt',
  'doesnt',
  'dont',
  'hadnt',
  'hasnt',
  'havent',
  'isnt',
  'mightnt',
  'mustnt',
  'neednt',
  'shant',
  'shouldnt',
  'wasnt',
  'werent',
  'wont',
  'wouldnt',
]);

/** Words that strengthen the sentiment word after them. */
export const INTENSIFIERS: ReadonlySet<string> = new Set([
  'absolutely',
  'completely',
  'deeply',
  'especially',
  'exceptionally',
  'extremely',
  'highly',
  'incredibly',
  'most',
  'pretty',
  'really',
  'so',
  'super',
  'too',
  'totally',
  'truly',
  'utterly',
  'very',
]);

/** Words that weaken the sentiment word after them. */
export const DOWNTONERS: ReadonlySet<string> = new Set([
  'barely',
  'hardly',
  'kinda',
  'marginally',
  'partly',
  'slightly',
  'somewhat',
  'sorta',
]);

/**
 * Words after which the rest of the text carries more weight than what came before. VADER uses
 * "but" alone; "although" is left out because the clause after it is the weaker one.
 */
export const CONTRAST_WORDS: ReadonlySet<string> = new Set(['but', 'however']);

/** Returns whether a word token is a negator: one of NEGATORS or any word ending in "n't". */
export function isNegator(word: string): boolean {
  return NEGATORS.has(word) || NEGATORS.has(word.replaceAll("'", '')) || word.endsWith("n't");
}
