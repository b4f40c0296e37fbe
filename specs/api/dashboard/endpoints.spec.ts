import { expect, test } from '../../dashboard-fixtures.ts';
import {
  abTestSchema,
  forecastSchema,
  healthSchema,
  metaSchema,
  overviewSchema,
  readingsSchema,
  recommendationsSchema,
  segmentsSchema,
} from './contract.ts';

test.describe('dashboard API endpoints', () => {
  test('GET /health reports ok', { tag: '@DASHBOARD-001' }, async ({ dashboardApi }) => {
    const response = await dashboardApi.get('/health');

    expect(response.status).toBe(200);
    expect(response.body).toMatchSchema(healthSchema);
  });

  test(
    'GET /api/meta describes the data set',
    { tag: '@DASHBOARD-002' },
    async ({ dashboardApi }) => {
      const response = await dashboardApi.get('/api/meta');

      expect(response.status).toBe(200);
      expect(response.body).toMatchSchema(metaSchema);
      const meta = response.body as {
        firstDay: string;
        lastDay: string;
        customers: number;
        segments: { id: string }[];
      };
      expect(meta.firstDay).toBe('2026-01-01');
      expect(meta.lastDay).toBe('2026-06-29');
      expect(meta.customers).toBe(900);
      expect(meta.segments.map((segment) => segment.id)).toEqual(['retail', 'smb', 'enterprise']);
    },
  );

  test(
    'GET /api/overview matches its schema',
    { tag: '@DASHBOARD-003' },
    async ({ dashboardApi }) => {
      const response = await dashboardApi.get('/api/overview');

      expect(response.status).toBe(200);
      expect(response.body).toMatchSchema(overviewSchema);
      const body = response.body as {
        customerCount: number;
        trend: unknown[];
        correlations: { matrix: number[][] };
      };
      expect(body.customerCount).toBe(900);
      expect(body.trend).toHaveLength(180);
      body.correlations.matrix.forEach((row, index) => expect(row[index]).toBeCloseTo(1, 10));
    },
  );

  test(
    'GET /api/ab-test matches its schema',
    { tag: '@DASHBOARD-004' },
    async ({ dashboardApi }) => {
      const response = await dashboardApi.get('/api/ab-test').query({ metric: 'conversion' });

      expect(response.status).toBe(200);
      expect(response.body).toMatchSchema(abTestSchema);
    },
  );

  test(
    'GET /api/segments matches its schema',
    { tag: '@DASHBOARD-005' },
    async ({ dashboardApi }) => {
      const response = await dashboardApi.get('/api/segments').query({ k: 3 });

      expect(response.status).toBe(200);
      expect(response.body).toMatchSchema(segmentsSchema);
      const body = response.body as {
        customers: number;
        profiles: { customers: number }[];
        points: unknown[];
      };
      expect(body.profiles).toHaveLength(3);
      expect(body.points).toHaveLength(body.customers);
      expect(body.profiles.reduce((sum, profile) => sum + profile.customers, 0)).toBe(
        body.customers,
      );
    },
  );

  test(
    'GET /api/forecast matches its schema',
    { tag: '@DASHBOARD-006' },
    async ({ dashboardApi }) => {
      const response = await dashboardApi.get('/api/forecast').query({ metric: 'orders' });

      expect(response.status).toBe(200);
      expect(response.body).toMatchSchema(forecastSchema);
    },
  );

  test(
    'GET /api/recommendations matches its schema',
    { tag: '@DASHBOARD-007' },
    async ({ dashboardApi }) => {
      const response = await dashboardApi
        .get('/api/recommendations')
        .query({ item: 'item-09', count: 4 });

      expect(response.status).toBe(200);
      expect(response.body).toMatchSchema(recommendationsSchema);
      const body = response.body as { item: { name: string }; similar: { similarity: number }[] };
      expect(body.item.name).toBe('Tent');
      expect(body.similar).toHaveLength(4);
      const similarities = body.similar.map((item) => item.similarity);
      expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
    },
  );

  test(
    'GET /api/live/readings matches its schema',
    { tag: '@DASHBOARD-008' },
    async ({ dashboardApi }) => {
      const response = await dashboardApi
        .get('/api/live/readings')
        .query({ sensor: 'line-2', count: 60 });

      expect(response.status).toBe(200);
      expect(response.body).toMatchSchema(readingsSchema);
      const readings = (response.body as { readings: { index: number; z: number | null }[] })
        .readings;
      expect(readings.map((reading) => reading.index)).toEqual([...Array(60).keys()]);
      // The rolling window contains 30 readings, so the first 30 have no score.
      expect(readings.filter((reading) => reading.z === null)).toHaveLength(30);
    },
  );

  test(
    'ECharts is served by the dashboard itself',
    { tag: '@DASHBOARD-016' },
    async ({ dashboardApi }) => {
      const page = await dashboardApi.get('/overview');
      const script = await dashboardApi.get('/vendor/echarts.min.js');

      expect(page.status).toBe(200);
      expect(page.text).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(script.status).toBe(200);
      expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    },
  );
});
