import { expect, test } from '../../fixtures.ts';
import { errorSchema, healthSchema } from './contract.ts';

test.describe('vision service endpoints', () => {
  test('GET /health reports ok with its limits', { tag: '@VISION-001' }, async ({ visionApi }) => {
    const response = await visionApi.get('/health');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body).toMatchSchema(healthSchema);
  });

  test(
    'an unknown route gives 404 listing the routes',
    { tag: '@VISION-002' },
    async ({ visionApi }) => {
      const response = await visionApi.get('/images/sharpen');

      expect(response.status).toBe(404);
      expect(response.body).toMatchSchema(errorSchema);
      const body = response.body as { code: string; message: string };
      expect(body.code).toBe('NOT_FOUND');
      expect(body.message).toContain('POST /images/resize');
      expect(body.message).toContain('POST /scan');
    },
  );

  for (const path of ['/qr', '/scan', '/images/resize']) {
    test(
      `GET ${path} gives 405 with Allow: POST`,
      { tag: '@VISION-002' },
      async ({ visionApi }) => {
        const response = await visionApi.get(path);

        expect(response.status).toBe(405);
        expect(response.headers.allow).toBe('POST');
        expect(response.body).toMatchSchema(errorSchema);
        expect((response.body as { code: string }).code).toBe('METHOD_NOT_ALLOWED');
      },
    );
  }
});
