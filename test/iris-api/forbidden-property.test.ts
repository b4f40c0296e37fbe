import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { SETOSA, buildTestApp } from './test-app.ts';
import type { ErrorResponse, TestApp } from './test-app.ts';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await buildTestApp();
});

afterAll(async () => {
  await testApp.close();
});

afterEach(() => {
  // A polluted prototype would leak into every later test, so each test checks it.
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

async function postPredict(payload: string | Buffer) {
  return testApp.app.inject({
    method: 'POST',
    url: '/predict',
    headers: { 'content-type': 'application/json' },
    payload,
  });
}

const SAMPLE_FIELDS = JSON.stringify(SETOSA).slice(1, -1);

// prettier-ignore
const FORBIDDEN_CASES: { name: string; payload: string; field: string }[] = [
  { name: '__proto__ alone', payload: '{"__proto__":{"polluted":true}}', field: '/__proto__' },
  { name: '__proto__ beside a sample', payload: `{${SAMPLE_FIELDS},"__proto__":{"polluted":true}}`, field: '/__proto__' },
  { name: '__proto__ in a batch sample', payload: `{"instances":[{${SAMPLE_FIELDS}},{${SAMPLE_FIELDS},"__proto__":{"polluted":true}}]}`, field: '/instances/1/__proto__' },
  { name: 'escaped __proto__', payload: '{"\\u005f_proto__":{"polluted":true}}', field: '/__proto__' },
  { name: 'constructor.prototype', payload: '{"constructor":{"prototype":{"polluted":true}}}', field: '/constructor/prototype' },
  { name: 'nested under a slash key', payload: '{"a/b":{"__proto__":{"polluted":true}}}', field: '/a~1b/__proto__' },
];

describe('forbidden properties', () => {
  it.each(FORBIDDEN_CASES)('$name gives 400 FORBIDDEN_PROPERTY', async ({ payload, field }) => {
    const response = await postPredict(payload);
    const body = response.json<ErrorResponse>();

    expect(response.statusCode).toBe(400);
    expect(body.code).toBe('FORBIDDEN_PROPERTY');
    expect(body.details).toEqual([
      { field, rule: 'forbidden', message: 'is a forbidden property name' },
    ]);
    expect(body.message).toContain(`property ${field}`);
  });

  it('allows a constructor key without prototype', async () => {
    const response = await postPredict(`{${SAMPLE_FIELDS},"constructor":1}`);
    const body = response.json<ErrorResponse>();

    expect(response.statusCode).toBe(400);
    expect(body.code).toBe('VALIDATION_ERROR');
    expect(body.details[0]).toMatchObject({ field: '/constructor', rule: 'additionalProperties' });
  });
});

describe('JSON body parser', () => {
  it('accepts a leading byte order mark', async () => {
    const response = await postPredict(`\uFEFF${JSON.stringify(SETOSA)}`);

    expect(response.statusCode).toBe(200);
  });

  it('rejects bytes that are not UTF-8', async () => {
    const payload = Buffer.concat([
      Buffer.from('{"sepalLength":5.1,"x'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('":1}'),
    ]);

    const response = await postPredict(payload);
    const body = response.json<ErrorResponse>();

    expect(response.statusCode).toBe(400);
    expect(body.code).toBe('INVALID_JSON');
    expect(body.message).toContain('not valid UTF-8');
  });

  it('names the syntax error of malformed JSON', async () => {
    const response = await postPredict('{"sepalLength": 5.1,');
    const body = response.json<ErrorResponse>();

    expect(body.code).toBe('INVALID_JSON');
    expect(body.message).toMatch(/^Request body is not valid JSON \(.+\)\. Send a JSON object/);
  });
});
