import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MAX_ERROR_DETAILS } from '../../systems-under-test/iris-api/src/schemas.ts';
import { SETOSA, buildTestApp } from './test-app.ts';
import type { ErrorResponse, TestApp } from './test-app.ts';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await buildTestApp();
});

afterAll(async () => {
  await testApp.close();
});

async function postPredict(payload: string) {
  return testApp.app.inject({
    method: 'POST',
    url: '/predict',
    headers: { 'content-type': 'application/json' },
    payload,
  });
}

describe('validation error details', () => {
  it('caps a batch of 1000 invalid samples', async () => {
    const instances = Array.from({ length: 1000 }, () => ({ ...SETOSA, sepalLength: 'x', k: 1 }));

    const response = await postPredict(JSON.stringify({ instances }));
    const body = response.json<ErrorResponse>();

    expect(response.statusCode).toBe(400);
    expect(body.code).toBe('VALIDATION_ERROR');
    expect(body.details).toHaveLength(MAX_ERROR_DETAILS);
    expect(body.details[0]).toEqual({
      field: '/instances/0/k',
      rule: 'additionalProperties',
      message: 'is not an allowed property',
    });
    expect(body.message).toBe(
      'Request body is invalid: /instances/0/k is not an allowed property (rule "additionalProperties"). ' +
        'details lists the first 20 of 2,000 problems, and 1,980 more are not shown. ' +
        'Fix these and resend to see the rest.',
    );
    expect(response.rawPayload.length).toBeLessThan(5000);
  });

  it('caps an object with 60,000 unknown keys', async () => {
    const body = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1]));

    const response = await postPredict(JSON.stringify(body));
    const error = response.json<ErrorResponse>();

    expect(response.statusCode).toBe(400);
    expect(error.details).toHaveLength(MAX_ERROR_DETAILS);
    expect(error.details[0]).toEqual({
      field: '/sepalLength',
      rule: 'required',
      message: 'is required',
    });
    expect(error.details[4]).toEqual({
      field: '/k0',
      rule: 'additionalProperties',
      message: 'is not an allowed property',
    });
    expect(error.message).toContain('first 20 of 60,004 problems, and 59,984 more are not shown');
    expect(response.rawPayload.length).toBeLessThan(5000);
  });

  it('lists all of exactly 20 problems', async () => {
    const instances = Array.from({ length: 5 }, () => ({}));

    const response = await postPredict(JSON.stringify({ instances }));
    const body = response.json<ErrorResponse>();

    expect(body.details).toHaveLength(20);
    expect(body.details[19]).toEqual({
      field: '/instances/4/petalWidth',
      rule: 'required',
      message: 'is required',
    });
    expect(body.message).toBe(
      'Request body is invalid: /instances/0/sepalLength is required (rule "required"). ' +
        '19 more problems are listed in details.',
    );
  });

  it('names one omitted problem of 21', async () => {
    const instances = [...Array.from({ length: 5 }, () => ({})), { ...SETOSA, petalWidth: 0 }];

    const response = await postPredict(JSON.stringify({ instances }));
    const body = response.json<ErrorResponse>();

    expect(body.details).toHaveLength(20);
    expect(body.message).toContain(
      'details lists the first 20 of 21 problems, and 1 more is not shown',
    );
  });

  it('reports only the sample branch for a sample', async () => {
    const response = await postPredict(JSON.stringify({ ...SETOSA, colour: 'blue' }));
    const body = response.json<ErrorResponse>();

    expect(body.details).toEqual([
      { field: '/colour', rule: 'additionalProperties', message: 'is not an allowed property' },
    ]);
  });
});
