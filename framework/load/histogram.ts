/**
 * Latency histograms at microsecond resolution (HdrHistogram, through
 * hdr-histogram-js). Three significant digits keep every recorded value
 * within 0.1 % of the true one, and the encoded form of one histogram merges
 * exactly with others, which is how several generators share one scenario.
 */
import * as hdr from 'hdr-histogram-js';
import type { JsHistogram } from 'hdr-histogram-js';

/** Maximum latency the histogram records: 10 minutes, in microseconds. Longer values are clamped to it. */
export const MAX_LATENCY_US = 600_000_000;

/** Significant decimal digits of every recorded value: 3 means a relative error of at most 0.1 %. */
export const SIGNIFICANT_DIGITS = 3;

export type LatencyHistogram = hdr.Histogram;

/** Latency statistics in microseconds, as the summary and the `nova-load` attachment carry them. */
export interface LatencyStats {
  min: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export function createLatencyHistogram(): LatencyHistogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_LATENCY_US,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
    // The pure-JavaScript build: the WebAssembly one needs an asynchronous start-up.
    useWebAssembly: false,
  });
}

/** Records one latency, rounded to whole microseconds, and clamped to 1 µs .. {@link MAX_LATENCY_US}. */
export function recordLatency(histogram: LatencyHistogram, latencyUs: number): void {
  const value = Math.min(MAX_LATENCY_US, Math.max(1, Math.round(latencyUs)));
  histogram.recordValue(value);
}

/**
 * Latency statistics of a histogram. Like its percentiles, min and max are
 * read at the histogram's resolution (the lowest and highest value of their
 * bucket), so that a histogram and its encoded copy, or a merge and the
 * histogram of all its values, give the same figures.
 */
export function latencyStats(histogram: LatencyHistogram): LatencyStats {
  if (histogram.totalCount === 0) {
    return { min: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  }
  const buckets = histogram as unknown as JsHistogram;
  return {
    min: buckets.lowestEquivalentValue(histogram.minNonZeroValue),
    p50: histogram.getValueAtPercentile(50),
    p90: histogram.getValueAtPercentile(90),
    p95: histogram.getValueAtPercentile(95),
    p99: histogram.getValueAtPercentile(99),
    p999: histogram.getValueAtPercentile(99.9),
    max: histogram.getValueAtPercentile(100),
    mean: histogram.mean,
  };
}

/** Encodes a histogram in the compressed base64 form of the HdrHistogram specification. */
export function encodeHistogram(histogram: LatencyHistogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** Decodes a histogram written by {@link encodeHistogram}, or by any other HdrHistogram implementation. */
export function decodeHistogram(encoded: string): LatencyHistogram {
  let decoded: LatencyHistogram;
  try {
    decoded = hdr.decodeFromCompressedBase64(encoded, 32, false);
  } catch (error) {
    throw new Error(
      `Invalid encoded HDR histogram (${(error as Error).message}): expected the compressed base64 ` +
        'form that a Nova load summary carries in its "histogram" field.',
      { cause: error },
    );
  }
  // Copied into a histogram of the standard range, so that merged histograms share one layout.
  const copy = createLatencyHistogram();
  copy.add(decoded);
  return copy;
}

/** Adds every histogram into a new one: the result equals the histogram of all their values together. */
export function mergeHistograms(histograms: readonly LatencyHistogram[]): LatencyHistogram {
  const merged = createLatencyHistogram();
  for (const histogram of histograms) merged.add(histogram);
  return merged;
}

/** Lists every distinct recorded value (at the histogram's resolution) with its count, smallest first. */
export function recordedValues(histogram: LatencyHistogram): Array<[number, number]> {
  const values: Array<[number, number]> = [];
  // `build` with useWebAssembly: false always returns a JsHistogram, which has the iterator.
  const iterator = (histogram as unknown as JsHistogram).recordedValuesIterator;
  iterator.reset();
  while (iterator.hasNext()) {
    const step = iterator.next();
    values.push([step.valueIteratedTo, step.countAtValueIteratedTo]);
  }
  return values;
}

/**
 * Buckets of the latency distribution for the histogram chart, each as
 * [lower bound µs, upper bound µs, count]. The bounds grow geometrically from
 * the minimum to the maximum, because latencies span orders of magnitude.
 */
export function latencyBuckets(
  histogram: LatencyHistogram,
  bucketCount = 40,
): Array<[number, number, number]> {
  const values = recordedValues(histogram);
  if (values.length === 0) return [];

  const min = Math.max(1, values[0]![0]);
  const max = Math.max(min * 1.01, values[values.length - 1]![0]);
  const ratio = Math.pow(max / min, 1 / bucketCount);
  const buckets: Array<[number, number, number]> = [];
  for (let index = 0; index < bucketCount; index += 1) {
    buckets.push([min * Math.pow(ratio, index), min * Math.pow(ratio, index + 1), 0]);
  }
  for (const [value, count] of values) {
    const index = Math.min(bucketCount - 1, Math.floor(Math.log(value / min) / Math.log(ratio)));
    buckets[Math.max(0, index)]![2] += count;
  }
  return buckets;
}
