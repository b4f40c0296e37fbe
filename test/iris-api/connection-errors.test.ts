import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseRawResponse, sendRawRequest } from './raw-http.ts';
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
const HEAD = 'POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n';

// prettier-ignore
const MALFORMED_REQUESTS: { name: string; raw: string; parserCode: string }[] = [
  { name: 'Content-Length shorter than the body', raw: `${HEAD}Content-Length: 5\r\n\r\n${SAMPLE_JSON}`, parserCode: 'HPE_INVALID_METHOD' },
  { name: 'Content-Length with Transfer-Encoding', raw: `${HEAD}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n0\r\n\r\n`, parserCode: 'HPE_INVALID_TRANSFER_ENCODING' },
  { name: 'bad chunk size', raw: `${HEAD}Transfer-Encoding: chunked\r\n\r\nzz\r\n${SAMPLE_JSON}\r\n0\r\n\r\n`, parserCode: 'HPE_INVALID_CHUNK_SIZE' },
  { name: 'two Content-Length values', raw: `${HEAD}Content-Length: 5\r\nContent-Length: 6\r\n\r\n{"a":1}`, parserCode: 'HPE_UNEXPECTED_CONTENT_LENGTH' },
];

describe('HTTP parser errors', () => {
  it.each(MALFORMED_REQUESTS)('$name gives 400 BAD_REQUEST JSON', async ({ raw, parserCode }) => {
    const response = parseRawResponse(await sendRawRequest(testApp.app, raw));
    const body = JSON.parse(response.body) as ErrorResponse;

    expect(response.statusCode).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('connection')).toBe('close');
    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'BAD_REQUEST',
      message: expect.stringContaining(`Malformed HTTP request (${parserCode}: `) as string,
      details: [],
    });
  });

  it('oversized headers give 431 JSON', async () => {
    const raw = `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${'x'.repeat(20_000)}\r\n\r\n`;

    const response = parseRawResponse(await sendRawRequest(testApp.app, raw));
    const body = JSON.parse(response.body) as ErrorResponse;

    expect(response.statusCode).toBe(431);
    expect(body.code).toBe('REQUEST_HEADER_FIELDS_TOO_LARGE');
    expect(body.details).toEqual([]);
  });

  it('well-formed request still works', async () => {
    const raw = 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';

    const response = parseRawResponse(await sendRawRequest(testApp.app, raw));

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'ok' });
  });
});

describe('router errors', () => {
  it.each(['/%zz', '/predict%', '/docs/%E0%A4%A'])('%s gives 400 BAD_URL', async (url) => {
    const response = await testApp.app.inject({ method: 'GET', url });
    const body = response.json<ErrorResponse>();

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'BAD_URL',
      message: `URL path "${url}" is not valid: a % must start a percent-encoded byte such as %20. Encode a literal % as %25.`,
      details: [],
    });
  });
});
