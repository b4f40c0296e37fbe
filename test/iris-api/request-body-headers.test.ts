import { gzipSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SETOSA, buildTestApp } from './test-app.ts';
import type { ErrorResponse, TestApp } from './test-app.ts';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await buildTestApp();
});

afterAll(async () => {
  await testApp.close();
});

const SAMPLE_JSON = JSON.stringify(SETOSA);

async function postPredict(
  headers: Record<string, string>,
  payload: string | Buffer = SAMPLE_JSON,
) {
  return testApp.app.inject({ method: 'POST', url: '/predict', headers, payload });
}

describe('Content-Type charset', () => {
  it.each(['utf-16', 'UTF-16LE', 'iso-8859-1', 'us-ascii', ''])(
    'charset=%s gives 415 naming it',
    async (charset) => {
      const response = await postPredict({
        'content-type': `application/json; charset=${charset}`,
      });
      const body = response.json<ErrorResponse>();

      expect(response.statusCode).toBe(415);
      expect(body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(body.details).toEqual([]);
      expect(body.message).toContain(`Charset "${charset.toLowerCase()}"`);
      expect(body.message).toContain('UTF-8');
    },
  );

  it('rejects a body encoded as UTF-16', async () => {
    const response = await postPredict(
      { 'content-type': 'application/json; charset=utf-16le' },
      Buffer.from(SAMPLE_JSON, 'utf16le'),
    );

    expect(response.statusCode).toBe(415);
    expect(response.json<ErrorResponse>().message).toContain('"utf-16le"');
  });

  it.each([
    'application/json; charset=utf-8',
    'application/json; charset=UTF-8',
    'application/json;charset="utf-8"',
    'Application/JSON; Charset=utf-8',
    'application/json',
  ])('accepts %s', async (contentType) => {
    const response = await postPredict({ 'content-type': contentType });

    expect(response.statusCode).toBe(200);
  });

  it('keeps the media type message for text/plain', async () => {
    const response = await postPredict({ 'content-type': 'text/plain; charset=utf-16' });

    expect(response.statusCode).toBe(415);
    expect(response.json<ErrorResponse>().message).toContain(
      'Content-Type "text/plain; charset=utf-16" is not supported',
    );
  });
});

describe('Content-Encoding', () => {
  it('rejects a gzip body with 415', async () => {
    const response = await postPredict(
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      gzipSync(SAMPLE_JSON),
    );
    const body = response.json<ErrorResponse>();

    expect(response.statusCode).toBe(415);
    expect(response.headers['accept-encoding']).toBe('identity');
    expect(body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(body.details).toEqual([]);
    expect(body.message).toContain('Content-Encoding "gzip" is not supported');
  });

  it.each(['gzip', 'br', 'deflate', 'x-custom', 'identity, gzip'])(
    'rejects plain JSON labelled %s',
    async (encoding) => {
      const response = await postPredict({
        'content-type': 'application/json',
        'content-encoding': encoding,
      });

      expect(response.statusCode).toBe(415);
      expect(response.json<ErrorResponse>().message).toContain(`"${encoding}"`);
    },
  );

  it.each(['identity', 'IDENTITY'])('accepts Content-Encoding %s', async (encoding) => {
    const response = await postPredict({
      'content-type': 'application/json',
      'content-encoding': encoding,
    });

    expect(response.statusCode).toBe(200);
  });

  it('ignores Content-Encoding on a GET without body', async () => {
    const response = await testApp.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'content-encoding': 'gzip' },
    });

    expect(response.statusCode).toBe(200);
  });
});
