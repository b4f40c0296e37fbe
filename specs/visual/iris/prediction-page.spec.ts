import { expect, test } from '../../fixtures.ts';
import { TYPICAL_FLOWERS } from '../../ui/iris/samples.ts';

test.describe('Iris prediction page looks as approved', () => {
  test.beforeEach(async ({ irisPage }) => {
    await irisPage.open();
  });

  test('empty form', { tag: '@IRIS-101' }, async ({ page }) => {
    await expect(page).toMatchBaseline('empty-form');
  });

  test('result of a setosa prediction', { tag: '@IRIS-102' }, async ({ irisPage }) => {
    await irisPage.predict(TYPICAL_FLOWERS.setosa);
    await expect(irisPage.predictedSpecies).toHaveText('Predicted species: setosa');

    await expect(irisPage.result).toMatchBaseline('setosa-result');
  });

  test('form with field errors', { tag: '@IRIS-102' }, async ({ irisPage }) => {
    await irisPage.predict({
      sepalLength: '',
      sepalWidth: 'abc',
      petalLength: -1,
      petalWidth: 1.4,
    });
    await expect(await irisPage.errorFor('sepalLength')).toBeVisible();

    await expect(irisPage.page).toMatchBaseline('form-with-errors', { fullPage: true });
  });
});
