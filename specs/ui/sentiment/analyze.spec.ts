import { expect, test } from '../../fixtures.ts';

interface SentenceFlow {
  text: string;
  label: 'positive' | 'negative' | 'neutral';
  score: number;
  /** Lines of the word list as the page shows them. */
  words: string[];
}

// prettier-ignore
const FLOWS: SentenceFlow[] = [
  { text: 'I love this movie.', label: 'positive', score: 3, words: ['love +3'] },
  { text: 'The food was not great.', label: 'negative', score: -2.22, words: ['great -2.22 (not)'] },
  { text: 'Very good food, terrible coffee', label: 'positive', score: 0.879, words: ['good +3.879 (very)', 'terrible -3'] },
  { text: 'The train leaves at nine.', label: 'neutral', score: 0, words: ['No word of the sentence is in the lexicon.'] },
  { text: 'Great room 😍 but a noisy street 😡', label: 'neutral', score: 0, words: ['great +1.5 (but)', '😍 +1.5 (but)', 'noisy -1.5 (but)', '😡 -1.5 (but)'] },
];

test.describe('sentiment page shows the analysis', () => {
  test.beforeEach(async ({ sentimentPage }) => {
    await sentimentPage.open();
  });

  for (const flow of FLOWS) {
    test(
      `"${flow.text}" shows ${flow.label}`,
      { tag: '@SENTIMENT-021' },
      async ({ sentimentPage }) => {
        await sentimentPage.analyze(flow.text);

        await expect(sentimentPage.label).toHaveText(flow.label);
        await expect(sentimentPage.label).toHaveClass(`label-${flow.label}`);
        await expect(sentimentPage.wordItems).toHaveText(flow.words);
        expect(await sentimentPage.shownScore()).toBe(flow.score);
        await expect(sentimentPage.serverError).toBeHidden();
      },
    );
  }

  test(
    'a second sentence replaces the result',
    { tag: '@SENTIMENT-021' },
    async ({ sentimentPage }) => {
      await sentimentPage.analyze('What a great day');
      await expect(sentimentPage.label).toHaveText('positive');

      await sentimentPage.analyze('What an awful day');

      await expect(sentimentPage.label).toHaveText('negative');
      await expect(sentimentPage.wordItems).toHaveText(['awful -3']);
    },
  );
});
