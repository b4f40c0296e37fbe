import { expect, test } from '../../fixtures.ts';
import { healthSchema } from './contract.ts';
import { TYPICAL_SAMPLES } from './samples.ts';

/** Reads one sample value from Prometheus text exposition, or undefined when absent. */
function sampleValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test.describe('service endpoints', () => {
  test('GET /health reports ok', { tag: '@IRIS-022' }, async ({ irisApi }) => {
    const response = await irisApi.get('/health');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.body).toMatchSchema(healthSchema);
  });

  test('GET /metrics counts predictions', { tag: '@IRIS-023' }, async ({ irisApi }) => {
    const series = 'iris_predictions_total{species="virginica"}';
    const before = sampleValue((await irisApi.get('/metrics')).text, series) ?? 0;

    for (let index = 0; index < 3; index++) {
      expect((await irisApi.post('/predict').send(TYPICAL_SAMPLES.virginica)).status).toBe(200);
    }
    const response = await irisApi.get('/metrics');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.text).toContain('# TYPE iris_predictions_total counter');
    expect(response.text).toContain('# TYPE iris_http_request_duration_seconds histogram');
    // Other workers may predict at the same time, so the counter grows by at least three.
    expect(sampleValue(response.text, series)).toBeGreaterThanOrEqual(before + 3);
  });

  test('GET /metrics histogram is consistent', { tag: '@IRIS-024' }, async ({ irisApi }) => {
    await irisApi.get('/health');

    const text = (await irisApi.get('/metrics')).text;
    const buckets = text
      .split('\n')
      .filter(
        (line) =>
          line.startsWith('iris_http_request_duration_seconds_bucket{') &&
          line.includes('route="/health"'),
      )
      .map((line) => Number(line.split(' ').pop()));

    expect(buckets.length).toBeGreaterThan(1);
    // Prometheus buckets are cumulative, so counts never fall as `le` grows.
    for (let index = 1; index < buckets.length; index++) {
      expect(buckets[index]).toBeGreaterThanOrEqual(buckets[index - 1]!);
    }
  });

  test('GET /openapi.json describes the routes', { tag: '@IRIS-025' }, async ({ irisApi }) => {
    const response = await irisApi.get('/openapi.json');

    expect(response.status).toBe(200);
    const document = response.body as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/predict', '/model', '/health', '/metrics']),
    );
    expect(Object.keys(document.paths['/predict']!)).toContain('post');
  });

  test('GET /docs serves the API docs page', { tag: '@IRIS-026' }, async ({ irisApi }) => {
    const response = await irisApi.get('/docs/').redirects(2);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });

  test(
    "GET / sends the page's Content-Security-Policy",
    { tag: '@IRIS-045' },
    async ({ irisApi }) => {
      const response = await irisApi.get('/');

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      const policy = String(response.headers['content-security-policy'] ?? '');
      const directives = new Map(
        policy
          .split(';')
          .map((directive) => directive.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values.join(' ')] as const),
      );
      expect(directives.get('default-src')).toBe("'self'");
      expect(directives.get('script-src')).toBe("'self'");
      expect(directives.get('connect-src')).toBe("'self'");
      expect(directives.get('frame-ancestors')).toBe("'none'");
    },
  );
});
