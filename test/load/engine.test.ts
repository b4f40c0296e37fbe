/**
 * The engine against a real node:http server on 127.0.0.1: every request is
 * recorded, with its latency in microseconds, its status, its tags and its checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { recordedValues } from '../../framework/load/histogram.ts';
import {
  buildSummary,
  decodeHistogram,
  formatSummary,
  thresholdFailureMessage,
  rampSlices,
  runEngine,
  validateScenario,
  type LoadScenario,
} from '../../framework/load/index.ts';
import { startTestServer, type TestServer } from './http-fixture.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

function run(scenario: LoadScenario) {
  const validated = validateScenario('fixture/test', 'fixture', scenario);
  return runEngine(validated, server.baseURL).then((result) => ({
    result,
    summary: buildSummary(validated, result, {
      startedAt: new Date(),
      machine: 'test',
      profile: 'full',
    }),
  }));
}

describe('load engine', () => {
  it('records every request of a fixed count at microsecond resolution', async () => {
    server.counts.clear();
    const { summary } = await run({
      executor: 'constant-vus',
      vus: 2,
      iterations: 200,
      requests: [{ name: 'fast', path: '/fast' }],
    });

    expect(summary.requests).toBe(200);
    expect(server.counts.get('/fast')).toBe(200);
    expect(summary.statusCodes).toEqual({ '200': 200 });
    expect(summary.errors).toBe(0);
    // autocannon's own histogram would hold whole milliseconds only.
    const values = recordedValues(decodeHistogram(summary.histogram)).map(([value]) => value);
    expect(values.some((value) => value % 1_000 !== 0)).toBe(true);
    expect(summary.latencyUs.min).toBeGreaterThan(0);
    expect(summary.tags['name:fast']?.requests).toBe(200);
    expect(summary.bytesReceived).toBeGreaterThan(200 * 'ok'.length);
  });

  it('counts failures by status, checks and tags in a weighted mix', async () => {
    const { summary } = await run({
      executor: 'constant-vus',
      vus: 1,
      iterations: 40,
      tags: { suite: 'engine' },
      requests: [
        {
          name: 'json',
          path: '/json',
          weight: 3,
          tags: { endpoint: 'json' },
          checks: {
            'status is 200': (response) => response.status === 200,
            'is setosa': (response) =>
              (response.json() as { species: string }).species === 'setosa',
            'has header': (response) => response.headers['x-served-by'] === 'fixture',
          },
        },
        {
          name: 'fail',
          path: '/fail',
          checks: { 'status is 200': (response) => response.status === 200 },
        },
      ],
    });

    expect(summary.requests).toBe(40);
    expect(summary.statusCodes).toEqual({ '200': 30, '500': 10 });
    expect(summary.errors).toBe(10);
    expect(summary.errorsByKind).toEqual({ 'status 500': 10 });
    expect(summary.checks).toEqual({
      'has header': { passes: 30, fails: 0 },
      'is setosa': { passes: 30, fails: 0 },
      'status is 200': { passes: 30, fails: 10 },
    });
    expect(summary.tags['endpoint:json']).toMatchObject({ requests: 30, errors: 0 });
    expect(summary.tags['name:fail']).toMatchObject({ requests: 10, errors: 10 });
    expect(summary.tags['suite:engine']?.requests).toBe(40);
  });

  it('builds each request anew with build()', async () => {
    server.counts.clear();
    const { summary } = await run({
      executor: 'constant-vus',
      vus: 1,
      iterations: 12,
      requests: [
        {
          name: 'alternating',
          path: '/fast',
          build: (iteration) => ({ path: iteration % 2 === 0 ? '/fast' : '/json' }),
        },
      ],
    });

    expect(summary.requests).toBe(12);
    expect((server.counts.get('/fast') ?? 0) + (server.counts.get('/json') ?? 0)).toBe(12);
    expect(server.counts.get('/json')).toBeGreaterThanOrEqual(5);
  });

  it('sends no more than the arrival rate allows', async () => {
    server.counts.clear();
    const { summary } = await run({
      executor: 'constant-arrival-rate',
      rate: 40,
      duration: '2s',
      preAllocatedVUs: 4,
      requests: [{ name: 'slow', path: '/slow' }],
      thresholds: { dropped_iterations: ['count==0'] },
    });

    // Arrivals are due every 25 ms from the start; each counted response had one.
    expect(summary.requests).toBeGreaterThan(0);
    expect(summary.requests).toBeLessThanOrEqual(Math.floor((summary.durationMs / 1_000) * 40) + 1);
    expect(server.counts.get('/slow')).toBeGreaterThanOrEqual(summary.requests);
    expect(summary.executor).toBe('constant-arrival-rate');
    expect(summary.thresholds[0]?.metric).toBe('dropped_iterations');
  });

  it('counts connection errors by kind', async () => {
    const closed = await startTestServer();
    const baseURL = closed.baseURL;
    await closed.close();
    const validated = validateScenario('fixture/refused', 'fixture', {
      executor: 'constant-vus',
      vus: 1,
      duration: '1s',
      requests: [{ name: 'fast', path: '/fast' }],
    });

    const result = await runEngine(validated, baseURL);

    expect(result.recorder.errorsByKind.get('ECONNREFUSED')).toBeGreaterThan(0);
    expect(result.recorder.total.failed).toBe(result.recorder.total.requests);
  });

  it('stops early when an abortOnFail threshold breaks', async () => {
    const { summary, result } = await run({
      executor: 'constant-vus',
      vus: 1,
      duration: '30s',
      requests: [{ name: 'fail', path: '/fail' }],
      thresholds: { http_req_failed: [{ threshold: 'rate<0.5', abortOnFail: true }] },
    });

    expect(result.aborted?.threshold.expression).toBe('rate<0.5');
    expect(summary.aborted).toMatchObject({ metric: 'http_req_failed', expression: 'rate<0.5' });
    expect(summary.durationMs).toBeLessThan(30_000);
    expect(summary.thresholds[0]).toMatchObject({ pass: false, actual: 1 });
  });
});

describe('run verdicts', () => {
  it('marks a run unreliable above the generator CPU limit', async () => {
    const { summary } = await run({
      executor: 'constant-vus',
      vus: 1,
      iterations: 20,
      // Any work at all passes a limit of a thousandth of a percent of a core.
      generatorCpuLimit: 0.001,
      requests: [{ name: 'fast', path: '/fast' }],
    });

    expect(summary.reliable).toBe(false);
    expect(summary.generator.cpuLimitPercent).toBe(0.001);
    expect(summary.unreliableReason).toMatch(
      /^the load generator used \d+ % of a core, above its limit of 0.001 %/,
    );
    expect(formatSummary(summary)).toContain('UNRELIABLE: the load generator used');
  });

  it('fails a test with the message the reporters expect', async () => {
    const { summary } = await run({
      executor: 'constant-vus',
      vus: 1,
      iterations: 10,
      requests: [{ name: 'fast', path: '/fast' }],
      thresholds: { http_req_duration: ['max<0.001'], http_reqs: ['count==10'] },
    });

    expect(summary.thresholds.map((threshold) => threshold.pass)).toEqual([false, true]);
    expect(thresholdFailureMessage(summary)).toMatch(
      /^Load threshold broken in "fixture\/test": http_req_duration max<0\.001: actual [\d.]+ ms, limit 0\.001 ms, off by [\d.]+ ms/,
    );
  });
});

describe('ramping-vus slices', () => {
  it('moves linearly through the stages, one slice per second', () => {
    const slices = rampSlices(0, [
      { duration: '4s', target: 8 },
      { duration: '2s', target: 8 },
      { duration: '2s', target: 0 },
    ]);

    expect(slices.map((slice) => slice.vus)).toEqual([2, 4, 6, 8, 8, 8, 4, 0]);
    expect(slices.every((slice) => slice.ms === 1_000)).toBe(true);
  });
});
