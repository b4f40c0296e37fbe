/** Descriptive statistics of numeric columns in which `null` marks a missing value. */

export function present(values: readonly (number | null)[]): number[] {
  return values.filter((value): value is number => value !== null && Number.isFinite(value));
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample variance with the n - 1 (Bessel) denominator; NaN for fewer than two values. */
export function variance(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const centre = mean(values);
  let sum = 0;
  for (const value of values) sum += (value - centre) ** 2;
  return sum / (values.length - 1);
}

export function standardDeviation(values: readonly number[]): number {
  return Math.sqrt(variance(values));
}

/**
 * Quantile by linear interpolation between order statistics: Hyndman and Fan's type 7, the
 * default of R's `quantile` and of NumPy.
 */
export function quantile(values: readonly number[], probability: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * probability;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const weight = position - lower;
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}

export interface HistogramBin {
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge, inclusive for the last bin. */
  to: number;
  count: number;
}

/** Counts values in `binCount` equal-width bins from the minimum to the maximum. */
export function histogram(values: readonly number[], binCount: number): HistogramBin[] {
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }

  // A constant column gets one bin, because zero-width bins cannot be distinguished.
  if (min === max) return [{ from: min, to: max, count: values.length }];

  const width = (max - min) / binCount;
  const bins: HistogramBin[] = Array.from({ length: binCount }, (_, index) => ({
    from: min + index * width,
    to: index === binCount - 1 ? max : min + (index + 1) * width,
    count: 0,
  }));
  for (const value of values) {
    const index = Math.min(binCount - 1, Math.floor((value - min) / width));
    bins[index]!.count++;
  }
  return bins;
}

/**
 * Pearson's correlation over the rows where both values are present (pairwise deletion).
 * NaN when fewer than two such rows remain or either column is constant on them.
 */
export function pearson(x: readonly (number | null)[], y: readonly (number | null)[]): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let index = 0; index < x.length; index++) {
    const a = x[index];
    const b = y[index];
    if (a === null || b === null || a === undefined || b === undefined) continue;
    xs.push(a);
    ys.push(b);
  }
  if (xs.length < 2) return Number.NaN;

  const meanX = mean(xs);
  const meanY = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let index = 0; index < xs.length; index++) {
    const dx = xs[index]! - meanX;
    const dy = ys[index]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  return sxy / Math.sqrt(sxx * syy);
}

/** Scales each column to mean 0 and sample standard deviation 1 (z-scores). */
export function standardise(rows: readonly (readonly number[])[]): {
  rows: number[][];
  means: number[];
  deviations: number[];
} {
  const columnCount = rows[0]?.length ?? 0;
  const means: number[] = [];
  const deviations: number[] = [];
  for (let column = 0; column < columnCount; column++) {
    const values = rows.map((row) => row[column]!);
    means.push(mean(values));
    // A constant column would divide by zero, so it is left centred but unscaled.
    const deviation = standardDeviation(values);
    deviations.push(deviation > 0 ? deviation : 1);
  }

  return {
    rows: rows.map((row) =>
      row.map((value, column) => (value - means[column]!) / deviations[column]!),
    ),
    means,
    deviations,
  };
}
