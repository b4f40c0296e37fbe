import { expect, test } from '../../fixtures.ts';

test.describe('sentiment page by keyboard alone', () => {
  test.beforeEach(async ({ sentimentPage }) => {
    await sentimentPage.open();
  });

  test(
    'Tab order is the sentence, then Analyze',
    { tag: '@SENTIMENT-022' },
    async ({ sentimentPage, page }) => {
      await page.keyboard.press('Tab');
      await expect(sentimentPage.sentenceField).toBeFocused();

      await page.keyboard.press('Tab');

      await expect(sentimentPage.analyzeButton).toBeFocused();
    },
  );

  test(
    'type and Enter give a result',
    { tag: '@SENTIMENT-022' },
    async ({ sentimentPage, page }) => {
      await page.keyboard.press('Tab');
      await page.keyboard.type('The staff were friendly');

      await page.keyboard.press('Enter');

      await expect(sentimentPage.label).toHaveText('positive');
      await expect(sentimentPage.wordItems).toHaveText(['friendly +2']);
    },
  );

  test('Shift+Enter adds a line', { tag: '@SENTIMENT-022' }, async ({ sentimentPage, page }) => {
    await sentimentPage.sentenceField.focus();
    await page.keyboard.type('Bad start');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('but a great ending');

    await expect(sentimentPage.sentenceField).toHaveValue('Bad start\nbut a great ending');
    await expect(sentimentPage.label).toBeHidden();

    await page.keyboard.press('Enter');

    await expect(sentimentPage.label).toHaveText('positive');
  });

  test('Space on Analyze submits', { tag: '@SENTIMENT-022' }, async ({ sentimentPage, page }) => {
    await sentimentPage.enterSentence('This is a sad story');
    await sentimentPage.analyzeButton.focus();

    await page.keyboard.press('Space');

    await expect(sentimentPage.label).toHaveText('negative');
  });
});
