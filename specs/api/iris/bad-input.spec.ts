import { expect, test } from '../../fixtures.ts';
import { errorSchema, healthSchema } from './contract.ts';
import { TYPICAL_SAMPLES } from './samples.ts';

const valid = TYPICAL_SAMPLES.setosa;

interface BadInputCase {
  name: string;
  /** A value is sent as JSON; a string is sent as it is, to build malformed bodies. */
  body: unknown;
  contentType?: string;
  status: number;
  code: string;
  /** JSON pointer of the offending field and the JSON Schema rule; absent for non-validation errors. */
  field?: string;
  rule?: string;
}

const batchOf = (count: number) => ({ instances: Array.from({ length: count }, () => valid) });

// One row per case, kept on one line each so the table reads as a table.
// prettier-ignore
const CASES: BadInputCase[] = [
  { name: 'missing field', body: { ...valid, sepalLength: undefined }, status: 400, code: 'VALIDATION_ERROR', field: '/sepalLength', rule: 'required' },
  { name: 'extra field', body: { ...valid, colour: 'blue' }, status: 400, code: 'VALIDATION_ERROR', field: '/colour', rule: 'additionalProperties' },
  { name: 'number as string', body: { ...valid, sepalWidth: '3.5' }, status: 400, code: 'VALIDATION_ERROR', field: '/sepalWidth', rule: 'type' },
  { name: 'null feature', body: { ...valid, petalLength: null }, status: 400, code: 'VALIDATION_ERROR', field: '/petalLength', rule: 'type' },
  { name: 'boolean feature', body: { ...valid, petalWidth: true }, status: 400, code: 'VALIDATION_ERROR', field: '/petalWidth', rule: 'type' },
  { name: 'negative value', body: { ...valid, sepalLength: -1 }, status: 400, code: 'VALIDATION_ERROR', field: '/sepalLength', rule: 'exclusiveMinimum' },
  { name: 'zero value', body: { ...valid, petalWidth: 0 }, status: 400, code: 'VALIDATION_ERROR', field: '/petalWidth', rule: 'exclusiveMinimum' },
  { name: 'absurd value', body: { ...valid, sepalLength: 1000 }, status: 400, code: 'VALIDATION_ERROR', field: '/sepalLength', rule: 'maximum' },
  { name: 'overflow to Infinity', body: '{"sepalLength":1e400,"sepalWidth":3.4,"petalLength":1.5,"petalWidth":0.2}', status: 400, code: 'VALIDATION_ERROR', field: '/sepalLength', rule: 'maximum' },
  { name: 'NaN literal', body: '{"sepalLength":NaN,"sepalWidth":3.4,"petalLength":1.5,"petalWidth":0.2}', status: 400, code: 'INVALID_JSON' },
  { name: 'empty batch', body: batchOf(0), status: 400, code: 'VALIDATION_ERROR', field: '/instances', rule: 'minItems' },
  { name: 'oversize batch', body: batchOf(1001), status: 400, code: 'VALIDATION_ERROR', field: '/instances', rule: 'maxItems' },
  { name: 'bad sample in batch', body: { instances: [valid, valid, valid, { ...valid, petalWidth: 'x' }] }, status: 400, code: 'VALIDATION_ERROR', field: '/instances/3/petalWidth', rule: 'type' },
  { name: 'malformed JSON', body: '{"sepalLength": 5.1,', status: 400, code: 'INVALID_JSON' },
  { name: 'JSON null body', body: 'null', status: 400, code: 'VALIDATION_ERROR', field: '/', rule: 'type' },
  { name: 'JSON array body', body: '[]', status: 400, code: 'VALIDATION_ERROR', field: '/', rule: 'type' },
  { name: 'JSON string body', body: '"hello"', status: 400, code: 'VALIDATION_ERROR', field: '/', rule: 'type' },
  { name: 'empty body', body: '', status: 400, code: 'EMPTY_BODY' },
  { name: 'wrong content type', body: JSON.stringify(valid), contentType: 'text/plain', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'form content type', body: 'sepalLength=5', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'body over 1 MiB', body: JSON.stringify({ ...valid, padding: 'x'.repeat(1024 * 1024) }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
];

test.describe('POST /predict rejects bad input', () => {
  for (const badInput of CASES) {
    test(
      `${badInput.name} gives ${badInput.status} ${badInput.code}`,
      {
        // Plan case of each row: schema violations by their JSON Schema rule, other errors by code.
        tag: (
          {
            required: '@IRIS-008',
            additionalProperties: '@IRIS-008',
            type: '@IRIS-009',
            exclusiveMinimum: '@IRIS-010',
            maximum: '@IRIS-010',
            minItems: '@IRIS-011',
            maxItems: '@IRIS-011',
            INVALID_JSON: '@IRIS-012',
            EMPTY_BODY: '@IRIS-012',
            UNSUPPORTED_MEDIA_TYPE: '@IRIS-013',
            PAYLOAD_TOO_LARGE: '@IRIS-014',
          } as Record<string, string>
        )[badInput.rule ?? badInput.code],
      },
      async ({ irisApi }) => {
        const request = irisApi
          .post('/predict')
          .set('content-type', badInput.contentType ?? 'application/json');
        const payload =
          typeof badInput.body === 'string' ? badInput.body : JSON.stringify(badInput.body);

        const response = await request.send(payload);

        expect(response.status).toBe(badInput.status);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.body).toMatchSchema(errorSchema);
        const body = response.body as {
          code: string;
          message: string;
          details: Array<{ field: string; rule: string }>;
        };
        expect(body.code).toBe(badInput.code);

        if (badInput.field !== undefined) {
          expect(body.details).toContainEqual(
            expect.objectContaining({ field: badInput.field, rule: badInput.rule }),
          );
          // The message names the field so that a reader needs no second look at details.
          const fieldName = badInput.field === '/' ? 'body' : badInput.field.split('/').pop()!;
          expect(body.message).toContain(fieldName);
        }
      },
    );
  }

  test('service stays healthy after bad input', { tag: '@IRIS-015' }, async ({ irisApi }) => {
    await irisApi.post('/predict').set('content-type', 'application/json').send('{"broken":');

    const health = await irisApi.get('/health');

    expect(health.status).toBe(200);
    expect(health.body).toMatchSchema(healthSchema);
  });

  test('unknown route gives 404 JSON', { tag: '@IRIS-016' }, async ({ irisApi }) => {
    const response = await irisApi.get('/no-such-route');

    expect(response.status).toBe(404);
    expect(response.body).toMatchSchema(errorSchema);
    expect((response.body as { code: string }).code).toBe('NOT_FOUND');
  });

  test('GET on /predict gives 4xx, not 5xx', { tag: '@IRIS-016' }, async ({ irisApi }) => {
    const response = await irisApi.get('/predict');

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
