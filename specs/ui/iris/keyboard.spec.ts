import { MEASUREMENTS } from '../../../pages/iris/index.ts';
import { expect, test } from '../../fixtures.ts';
import { TYPICAL_FLOWERS } from './samples.ts';

test.describe('Iris page by keyboard alone', () => {
  test.beforeEach(async ({ irisPage }) => {
    await irisPage.open();
  });

  test(
    'Tab order is the fields, then Predict',
    { tag: '@IRIS-037' },
    async ({ irisPage, page }) => {
      for (const measurement of MEASUREMENTS) {
        await page.keyboard.press('Tab');
        await expect(irisPage.fields[measurement]).toBeFocused();
      }
      await page.keyboard.press('Tab');

      await expect(irisPage.predictButton).toBeFocused();
    },
  );

  test(
    'type, Tab and Enter give a prediction',
    { tag: '@IRIS-038' },
    async ({ irisPage, page }) => {
      const flower = TYPICAL_FLOWERS.versicolor;

      for (const measurement of MEASUREMENTS) {
        await page.keyboard.press('Tab');
        await page.keyboard.type(String(flower[measurement]));
      }
      await page.keyboard.press('Enter');

      await expect(irisPage.predictedSpecies).toHaveText('Predicted species: versicolor');
    },
  );

  test('Space on Predict submits the form', { tag: '@IRIS-039' }, async ({ irisPage, page }) => {
    await irisPage.enterMeasurements(TYPICAL_FLOWERS.setosa);
    await irisPage.predictButton.focus();

    await page.keyboard.press('Space');

    await expect(irisPage.predictedSpecies).toHaveText('Predicted species: setosa');
  });

  test(
    'invalid submit by Enter focuses the field',
    { tag: '@IRIS-040' },
    async ({ irisPage, page }) => {
      await irisPage.enterMeasurements({ ...TYPICAL_FLOWERS.setosa, petalLength: '' });
      await irisPage.fields.petalWidth.focus();

      await page.keyboard.press('Enter');

      await expect(irisPage.fields.petalLength).toBeFocused();
      await expect(await irisPage.errorFor('petalLength')).toHaveText('Petal length is required.');
    },
  );
});
