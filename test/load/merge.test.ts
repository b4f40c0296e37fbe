import { describe, expect, it } from 'vitest';

import {
  createLatencyHistogram,
  formatSummary,
  latencyHistogramSvg,
  latencyStats,
  mergeSummaries,
  recordLatency,
  rpsOverTimeSvg,
} from '../../framework/load/index.ts';
import { summaryOf } from './summary-fixture.ts';

describe('summary merge', () => {
  it('adds counts and takes percentiles from the merged histograms', () => {
    const fast = Array.from({ length: 90 }, (_, index) => 200 + index);
    const slow = Array.from({ length: 10 }, (_, index) => 1_500 + index);
    const merged = mergeSummaries([
      summaryOf(fast),
      summaryOf(slow, { machine: 'ci-2', durationMs: 2_500 }),
    ]);

    const histogram = createLatencyHistogram();
    for (const value of [...fast, ...slow]) recordLatency(histogram, value);
    expect(merged.latencyUs).toEqual(latencyStats(histogram));
    expect(merged.requests).toBe(100);
    expect(merged.durationMs).toBe(2_500);
    expect(merged.rps).toBe(40);
    expect(merged.statusCodes).toEqual({ '200': 100 });
    expect(merged.checks['status is 200']).toEqual({ passes: 100, fails: 0 });
    expect(merged.tags['name:predict']?.requests).toBe(100);
    expect(merged.timeline[0]?.requests).toBe(50);
    expect(merged.generators).toBe(2);
    expect(merged.machine).toBe('ci-1+ci-2');
  });

  it('evaluates the thresholds again on the merged figures', () => {
    const fast = summaryOf(Array.from({ length: 50 }, () => 500));
    const slow = summaryOf(Array.from({ length: 50 }, () => 1_900));
    const merged = mergeSummaries([fast, slow]);

    expect(merged.thresholds).toHaveLength(1);
    expect(merged.thresholds[0]).toMatchObject({ expression: 'p(95)<1', pass: false, actual: 1.9 });
    expect(merged.reliable).toBe(true);
  });

  it('marks the merge unreliable when one generator was', () => {
    const merged = mergeSummaries([
      summaryOf([100]),
      summaryOf([100], {
        reliable: false,
        generator: {
          cpuPercent: 95,
          peakCpuPercent: 99,
          cpuLimitPercent: 80,
          cpuUsPerRequest: 1,
          label: 'job-2',
        },
      }),
    ]);

    expect(merged.reliable).toBe(false);
    expect(merged.unreliableReason).toBe('1 of 2 generators passed their CPU limit (job-2).');
  });

  it('rejects summaries of different scenarios', () => {
    expect(() =>
      mergeSummaries([summaryOf([1]), summaryOf([1], { scenario: 'iris/ramp' })]),
    ).toThrow(
      'Only summaries of one scenario merge: the first is "iris/mixed" of iris, but the list also has "iris/ramp" of iris.',
    );
    expect(() => mergeSummaries([])).toThrow('Nothing to merge');
  });
});

describe('summary output', () => {
  it('prints thresholds, metrics and the unreliable mark', () => {
    const text = formatSummary(
      summaryOf([300, 400], {
        thresholds: [
          {
            expression: 'p(95)<0.1',
            metric: 'http_req_duration',
            pass: false,
            actual: 0.4,
            limit: 0.1,
            unit: 'ms',
            abortOnFail: false,
          },
        ],
        reliable: false,
        unreliableReason: 'the load generator used 95 % of a core',
      }),
    );

    expect(text).toContain(
      '✗ http_req_duration p(95)<0.1: actual 0.4 ms, limit 0.1 ms, off by 0.3 ms (300 % of the limit)',
    );
    expect(text).toMatch(/http_req_duration\.+: avg=350µs min=300µs med=300µs/);
    expect(text).toMatch(/http_reqs\.+: 2 {2}1\.0\/s/);
    expect(text).toContain('UNRELIABLE: the load generator used 95 % of a core');
  });

  it('draws both charts as standalone SVG', () => {
    const summary = summaryOf([100, 200, 200, 400, 800, 1_600, 3_200]);
    const histogram = latencyHistogramSvg(summary);
    const rps = rpsOverTimeSvg(summary);

    for (const svg of [histogram, rps]) {
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
      expect(svg).not.toMatch(/<script|href=/);
    }
    expect(histogram.match(/<rect x=/g)?.length).toBeGreaterThanOrEqual(5);
    expect(histogram).toContain('p95');
    expect(rps).toContain('requests per second (mean 3.5/s)');
  });
});
