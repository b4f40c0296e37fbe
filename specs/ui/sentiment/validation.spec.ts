import { expect, test } from '../../fixtures.ts';

test.describe('sentiment page validation', () => {
  test.beforeEach(async ({ sentimentPage }) => {
    await sentimentPage.open();
  });

  test(
    'empty sentence shows an inline error',
    { tag: '@SENTIMENT-023' },
    async ({ sentimentPage, page }) => {
      await sentimentPage.sentenceField.focus();

      await page.keyboard.press('Enter');

      await expect(sentimentPage.fieldError).toHaveText('Type a sentence first.');
      await expect(sentimentPage.sentenceField).toHaveAttribute('aria-invalid', 'true');
      await expect(sentimentPage.sentenceField).toBeFocused();
      await expect(sentimentPage.label).toBeHidden();
    },
  );

  test(
    'error clears after a valid sentence',
    { tag: '@SENTIMENT-023' },
    async ({ sentimentPage }) => {
      await sentimentPage.analyze('   ');
      await expect(sentimentPage.fieldError).toBeVisible();

      await sentimentPage.analyze('lovely');

      await expect(sentimentPage.fieldError).toBeHidden();
      await expect(sentimentPage.sentenceField).not.toHaveAttribute('aria-invalid');
      await expect(sentimentPage.label).toHaveText('positive');
    },
  );

  test(
    'long sentence is counted and refused',
    { tag: '@SENTIMENT-024' },
    async ({ sentimentPage }) => {
      // 2,001 emoji are 4,002 UTF-16 units; the page counts characters as the API does.
      await sentimentPage.enterSentence('🙂'.repeat(2001));
      await expect(sentimentPage.characterCount).toHaveText('2001 / 2000 characters');

      await sentimentPage.analyzeButton.click();

      await expect(sentimentPage.fieldError).toHaveText(
        'The sentence is 2001 characters long; the limit is 2000. Shorten it.',
      );
      await expect(sentimentPage.label).toBeHidden();
    },
  );

  test(
    'server rejection is shown as an alert',
    { tag: '@SENTIMENT-025' },
    async ({ sentimentPage }) => {
      // Zero-width characters pass the page's check but the API finds nothing to score in them.
      await sentimentPage.analyze('\u200B\u200B');

      await expect(sentimentPage.serverError).toContainText('The text was not analyzed:');
      await expect(sentimentPage.serverError).toContainText(
        '/text is empty or contains only whitespace',
      );
      await expect(sentimentPage.label).toBeHidden();
    },
  );
});
