import { expect, test } from '../../fixtures.ts';

test.describe('sentiment page looks as approved', () => {
  test.beforeEach(async ({ sentimentPage }) => {
    await sentimentPage.open();
  });

  test('empty page', { tag: '@SENTIMENT-027' }, async ({ page }) => {
    await expect(page).toMatchBaseline('empty-page');
  });

  test('positive result', { tag: '@SENTIMENT-028' }, async ({ sentimentPage }) => {
    await sentimentPage.analyze('I love this movie, the cast is brilliant 😍');
    await expect(sentimentPage.label).toHaveText('positive');

    await expect(sentimentPage.result).toMatchBaseline('positive-result');
  });

  test('negative result with modifiers', { tag: '@SENTIMENT-028' }, async ({ sentimentPage }) => {
    await sentimentPage.analyze('The view was nice, but the staff were not friendly.');
    await expect(sentimentPage.label).toHaveText('negative');

    await expect(sentimentPage.result).toMatchBaseline('negative-result');
  });

  test('empty sentence error', { tag: '@SENTIMENT-027' }, async ({ sentimentPage, page }) => {
    await sentimentPage.analyzeButton.click();
    await expect(sentimentPage.fieldError).toBeVisible();

    await expect(page).toMatchBaseline('empty-sentence-error', { fullPage: true });
  });
});
