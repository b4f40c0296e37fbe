import { describe, expect, it } from 'vitest';

import { loadFaults } from '../../systems-under-test/shared/faults.ts';
import { SENTIMENT_FAULT_CATALOGUE } from '../../systems-under-test/sentiment/src/faults.ts';
import { analyzeSentiment } from '../../systems-under-test/sentiment/src/model/analyzer.ts';

const faultsOn = (id: string) =>
  loadFaults('sentiment', SENTIMENT_FAULT_CATALOGUE, { NOVA_FAULTS: id });

/** Returns the score of one word of the analysis, found by its text. */
function scoreOf(text: string, word: string): number | undefined {
  return analyzeSentiment(text).words.find((entry) => entry.word === word)?.score;
}

describe('analyzeSentiment', () => {
  it('sums AFINN ratings of plain words', () => {
    const analysis = analyzeSentiment('A good and happy day');

    expect(analysis.words.map((word) => [word.word, word.score])).toEqual([
      ['good', 3],
      ['happy', 3],
    ]);
    expect(analysis.score).toBe(6);
    expect(analysis.label).toBe('positive');
    expect(analysis.tokenCount).toBe(5);
    expect(analysis.comparative).toBe(1.2);
  });

  it('gives neutral and 0 to text without lexicon words', () => {
    const analysis = analyzeSentiment('The meeting starts at ten');

    expect(analysis).toEqual({
      label: 'neutral',
      score: 0,
      comparative: 0,
      tokenCount: 5,
      words: [],
    });
  });

  it('flips and dampens a negated word', () => {
    expect(scoreOf('not happy', 'happy')).toBe(-2.22);
    expect(scoreOf("wasn't happy", 'happy')).toBe(-2.22);
    expect(scoreOf('wasnt happy', 'happy')).toBe(-2.22);
    expect(scoreOf('isn’t happy', 'happy')).toBe(-2.22);
  });

  it('negates within three words only', () => {
    expect(scoreOf('not at all happy', 'happy')).toBe(-2.22);
    expect(scoreOf('not in the least happy', 'happy')).toBe(3);
  });

  it('stops negation at punctuation', () => {
    expect(scoreOf('not, happy', 'happy')).toBe(3);
    expect(scoreOf('not; happy', 'happy')).toBe(3);
  });

  it('cancels a double negation', () => {
    const analysis = analyzeSentiment('not never happy');

    expect(analysis.words[0]).toMatchObject({ word: 'happy', score: 3, negated: false });
  });

  it('does not score a negator it used', () => {
    // "no" is rated -1 on its own.
    expect(analyzeSentiment('no good').words.map((word) => word.word)).toEqual(['good']);
    expect(analyzeSentiment('No.').score).toBe(-1);
  });

  it('prefers a rated phrase over its words', () => {
    const analysis = analyzeSentiment('It does not work');

    expect(analysis.words).toEqual([
      { word: 'does not work', lexiconScore: -3, score: -3, negated: false, modifiers: [] },
    ]);
  });

  it('consumes a phrase rated 0', () => {
    // "kind" alone is rated 2; "kind of" is rated 0 and acts as a downtoner.
    const analysis = analyzeSentiment('kind of good');

    expect(analysis.words).toEqual([
      { word: 'good', lexiconScore: 3, score: 2.121, negated: false, modifiers: ['kind of'] },
    ]);
  });

  it('applies intensifiers and downtoners', () => {
    expect(scoreOf('very good', 'good')).toBe(3.879);
    expect(scoreOf('really very good', 'good')).toBe(5.016);
    expect(scoreOf('slightly good', 'good')).toBe(2.121);
    expect(scoreOf('not very good', 'good')).toBe(-2.87);
  });

  it('keeps an intensifier to its neighbour', () => {
    expect(scoreOf('very long and good', 'good')).toBe(3);
  });

  it('weights the part after "but"', () => {
    const analysis = analyzeSentiment('good but bad');

    expect(analysis.words.map((word) => word.score)).toEqual([1.5, -4.5]);
    expect(analysis.label).toBe('negative');
  });

  it('scores emoji and emoji sequences', () => {
    expect(scoreOf('😍', '😍')).toBe(3);
    expect(scoreOf('👍🏽', '👍🏽')).toBe(2);
    expect(scoreOf('❤️', '❤️')).toBe(3);
    expect(scoreOf('❤️‍🔥', '❤️‍🔥')).toBe(3);
    expect(analyzeSentiment('🇫🇷').words).toEqual([]);
  });

  it('finds an emoji glued to a word', () => {
    const analysis = analyzeSentiment('great😍');

    expect(analysis.words.map((word) => word.word)).toEqual(['great', '😍']);
  });

  it('normalizes decomposed accents', () => {
    expect(scoreOf('nai\u0308ve', 'naïve')).toBe(-2);
  });

  it('splits unknown hyphenated words', () => {
    expect(analyzeSentiment('a well-being retreat').words[0]!.word).toBe('well-being');
    expect(analyzeSentiment('super-happy crowd').words.map((word) => word.word)).toEqual(['happy']);
  });

  it('gives -0 as 0', () => {
    expect(Object.is(analyzeSentiment('good bad').score, 0)).toBe(true);
  });

  it('ignores negators with the negation fault', () => {
    expect(analyzeSentiment('not happy', faultsOn('sentiment.negation-ignored')).label).toBe(
      'positive',
    );
  });

  it('widens the neutral band with its fault', () => {
    expect(analyzeSentiment('I like it', faultsOn('sentiment.neutral-band-wide')).label).toBe(
      'neutral',
    );
  });

  it('throws on a ZWJ emoji with its fault', () => {
    expect(() => analyzeSentiment('👨‍👩‍👧', faultsOn('sentiment.zwj-emoji-crash'))).toThrow(TypeError);
  });
});
