import { expect, test } from '../../fixtures.ts';
import {
  batchPredictionSchema,
  singlePredictionSchema,
  SPECIES,
  type Species,
} from './contract.ts';
import { loadIrisRows, TYPICAL_SAMPLES } from './samples.ts';

interface Prediction {
  species: Species;
  probabilities: Record<Species, number>;
}

function probabilitySum(prediction: Prediction): number {
  return SPECIES.reduce((sum, species) => sum + prediction.probabilities[species], 0);
}

test.describe('POST /predict', () => {
  for (const species of SPECIES) {
    test(
      `typical ${species} is predicted as ${species}`,
      { tag: { setosa: '@IRIS-001', versicolor: '@IRIS-002', virginica: '@IRIS-003' }[species] },
      async ({ irisApi }) => {
        const response = await irisApi.post('/predict').send(TYPICAL_SAMPLES[species]);

        expect(response.status).toBe(200);
        expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(response.body).toMatchSchema(singlePredictionSchema);

        const body = response.body as Prediction;
        expect(body.species).toBe(species);
        expect(probabilitySum(body)).toBeCloseTo(1, 9);

        // The predicted species carries the largest probability.
        const top = Math.max(...SPECIES.map((name) => body.probabilities[name]));
        expect(body.probabilities[species]).toBe(top);
      },
    );
  }

  test('whole data set as one batch is classified', { tag: '@IRIS-004' }, async ({ irisApi }) => {
    const rows = loadIrisRows();

    const response = await irisApi
      .post('/predict')
      .send({ instances: rows.map((row) => row.sample) });

    expect(response.status).toBe(200);
    expect(response.body).toMatchSchema(batchPredictionSchema);
    const body = response.body as { predictions: Prediction[]; count: number };
    expect(body.count).toBe(150);
    expect(body.predictions).toHaveLength(150);

    // Predictions keep request order: the data set lists 50 of each species in turn.
    const correct = body.predictions.filter(
      (prediction, index) => prediction.species === rows[index]?.species,
    ).length;
    expect(correct / rows.length).toBeGreaterThanOrEqual(0.95);
    for (const prediction of body.predictions) {
      expect(probabilitySum(prediction)).toBeCloseTo(1, 9);
    }
  });

  test('every setosa in the data set is setosa', { tag: '@IRIS-005' }, async ({ irisApi }) => {
    // Setosa is linearly separable from the other two species, so no error is acceptable.
    const setosa = loadIrisRows().filter((row) => row.species === 'setosa');

    const response = await irisApi
      .post('/predict')
      .send({ instances: setosa.map((row) => row.sample) });

    expect(response.status).toBe(200);
    const species = (response.body as { predictions: Prediction[] }).predictions.map(
      (prediction) => prediction.species,
    );
    expect(new Set(species)).toEqual(new Set(['setosa']));
  });

  test('batch of 1000, the maximum, is accepted', { tag: '@IRIS-006' }, async ({ irisApi }) => {
    const rows = loadIrisRows();
    const instances = Array.from({ length: 1000 }, (_, index) => rows[index % rows.length]!.sample);

    const response = await irisApi.post('/predict').send({ instances });

    expect(response.status).toBe(200);
    expect((response.body as { count: number }).count).toBe(1000);
  });

  test('same sample gives same prediction', { tag: '@IRIS-007' }, async ({ irisApi }) => {
    const first = await irisApi.post('/predict').send(TYPICAL_SAMPLES.versicolor);
    const second = await irisApi.post('/predict').send(TYPICAL_SAMPLES.versicolor);

    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
  });
});
