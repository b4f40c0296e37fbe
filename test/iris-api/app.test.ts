import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../../systems-under-test/iris-api/src/app.ts';
import { MAX_BATCH_SIZE } from '../../systems-under-test/iris-api/src/schemas.ts';
import type { TrainingRun } from '../../systems-under-test/iris-api/src/train.ts';
import { removeTempDir, trainIntoTempDir } from './temp-artifacts.ts';

// Rows 1 and 101 of Fisher's Iris data: a typical setosa and a typical virginica.
const SETOSA = { sepalLength: 5.1, sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 };
const VIRGINICA = { sepalLength: 6.3, sepalWidth: 3.3, petalLength: 6.0, petalWidth: 2.5 };

interface ErrorResponse {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details: { field: string; rule: string; message: string }[];
}

interface PredictionBody {
  species: string;
  probabilities: Record<string, number>;
}

let app: FastifyInstance;
let artifactsDir: string;
let training: TrainingRun;

beforeAll(async () => {
  const trained = await trainIntoTempDir(42);
  artifactsDir = trained.dir;
  training = trained.run;
  app = await buildApp({ artifactsDir });
});

afterAll(async () => {
  await app.close();
  await removeTempDir(artifactsDir);
});

/** Posts a raw payload. A null content type sends no Content-Type header. */
async function postPredict(payload: string, contentType: string | null = 'application/json') {
  const headers: Record<string, string> = {};
  if (contentType !== null) {
    headers['content-type'] = contentType;
  }
  return app.inject({ method: 'POST', url: '/predict', headers, payload });
}

function sumOf(probabilities: Record<string, number>): number {
  return Object.values(probabilities).reduce((sum, value) => sum + value, 0);
}

describe('POST /predict', () => {
  it('classifies a typical setosa', async () => {
    const response = await postPredict(JSON.stringify(SETOSA));
    const body = response.json<PredictionBody & { modelVersion: string }>();

    expect(response.statusCode).toBe(200);
    expect(body.species).toBe('setosa');
    expect(body.probabilities.setosa).toBeGreaterThan(0.9);
    expect(Object.keys(body.probabilities)).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(Math.abs(sumOf(body.probabilities) - 1)).toBeLessThan(1e-9);
    expect(body.modelVersion).toBe(training.artifact.version);
  });

  it('classifies a typical virginica', async () => {
    const response = await postPredict(JSON.stringify(VIRGINICA));
    const body = response.json<PredictionBody>();

    expect(response.statusCode).toBe(200);
    expect(body.species).toBe('virginica');
    expect(body.probabilities.virginica).toBeGreaterThan(0.5);
  });

  it('classifies a batch in order', async () => {
    const response = await postPredict(JSON.stringify({ instances: [SETOSA, VIRGINICA, SETOSA] }));
    const body = response.json<{
      predictions: PredictionBody[];
      count: number;
      modelVersion: string;
    }>();

    expect(response.statusCode).toBe(200);
    expect(body.count).toBe(3);
    expect(body.predictions.map((prediction) => prediction.species)).toEqual([
      'setosa',
      'virginica',
      'setosa',
    ]);
    expect(body.modelVersion).toBe(training.artifact.version);
    for (const prediction of body.predictions) {
      expect(Math.abs(sumOf(prediction.probabilities) - 1)).toBeLessThan(1e-9);
    }
  });

  it('accepts a batch of the maximum size', async () => {
    const instances = Array.from({ length: MAX_BATCH_SIZE }, () => SETOSA);

    const response = await postPredict(JSON.stringify({ instances }));

    expect(response.statusCode).toBe(200);
    expect(response.json<{ count: number }>().count).toBe(MAX_BATCH_SIZE);
  });

  it('accepts boundary values 30 and 0.01', async () => {
    const response = await postPredict(
      JSON.stringify({ sepalLength: 30, sepalWidth: 0.01, petalLength: 30, petalWidth: 0.01 }),
    );

    expect(response.statusCode).toBe(200);
  });
});

