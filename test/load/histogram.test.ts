import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  latencyStats,
  mergeHistograms,
  recordLatency,
} from '../../framework/load/index.ts';
import { latencyBuckets } from '../../framework/load/histogram.ts';

function histogramOf(values: readonly number[]) {
  const histogram = createLatencyHistogram();
  for (const value of values) recordLatency(histogram, value);
  return histogram;
}

describe('latency histogram', () => {
  it('keeps sub-millisecond latencies apart', () => {
    const stats = latencyStats(histogramOf([120, 250, 250, 480, 730]));

    expect(stats.min).toBe(120);
    expect(stats.p50).toBe(250);
    expect(stats.max).toBe(730);
    expect(stats.mean).toBeCloseTo(366, 0);
  });

  it('rounds to whole microseconds and clamps below 1 µs', () => {
    const stats = latencyStats(histogramOf([0.2, 1.6]));

    expect(stats.min).toBe(1);
    expect(stats.max).toBe(2);
  });

  it('decodes what it encodes', () => {
    const original = histogramOf([100, 2_000, 35_000, 1_200_000]);
    const decoded = decodeHistogram(encodeHistogram(original));

    expect(latencyStats(decoded)).toEqual(latencyStats(original));
    expect(decoded.totalCount).toBe(4);
  });

  it('rejects text that is no encoded histogram', () => {
    expect(() => decodeHistogram('not a histogram')).toThrow(/Invalid encoded HDR histogram/);
  });

  it('merges encoded histograms exactly', () => {
    const latency = fc.integer({ min: 1, max: 5_000_000 });
    fc.assert(
      fc.property(
        fc.array(fc.array(latency, { maxLength: 200 }), { minLength: 1, maxLength: 5 }),
        (parts) => {
          const merged = mergeHistograms(
            parts.map((part) => decodeHistogram(encodeHistogram(histogramOf(part)))),
          );
          const together = histogramOf(parts.flat());

          expect(merged.totalCount).toBe(together.totalCount);
          expect(latencyStats(merged)).toEqual(latencyStats(together));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('buckets every value for the chart', () => {
    const values = [100, 110, 150, 900, 5_000, 5_000, 80_000];
    const buckets = latencyBuckets(histogramOf(values), 10);

    expect(buckets).toHaveLength(10);
    expect(buckets.reduce((total, [, , count]) => total + count, 0)).toBe(values.length);
    expect(buckets[0]![2]).toBeGreaterThanOrEqual(1);
    expect(buckets[9]![2]).toBe(1);
  });
});
