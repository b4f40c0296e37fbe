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

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

// prettier-ignore
const NOT_ALLOWED: { method: Method; url: string; allow: string }[] = [
  { method: 'GET', url: '/predict', allow: 'POST' },
  { method: 'PUT', url: '/predict', allow: 'POST' },
  { method: 'PATCH', url: '/predict', allow: 'POST' },
  { method: 'DELETE', url: '/predict', allow: 'POST' },
  { method: 'OPTIONS', url: '/predict', allow: 'POST' },
  { method: 'GET', url: '/predict?debug=1', allow: 'POST' },
  { method: 'POST', url: '/health', allow: 'GET, HEAD' },
  { method: 'DELETE', url: '/model', allow: 'GET, HEAD' },
  { method: 'POST', url: '/metrics', allow: 'GET, HEAD' },
  { method: 'PUT', url: '/openapi.json', allow: 'GET, HEAD' },
  { method: 'POST', url: '/', allow: 'GET, HEAD' },
  { method: 'POST', url: '/app.js', allow: 'GET, HEAD' },
  { method: 'POST', url: '/docs/', allow: 'GET, HEAD' },
  { method: 'DELETE', url: '/docs/static/index.html', allow: 'GET, HEAD' },
];

describe('method not allowed', () => {
  it.each(NOT_ALLOWED)(
    '$method $url gives 405 with Allow: $allow',
    async ({ method, url, allow }) => {
      const response = await testApp.app.inject({ method, url });
      const body = response.json<ErrorResponse>();
      const path = url.split('?')[0];

      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toBe(allow);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(body).toEqual({
        statusCode: 405,
        error: 'Method Not Allowed',
        code: 'METHOD_NOT_ALLOWED',
        message: `Method ${method} is not allowed on ${path}. Allowed methods: ${allow}.`,
        details: [],
      });
    },
  );

  it('HEAD /predict gives 405 without a body', async () => {
    // app.inject keeps the body of a HEAD response, so this goes through Node's HTTP server.
    const raw = 'HEAD /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';

    const text = await sendRawRequest(testApp.app, raw);
    const response = parseRawResponse(text);

    expect(response.statusCode).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
  });

  it('rejects the method before reading the body', async () => {
    const response = await testApp.app.inject({
      method: 'PUT',
      url: '/predict',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken":',
    });

    expect(response.statusCode).toBe(405);
    expect(response.json<ErrorResponse>().code).toBe('METHOD_NOT_ALLOWED');
  });

  it.each(['/no-such-route', '/predict/extra', '/health/'])(
    'POST %s still gives 404',
    async (url) => {
      const response = await testApp.app.inject({ method: 'POST', url });

      expect(response.statusCode).toBe(404);
      expect(response.headers.allow).toBeUndefined();
      expect(response.json<ErrorResponse>().code).toBe('NOT_FOUND');
    },
  );
});

describe('allowed methods still work', () => {
  it.each([
    ['GET', '/'],
    ['HEAD', '/'],
    ['GET', '/app.js'],
    ['GET', '/styles.css'],
    ['GET', '/health'],
    ['HEAD', '/health'],
    ['HEAD', '/model'],
    ['GET', '/docs/'],
  ] as const)('%s %s gives 200', async (method, url) => {
    const response = await testApp.app.inject({ method, url });

    expect(response.statusCode).toBe(200);
  });

  it('POST /predict gives 200', async () => {
    const response = await testApp.app.inject({ method: 'POST', url: '/predict', payload: SETOSA });

    expect(response.statusCode).toBe(200);
  });
});