const valid = SETOSA;
const batchOf = (count: number): { instances: (typeof SETOSA)[] } => ({
  instances: Array.from({ length: count }, () => valid),
});

interface BadInputCase {
  name: string;
  /** Sent as it is. */
  payload: string;
  /** Content-Type header; null sends none. Defaults to application/json. */
  contentType?: string | null;
  status: number;
  code: string;
  field?: string;
  rule?: string;
}

// prettier-ignore
const BAD_INPUT_CASES: BadInputCase[] = [
  { name: 'missing field', payload: JSON.stringify({ ...valid, sepalLength: undefined }), status: 400, code: 'VALIDATION_ERROR', field: '/sepalLength', rule: 'required' },
  { name: 'extra field', payload: JSON.stringify({ ...valid, colour: 'blue' }), status: 400, code: 'VALIDATION_ERROR', field: '/colour', rule: 'additionalProperties' },
  { name: 'number as string', payload: JSON.stringify({ ...valid, sepalWidth: '3.5' }), status: 400, code: 'VALIDATION_ERROR', field: '/sepalWidth', rule: 'type' },
  { name: 'null feature', payload: JSON.stringify({ ...valid, petalLength: null }), status: 400, code: 'VALIDATION_ERROR', field: '/petalLength', rule: 'type' },
  { name: 'zero value', payload: JSON.stringify({ ...valid, petalWidth: 0 }), status: 400, code: 'VALIDATION_ERROR', field: '/petalWidth', rule: 'exclusiveMinimum' },
  { name: 'negative value', payload: JSON.stringify({ ...valid, sepalLength: -1 }), status: 400, code: 'VALIDATION_ERROR', field: '/sepalLength', rule: 'exclusiveMinimum' },
  { name: 'value above 30', payload: JSON.stringify({ ...valid, sepalLength: 30.01 }), status: 400, code: 'VALIDATION_ERROR', field: '/sepalLength', rule: 'maximum' },
  { name: '1e400 parses to Infinity', payload: '{"sepalLength":1e400,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}', status: 400, code: 'VALIDATION_ERROR', field: '/sepalLength', rule: 'maximum' },
  { name: '-1e400 parses to -Infinity', payload: '{"sepalLength":5.1,"sepalWidth":-1e400,"petalLength":1.4,"petalWidth":0.2}', status: 400, code: 'VALIDATION_ERROR', field: '/sepalWidth', rule: 'exclusiveMinimum' },
  { name: 'empty batch', payload: JSON.stringify(batchOf(0)), status: 400, code: 'VALIDATION_ERROR', field: '/instances', rule: 'minItems' },
  { name: 'batch over 1000', payload: JSON.stringify(batchOf(MAX_BATCH_SIZE + 1)), status: 400, code: 'VALIDATION_ERROR', field: '/instances', rule: 'maxItems' },
  { name: 'bad sample in batch', payload: JSON.stringify({ instances: [valid, valid, valid, { ...valid, petalWidth: 31 }] }), status: 400, code: 'VALIDATION_ERROR', field: '/instances/3/petalWidth', rule: 'maximum' },
  { name: 'missing field in batch', payload: JSON.stringify({ instances: [{ ...valid, sepalWidth: undefined }] }), status: 400, code: 'VALIDATION_ERROR', field: '/instances/0/sepalWidth', rule: 'required' },
  { name: 'extra field beside instances', payload: JSON.stringify({ instances: [valid], model: 'x' }), status: 400, code: 'VALIDATION_ERROR', field: '/model', rule: 'additionalProperties' },
  { name: 'instances not an array', payload: JSON.stringify({ instances: valid }), status: 400, code: 'VALIDATION_ERROR', field: '/instances', rule: 'type' },
  { name: 'JSON null body', payload: 'null', status: 400, code: 'VALIDATION_ERROR', field: '/', rule: 'type' },
  { name: 'JSON array body', payload: '[]', status: 400, code: 'VALIDATION_ERROR', field: '/', rule: 'type' },
  { name: 'JSON string body', payload: '"hello"', status: 400, code: 'VALIDATION_ERROR', field: '/', rule: 'type' },
  { name: 'JSON number body', payload: '5.1', status: 400, code: 'VALIDATION_ERROR', field: '/', rule: 'type' },
  { name: 'empty object', payload: '{}', status: 400, code: 'VALIDATION_ERROR', field: '/petalWidth', rule: 'required' },
  { name: 'malformed JSON', payload: '{"sepalLength": 5.1,', status: 400, code: 'INVALID_JSON' },
  { name: 'NaN literal', payload: '{"sepalLength":NaN,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}', status: 400, code: 'INVALID_JSON' },
  { name: '__proto__ key', payload: '{"__proto__":{"polluted":true}}', status: 400, code: 'FORBIDDEN_PROPERTY', field: '/__proto__', rule: 'forbidden' },
  { name: 'empty body', payload: '', status: 400, code: 'EMPTY_BODY' },
  { name: 'text/plain', payload: JSON.stringify(valid), contentType: 'text/plain', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'form encoding', payload: 'sepalLength=5', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'no content type', payload: JSON.stringify(valid), contentType: null, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'body over 1 MiB', payload: JSON.stringify({ ...valid, padding: 'x'.repeat(1024 * 1024) }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
];

describe('POST /predict bad input', () => {
  it.each(BAD_INPUT_CASES)('$name gives $status $code', async (badInput) => {
    const contentType =
      badInput.contentType === undefined ? 'application/json' : badInput.contentType;

    const response = await postPredict(badInput.payload, contentType);
    const body = response.json<ErrorResponse>();

    expect(response.statusCode).toBe(badInput.status);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(body.statusCode).toBe(badInput.status);
    expect(body.code).toBe(badInput.code);
    expect(body.error).toMatch(/^[A-Z]/);
    expect(body.message.length).toBeGreaterThan(10);
    expect(Array.isArray(body.details)).toBe(true);

    if (badInput.field !== undefined) {
      expect(body.details).toContainEqual(
        expect.objectContaining({ field: badInput.field, rule: badInput.rule }),
      );
      expect(body.message).toContain(body.details[0]?.field);
      expect(body.message).toContain(body.details[0]?.rule);
    } else {
      expect(body.details).toEqual([]);
    }
  });

  it('reports every problem of a sample', async () => {
    const response = await postPredict(
      JSON.stringify({ sepalLength: '5', petalLength: 40, petalWidth: 0, extra: 1 }),
    );
    const body = response.json<ErrorResponse>();

    expect(response.statusCode).toBe(400);
    expect(body.details).toEqual(
      expect.arrayContaining([
        { field: '/sepalWidth', rule: 'required', message: 'is required' },
        { field: '/extra', rule: 'additionalProperties', message: 'is not an allowed property' },
        { field: '/sepalLength', rule: 'type', message: 'must be number' },
        { field: '/petalLength', rule: 'maximum', message: 'must be <= 30' },
        { field: '/petalWidth', rule: 'exclusiveMinimum', message: 'must be > 0' },
      ]),
    );
    expect(body.details).toHaveLength(5);
  });

  it('reports only batch errors for a batch', async () => {
    const response = await postPredict(
      JSON.stringify({ instances: [{ ...valid, petalWidth: 31 }] }),
    );
    const body = response.json<ErrorResponse>();

    expect(body.details).toEqual([
      { field: '/instances/0/petalWidth', rule: 'maximum', message: 'must be <= 30' },
    ]);
    expect(body.message).toBe(
      'Request body is invalid: /instances/0/petalWidth must be <= 30 (rule "maximum").',
    );
  });

  it('names the rejected content type', async () => {
    const response = await postPredict(JSON.stringify(valid), 'text/csv');

    expect(response.json<ErrorResponse>().message).toContain(
      'Content-Type "text/csv" is not supported',
    );
  });

  it('stays healthy after bad input', async () => {
    await postPredict('{"broken":');

    const response = await app.inject({ method: 'GET', url: '/health' });

    expect(response.statusCode).toBe(200);
  });
});

describe('other routes', () => {
  it('unknown route gives 404 JSON', async () => {
    const response = await app.inject({ method: 'GET', url: '/no-such-route?x=1' });
    const body = response.json<ErrorResponse>();

    expect(response.statusCode).toBe(404);
    expect(body).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
      code: 'NOT_FOUND',
      details: [],
    });
    expect(body.message).toContain('GET /no-such-route');
    expect(body.message).not.toContain('x=1');
  });

  it('GET /predict gives 405, not 5xx', async () => {
    const response = await app.inject({ method: 'GET', url: '/predict' });

    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('POST');
    expect(response.json<ErrorResponse>().code).toBe('METHOD_NOT_ALLOWED');
  });

  it('GET /health reports the model version', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    const body = response.json<{ status: string; modelVersion: string; uptimeSeconds: number }>();

    expect(response.statusCode).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.modelVersion).toBe(training.artifact.version);
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('GET /model returns the metrics file', async () => {
    const response = await app.inject({ method: 'GET', url: '/model' });
    const body = response.json<Record<string, unknown>>();

    expect(response.statusCode).toBe(200);
    expect(body).toEqual({
      name: 'iris-random-forest',
      version: training.artifact.version,
      trainedAt: training.metrics.trainedAt,
      algorithm: training.metrics.algorithm,
      seed: 42,
      features: ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'],
      classes: ['setosa', 'versicolor', 'virginica'],
      metrics: training.metrics,
    });
  });

  it('GET /metrics counts predictions', async () => {
    await postPredict(JSON.stringify({ instances: [VIRGINICA, VIRGINICA] }));

    const response = await app.inject({ method: 'GET', url: '/metrics' });
    const text = response.body;

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(/^iris_predictions_total\{species="virginica"\} ([2-9]|\d{2,})$/m);
    expect(text).toMatch(/^iris_predictions_total\{species="setosa"\} \d+$/m);
    expect(text).toMatch(
      /^iris_http_requests_total\{method="POST",route="\/predict",status_code="200"\} [1-9]\d*$/m,
    );
    expect(text).toMatch(
      /^iris_http_requests_total\{method="POST",route="\/predict",status_code="400"\} [1-9]\d*$/m,
    );
    expect(text).toContain('iris_http_request_duration_seconds_bucket{');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('GET /openapi.json documents /predict', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    const document = response.json<{
      openapi: string;
      paths: Record<
        string,
        Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>
      >;
    }>();

    expect(response.statusCode).toBe(200);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/health',
      '/metrics',
      '/model',
      '/predict',
    ]);
    const predict = document.paths['/predict']?.post;
    expect(predict?.requestBody).toBeDefined();
    expect(Object.keys(predict?.responses ?? {})).toEqual(['200', '4XX', '5XX']);
  });

  it('GET /docs serves the Swagger UI', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });

  it('GET / serves the form', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.body).toContain('<label for="sepal-length">Sepal length (cm)</label>');
    expect(response.body).toContain('role="status"');
    expect(response.body).not.toMatch(/https?:\/\//);
  });
});

describe('buildApp', () => {
  it('keeps metrics separate per app', async () => {
    const otherApp = await buildApp({ artifactsDir });
    try {
      await postPredict(JSON.stringify(SETOSA));

      const response = await otherApp.inject({ method: 'GET', url: '/metrics' });

      expect(response.body).toMatch(/^iris_predictions_total\{species="setosa"\} 0$/m);
    } finally {
      await otherApp.close();
    }
  });
});
