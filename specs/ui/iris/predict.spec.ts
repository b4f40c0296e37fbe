import { expect, test } from '../../fixtures.ts';
import { TYPICAL_FLOWERS } from './samples.ts';

const SPECIES = ['setosa', 'versicolor', 'virginica'] as const;

test.describe('Iris prediction page', () => {
  test.beforeEach(async ({ irisPage }) => {
    await irisPage.open();
  });

  for (const species of SPECIES) {
    test(`typical ${species} shows ${species}`, { tag: '@IRIS-027' }, async ({ irisPage }) => {
      await irisPage.predict(TYPICAL_FLOWERS[species]);

      await expect(irisPage.predictedSpecies).toHaveText(`Predicted species: ${species}`);
      await expect(irisPage.probabilityRows).toHaveCount(3);
      const probabilities = await irisPage.probabilities();
      expect(Object.keys(probabilities).sort()).toEqual([...SPECIES]);
      expect(Math.max(...Object.values(probabilities))).toBe(probabilities[species]);
      // Each percentage is rounded to 0.1, so three of them sum to 100 % within 0.15 points.
      const sum = Object.values(probabilities).reduce((total, value) => total + value, 0);
      expect(Math.abs(sum - 1)).toBeLessThanOrEqual(0.0015);
      await expect(irisPage.serverError).toBeEmpty();
    });
  }

  test('page shows what the API predicts', { tag: '@IRIS-028' }, async ({ irisPage, irisApi }) => {
    const flower = { sepalLength: 6.1, sepalWidth: 2.9, petalLength: 4.7, petalWidth: 1.4 };
    const api = await irisApi.post('/predict').send(flower);
    expect(api.status).toBe(200);
    const expected = api.body as { species: string; probabilities: Record<string, number> };

    await irisPage.predict(flower);

    await expect(irisPage.predictedSpecies).toHaveText(`Predicted species: ${expected.species}`);
    const shown = await irisPage.probabilities();
    for (const [species, probability] of Object.entries(expected.probabilities)) {
      expect(shown[species]).toBeCloseTo(probability, 3);
    }
  });

  test('server error shows an alert', { tag: '@IRIS-029' }, async ({ irisPage, page }) => {
    await page.route('**/predict', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          statusCode: 503,
          error: 'Service Unavailable',
          code: 'UNAVAILABLE',
          message: 'Model is reloading.',
          details: [],
        }),
      }),
    );

    await irisPage.predict(TYPICAL_FLOWERS.setosa);

    await expect(irisPage.serverError).toHaveText(
      'The prediction failed (503): Model is reloading.',
    );
    await expect(irisPage.predictedSpecies).toBeEmpty();
    await expect(irisPage.predictButton).toBeEnabled();
  });

  test(
    'page requests nothing from other hosts',
    { tag: '@IRIS-030' },
    async ({ irisPage, page, systemURL }) => {
      const origin = new URL(systemURL('iris')).origin;
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));

      await irisPage.open();
      await irisPage.predict(TYPICAL_FLOWERS.virginica);
      await expect(irisPage.predictedSpecies).toHaveText('Predicted species: virginica');

      expect(requested.length).toBeGreaterThan(0);
      expect(requested.filter((url) => !url.startsWith(origin + '/'))).toEqual([]);
    },
  );
});
