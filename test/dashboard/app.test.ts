import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../../systems-under-test/dashboard/src/app.ts';

describe('dashboard app', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('serves the page for every view path', async () => {
    for (const url of ['/', '/overview', '/live']) {
      const response = await app.inject({ url });

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.body).toContain('<script src="/vendor/echarts.min.js" defer></script>');
    }
  });

  it('serves ECharts from node_modules', async () => {
    const response = await app.inject({ url: '/vendor/echarts.min.js' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.body.length).toBeGreaterThan(500_000);
  });

  it('answers an invalid filter with 400 and every problem', async () => {
    const response = await app.inject({ url: '/api/overview?from=yesterday&metric=profit' });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid-request' });
    expect(response.json<{ problems: string[] }>().problems).toHaveLength(2);
  });

  it('answers an unknown path with 404', async () => {
    const response = await app.inject({ url: '/api/nothing?x=1' });

    expect(response.statusCode).toBe(404);
    expect(response.json<{ message: string }>().message).toBe(
      'No route for GET /api/nothing: GET /api/meta lists what the API serves.',
    );
  });

  it('streams readings as server-sent events', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${address}/api/live/stream?interval=20&limit=3&start=36`);
    const text = await response.text();

    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = text.split('\n\n').filter((block) => block.includes('event: reading'));
    expect(events.map((block) => /^id: (\d+)$/m.exec(block)![1])).toEqual(['36', '37', '38']);
    expect(events[1]).toContain('"anomaly":true');
    expect(text).toContain('event: end');
  });
});
