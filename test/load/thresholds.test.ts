import { describe, expect, it } from 'vitest';

import {
  createLatencyHistogram,
  describeBrokenThreshold,
  parseThresholds,
  recordLatency,
  ThresholdError,
} from '../../framework/load/index.ts';
import { evaluateThreshold, type ThresholdSource } from '../../framework/load/thresholds.ts';

const TAGS = new Set(['name:predict', 'endpoint:predict', 'endpoint:batch']);

function source(latenciesUs: number[], extra: Partial<ThresholdSource> = {}): ThresholdSource {
  const histogram = createLatencyHistogram();
  for (const value of latenciesUs) recordLatency(histogram, value);
  return {
    histogram,
    requests: latenciesUs.length,
    failed: 0,
    checksPassed: 0,
    checksFailed: 0,
    droppedIterations: 0,
    elapsedMs: 1_000,
    ...extra,
  };
}

function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ThresholdError) return error.problems;
    throw error;
  }
  return [];
}

describe('threshold parser', () => {
  it('parses the k6 forms', () => {
    const parsed = parseThresholds(
      {
        http_req_duration: [
          'p(95)<50',
          'avg<20',
          { threshold: 'p(99.9) <= 100', abortOnFail: true, delayAbortEval: '5s' },
        ],
        'http_req_duration{endpoint:batch}': ['med<10'],
        http_req_failed: ['rate<0.01'],
        http_reqs: ['rps>1000', 'count>=10'],
        checks: ['rate>0.99'],
      },
      TAGS,
      'Scenario "s"',
    );

    expect(
      parsed.map((threshold) => [
        threshold.metric,
        threshold.aggregation,
        threshold.operator,
        threshold.limit,
      ]),
    ).toEqual([
      ['http_req_duration', 'p', '<', 50],
      ['http_req_duration', 'avg', '<', 20],
      ['http_req_duration', 'p', '<=', 100],
      ['http_req_duration', 'med', '<', 10],
      ['http_req_failed', 'rate', '<', 0.01],
      ['http_reqs', 'rps', '>', 1000],
      ['http_reqs', 'count', '>=', 10],
      ['checks', 'rate', '>', 0.99],
    ]);
    expect(parsed[0]?.percentile).toBe(95);
    expect(parsed[2]).toMatchObject({
      percentile: 99.9,
      abortOnFail: true,
      delayAbortEvalMs: 5_000,
    });
    expect(parsed[3]?.tag).toBe('endpoint:batch');
  });

  it('reports every problem, one per line', () => {
    const problems = problemsOf(() =>
      parseThresholds(
        {
          http_req_duration: ['p(95)<<50', 'p(0)<5', 'rate<0.1'],
          http_req_latency: ['p(95)<50'],
          'http_req_duration{endpoint:unknown}': ['p(95)<50'],
          'http_req_duration{a:b,c:d}': ['p(95)<50'],
          checks: [{ threshold: 'rate>0.9', abortOnFail: 'yes', delayAbortEval: 'soon' } as never],
        },
        TAGS,
        'Scenario "s"',
      ),
    );

    expect(problems, problems.join('\n')).toHaveLength(8);
    expect(problems[0]).toContain('invalid threshold "p(95)<<50"');
    expect(problems[1]).toContain('invalid percentile in "p(0)<5"');
    expect(problems[2]).toContain('http_req_duration takes p(N), avg, min, max, med, not rate');
    expect(problems[3]).toContain('unknown threshold metric "http_req_latency"');
    expect(problems[4]).toContain(
      'filters on tag endpoint:unknown, which no request of the scenario carries',
    );
    expect(problems[4]).toContain('endpoint:batch, endpoint:predict, name:predict');
    expect(problems[5]).toContain('expected one key:value pair');
    expect(problems[6]).toContain('abortOnFail of checks must be true or false, received "yes"');
    expect(problems[7]).toContain(
      'delayAbortEval of checks must be a duration such as "5s", received "soon"',
    );
  });
});

describe('threshold evaluation', () => {
  it('compares percentiles in milliseconds', () => {
    const [p95] = parseThresholds({ http_req_duration: ['p(95)<0.5'] }, TAGS, 's');
    const fast = evaluateThreshold(p95!, source(Array.from({ length: 100 }, () => 300)));
    const slow = evaluateThreshold(p95!, source(Array.from({ length: 100 }, () => 900)));

    expect(fast).toMatchObject({ pass: true, unit: 'ms', limit: 0.5 });
    expect(fast.actual).toBeCloseTo(0.3, 3);
    expect(slow.pass).toBe(false);
    expect(slow.actual).toBeCloseTo(0.9, 3);
  });

  it('computes error rate, rps and check rate', () => {
    const parsed = parseThresholds(
      { http_req_failed: ['rate<0.01'], http_reqs: ['rps>50'], checks: ['rate>0.99'] },
      TAGS,
      's',
    );
    const figures = source(
      Array.from({ length: 100 }, () => 1_000),
      {
        failed: 5,
        elapsedMs: 2_000,
        checksPassed: 90,
        checksFailed: 10,
      },
    );
    const [failed, rps, checks] = parsed.map((threshold) => evaluateThreshold(threshold, figures));

    expect(failed).toMatchObject({ pass: false, actual: 0.05 });
    expect(rps).toMatchObject({ pass: false, actual: 50, unit: '/s' });
    expect(checks).toMatchObject({ pass: false, actual: 0.9 });
  });

  it('says how far a broken threshold is off', () => {
    const [threshold] = parseThresholds(
      { 'http_req_duration{endpoint:predict}': ['p(95)<1'] },
      TAGS,
      's',
    );
    const result = evaluateThreshold(threshold!, source(Array.from({ length: 10 }, () => 1_500)));

    // Values below 2048 µs are exact at 3 significant digits; larger ones read up to 0.1 % high.
    expect(describeBrokenThreshold(result)).toBe(
      'http_req_duration{endpoint:predict} p(95)<1: actual 1.5 ms, limit 1 ms, off by 0.5 ms (50 % of the limit)',
    );
  });
});
