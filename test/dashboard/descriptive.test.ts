import { describe, expect, it } from 'vitest';

import {
  histogram,
  mean,
  pearson,
  present,
  quantile,
  standardDeviation,
  standardise,
  variance,
} from '../../systems-under-test/dashboard/src/stats/descriptive.ts';

describe('descriptive statistics', () => {
  it('mean and sample variance of 2, 4, 4, 4, 5, 5, 7, 9', () => {
    // By hand: mean 40 / 8 = 5; squared deviations sum to 32, so s² = 32 / 7.
    const values = [2, 4, 4, 4, 5, 5, 7, 9];

    expect(mean(values)).toBe(5);
    expect(variance(values)).toBeCloseTo(32 / 7, 12);
    expect(standardDeviation(values)).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('variance of one value is NaN', () => {
    expect(variance([3])).toBeNaN();
    expect(mean([])).toBeNaN();
  });

  it('quantile follows R type 7', () => {
    // R: quantile(1:4, c(0.25, 0.5, 0.9)) gives 1.75, 2.5 and 3.7.
    expect(quantile([4, 1, 3, 2], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([4, 1, 3, 2], 0.5)).toBeCloseTo(2.5, 12);
    expect(quantile([4, 1, 3, 2], 0.9)).toBeCloseTo(3.7, 12);
  });

  it('histogram counts equal-width bins', () => {
    // Range 0 to 10 in 5 bins of width 2; the maximum falls in the last, closed bin.
    const bins = histogram([0, 1, 2, 3, 4, 10], 5);

    expect(bins.map((bin) => bin.count)).toEqual([2, 2, 1, 0, 1]);
    expect(bins.map((bin) => bin.from)).toEqual([0, 2, 4, 6, 8]);
    expect(bins[4]!.to).toBe(10);
  });

  it('histogram of a constant column is one bin', () => {
    expect(histogram([3, 3, 3], 4)).toEqual([{ from: 3, to: 3, count: 3 }]);
  });

  it('pearson matches a hand computation', () => {
    // x = 1..5, y = 2, 4, 5, 4, 5: Sxy = 6, Sxx = 10, Syy = 6, so r = 6 / sqrt(60).
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(6 / Math.sqrt(60), 12);
  });

  it('pearson drops rows with a missing value', () => {
    const r = pearson([1, 2, 3, null, 4, 5, 6], [2, 4, 5, 7, 4, 5, null]);

    expect(r).toBeCloseTo(6 / Math.sqrt(60), 12);
  });

  it('pearson of a constant column is NaN', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it('present drops null values', () => {
    expect(present([1, null, 3])).toEqual([1, 3]);
  });

  it('standardise gives z-scores per column', () => {
    // Column 1: mean 2, sd 1. Column 2: mean 20, sd 10.
    const { rows, means, deviations } = standardise([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);

    expect(means).toEqual([2, 20]);
    expect(deviations).toEqual([1, 10]);
    expect(rows).toEqual([
      [-1, -1],
      [0, 0],
      [1, 1],
    ]);
  });
});
