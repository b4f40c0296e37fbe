/** Builds load summaries from latencies, with defaults for every other field. */
import {
  createLatencyHistogram,
  encodeHistogram,
  latencyStats,
  recordLatency,
  type LoadSummary,
} from '../../framework/load/index.ts';

export function summaryOf(latencies: number[], overrides: Partial<LoadSummary> = {}): LoadSummary {
  const histogram = createLatencyHistogram();
  for (const value of latencies) recordLatency(histogram, value);
  const encoded = encodeHistogram(histogram);
  return {
    scenario: 'iris/mixed',
    system: 'iris',
    executor: 'constant-vus',
    startedAt: '2026-12-04T10:00:00.000Z',
    durationMs: 2_000,
    requests: latencies.length,
    errors: 0,
    rps: latencies.length / 2,
    throughputBytesPerSecond: 100,
    bytesReceived: 200,
    latencyUs: latencyStats(histogram),
    statusCodes: { '200': latencies.length },
    errorsByKind: {},
    checks: { 'status is 200': { passes: latencies.length, fails: 0 } },
    thresholds: [
      {
        expression: 'p(95)<1',
        metric: 'http_req_duration',
        pass: true,
        actual: 0,
        limit: 1,
        unit: 'ms',
        abortOnFail: false,
      },
    ],
    tags: {
      'name:predict': {
        requests: latencies.length,
        errors: 0,
        checksPassed: latencies.length,
        checksFailed: 0,
        latencyUs: latencyStats(histogram),
        histogram: encoded,
      },
    },
    droppedIterations: 0,
    maxVUs: 2,
    generator: { cpuPercent: 30, peakCpuPercent: 40, cpuLimitPercent: 80, cpuUsPerRequest: 100 },
    reliable: true,
    timeline: [
      { second: 1, requests: Math.ceil(latencies.length / 2), failed: 0 },
      { second: 2, requests: Math.floor(latencies.length / 2), failed: 0 },
    ],
    machine: 'ci-1',
    profile: 'full',
    histogram: encoded,
    generators: 1,
    ...overrides,
  };
}
