import { expect, test } from '../../dashboard-fixtures.ts';
import { errorSchema } from './contract.ts';

test.describe('dashboard API bad input', () => {
  test('every invalid filter is named', { tag: '@DASHBOARD-011' }, async ({ dashboardApi }) => {
    const response = await dashboardApi
      .get('/api/overview')
      .query({ from: '2026-02-30', to: '2027-01-01', segment: 'vip', metric: 'profit' });

    expect(response.status).toBe(400);
    expect(response.body).toMatchSchema(errorSchema);
    expect((response.body as { problems: string[] }).problems).toEqual([
      'Invalid "from" value "2026-02-30": expected a date as YYYY-MM-DD, for example 2026-01-01.',
      '"to" value 2027-01-01 is outside the data set: choose a date from 2026-01-01 to 2026-06-29.',
      'Invalid "segment" value "vip": expected all, retail, smb, enterprise.',
      'Invalid "metric" value "profit": expected one of revenue, orders, sessions, conversion.',
    ]);
  });

  test('reversed range is rejected', { tag: '@DASHBOARD-011' }, async ({ dashboardApi }) => {
    const response = await dashboardApi
      .get('/api/ab-test')
      .query({ from: '2026-05-01', to: '2026-04-01' });

    expect(response.status).toBe(400);
    expect((response.body as { message: string }).message).toBe(
      '"from" (2026-05-01) is after "to" (2026-04-01): swap them or move "from" earlier.',
    );
  });

  const invalidParameters = [
    {
      path: '/api/segments',
      query: { k: '12' },
      message: 'Invalid "k" value "12": expected a whole number from 2 to 8.',
    },
    {
      path: '/api/forecast',
      query: { holdout: '3' },
      message: 'Invalid "holdout" value "3": expected a whole number from 7 to 28.',
    },
    {
      path: '/api/forecast',
      query: { from: '2026-06-10' },
      message:
        'The date range holds 20 days, but a forecast with a 14-day holdout needs at least 28',
    },
    {
      path: '/api/recommendations',
      query: { item: 'item-99' },
      message: 'Unknown "item" value "item-99"',
    },
    {
      path: '/api/live/readings',
      query: { sensor: 'line-9' },
      message: 'Invalid "sensor" value "line-9": expected one of line-1, line-2.',
    },
    {
      path: '/api/ab-test',
      query: { from: '2026-06-29', segment: 'enterprise' },
      message: 'but the t-test needs at least 2 in each',
    },
  ];
  for (const { path, query, message } of invalidParameters) {
    test(
      `${path} rejects ${JSON.stringify(query)}`,
      { tag: '@DASHBOARD-012' },
      async ({ dashboardApi }) => {
        const response = await dashboardApi.get(path).query(query);

        expect(response.status).toBe(400);
        expect(response.body).toMatchSchema(errorSchema);
        expect((response.body as { message: string }).message).toContain(message);
      },
    );
  }

  test('unknown path is a JSON 404', { tag: '@DASHBOARD-012' }, async ({ dashboardApi }) => {
    const response = await dashboardApi.get('/api/unknown');

    expect(response.status).toBe(404);
    expect(response.body).toMatchSchema(errorSchema);
  });
});
