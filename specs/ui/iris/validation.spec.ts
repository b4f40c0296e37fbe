import {
  MEASUREMENT_LABELS,
  MEASUREMENTS,
  type MeasurementInput,
} from '../../../pages/iris/index.ts';
import { expect, test } from '../../fixtures.ts';
import { TYPICAL_FLOWERS } from './samples.ts';

/** Each rule of the form, with a value that breaks it and the message a user must see. */
const RULES = [
  { rule: 'required', value: '', message: (label: string) => `${label} is required.` },
  { rule: 'number', value: '1e', message: (label: string) => `${label} must be a number.` },
  { rule: 'zero', value: '0', message: (label: string) => `${label} must be greater than 0 cm.` },
  {
    rule: 'negative',
    value: '-2.5',
    message: (label: string) => `${label} must be greater than 0 cm.`,
  },
  {
    rule: 'too large',
    value: '30.1',
    message: (label: string) => `${label} must be at most 30 cm.`,
  },
] as const;

test.describe('Iris form validation', () => {
  test.beforeEach(async ({ irisPage }) => {
    await irisPage.open();
  });

  for (const measurement of MEASUREMENTS) {
    const label = MEASUREMENT_LABELS[measurement];

    for (const { rule, value, message } of RULES) {
      test(
        `${label}: ${rule} shows its message`,
        {
          tag: {
            required: '@IRIS-031',
            number: '@IRIS-032',
            zero: '@IRIS-033',
            negative: '@IRIS-033',
            'too large': '@IRIS-034',
          }[rule],
        },
        async ({ irisPage, page }) => {
          const predictRequests: string[] = [];
          page.on('request', (request) => {
            if (request.url().endsWith('/predict')) predictRequests.push(request.url());
          });
          const input: MeasurementInput = { ...TYPICAL_FLOWERS.setosa, [measurement]: value };

          await irisPage.predict(input);

          const error = await irisPage.errorFor(measurement);
          await expect(error).toHaveText(message(label));
          await expect(error).toBeVisible();
          await expect(irisPage.fields[measurement]).toHaveAttribute('aria-invalid', 'true');
          await expect(irisPage.fields[measurement]).toBeFocused();
          for (const other of MEASUREMENTS.filter((name) => name !== measurement)) {
            await expect(await irisPage.errorFor(other)).toBeHidden();
          }
          await expect(irisPage.predictedSpecies).toBeEmpty();
          expect(predictRequests).toEqual([]);
        },
      );
    }
  }

  test('30 cm, the maximum, is accepted', { tag: '@IRIS-034' }, async ({ irisPage }) => {
    await irisPage.predict({ ...TYPICAL_FLOWERS.virginica, sepalLength: '30' });

    await expect(irisPage.predictedSpecies).toHaveText(/^Predicted species: \w+$/);
    await expect(await irisPage.errorFor('sepalLength')).toBeHidden();
  });

  test('focus goes to first invalid field', { tag: '@IRIS-035' }, async ({ irisPage }) => {
    await irisPage.predict({ sepalLength: '5', sepalWidth: '', petalLength: '0', petalWidth: '' });

    await expect(irisPage.fields.sepalWidth).toBeFocused();
    await expect(await irisPage.errorFor('sepalWidth')).toHaveText('Sepal width is required.');
    await expect(await irisPage.errorFor('petalLength')).toHaveText(
      'Petal length must be greater than 0 cm.',
    );
    await expect(await irisPage.errorFor('petalWidth')).toHaveText('Petal width is required.');
  });

  test('fixed value clears its message on blur', { tag: '@IRIS-036' }, async ({ irisPage }) => {
    await irisPage.predict({ ...TYPICAL_FLOWERS.setosa, petalWidth: '-1' });
    const error = await irisPage.errorFor('petalWidth');
    await expect(error).toBeVisible();

    await irisPage.enter('petalWidth', '0.2');
    await irisPage.fields.petalWidth.blur();

    await expect(error).toBeHidden();
    await expect(irisPage.fields.petalWidth).not.toHaveAttribute('aria-invalid', 'true');
  });
});
