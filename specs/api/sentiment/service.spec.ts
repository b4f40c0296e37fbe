import { expect, test } from '../../fixtures.ts';
import { errorSchema, healthSchema } from './contract.ts';
import type { ErrorResponse } from './contract.ts';

test.describe('sentiment service endpoints', () => {
  test('GET /health reports ok', { tag: '@SENTIMENT-018' }, async ({ sentimentApi }) => {
    const response = await sentimentApi.get('/health');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body).toMatchSchema(healthSchema);
  });

  test('unknown route gives 404 JSON', { tag: '@SENTIMENT-019' }, async ({ sentimentApi }) => {
    const response = await sentimentApi.get('/no-such-route');

    expect(response.status).toBe(404);
    expect(response.body).toMatchSchema(errorSchema);
    expect((response.body as ErrorResponse).code).toBe('NOT_FOUND');
    expect((response.body as ErrorResponse).message).toContain('POST /sentiment');
  });

  test(
    'GET /sentiment gives 405 with Allow',
    { tag: '@SENTIMENT-019' },
    async ({ sentimentApi }) => {
      const response = await sentimentApi.get('/sentiment');

      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('POST');
      expect(response.body).toMatchSchema(errorSchema);
      expect((response.body as ErrorResponse).code).toBe('METHOD_NOT_ALLOWED');
    },
  );

  test('malformed path gives 400 JSON', { tag: '@SENTIMENT-019' }, async ({ sentimentApi }) => {
    const response = await sentimentApi.get('/%zz');

    expect(response.status).toBe(400);
    expect(response.body).toMatchSchema(errorSchema);
    expect((response.body as ErrorResponse).code).toBe('BAD_URL');
  });

  test('page is served with a strict CSP', { tag: '@SENTIMENT-019' }, async ({ sentimentApi }) => {
    const response = await sentimentApi.get('/');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.text).toContain('<label for="text">Sentence</label>');
  });
});
