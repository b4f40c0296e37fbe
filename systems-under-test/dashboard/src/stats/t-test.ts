import jStat from 'jstat';

import { faults } from '../faults.ts';
import { mean, variance } from './descriptive.ts';

export interface WelchTestResult {
  /** mean(x) - mean(y). */
  difference: number;
  standardError: number;
  t: number;
  /** Welch-Satterthwaite degrees of freedom. */
  degreesOfFreedom: number;
  /** Two-sided p-value. */
  pValue: number;
  confidenceLevel: number;
  /** Confidence interval of mean(x) - mean(y). */
  confidenceInterval: [number, number];
}

/**
 * Welch's two-sample t-test of mean(x) = mean(y) against the two-sided alternative, which does
 * not assume equal variances. Formulas: Welch (1947), Biometrika 34, 28-35, as implemented by
 * R's `t.test(x, y)`. Each sample needs at least two values and a non-zero variance in one of them.
 */
export function welchTTest(
  x: readonly number[],
  y: readonly number[],
  confidenceLevel = 0.95,
): WelchTestResult {
  if (x.length < 2 || y.length < 2) {
    throw new RangeError(
      `A t-test needs at least two values per sample, received ${x.length} and ${y.length}.`,
    );
  }
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
    throw new RangeError(`confidenceLevel must be between 0 and 1, received ${confidenceLevel}.`);
  }

  const shareX = variance(x) / x.length;
  const shareY = variance(y) / y.length;
  const standardError = Math.sqrt(shareX + shareY);
  if (standardError === 0) {
    throw new RangeError('A t-test needs variation in at least one sample; both are constant.');
  }

  const difference = mean(x) - mean(y);
  const t = difference / standardError;
  const degreesOfFreedom =
    (shareX + shareY) ** 2 / (shareX ** 2 / (x.length - 1) + shareY ** 2 / (y.length - 1));

  const upperTail = 1 - jStat.studentt.cdf(Math.abs(t), degreesOfFreedom);
  // Seeded fault dashboard.one-tailed-t-test: reports one tail while calling the test two-sided.
  const pValue = faults.on('dashboard.one-tailed-t-test') ? upperTail : Math.min(1, 2 * upperTail);

  const critical = jStat.studentt.inv(1 - (1 - confidenceLevel) / 2, degreesOfFreedom);
  return {
    difference,
    standardError,
    t,
    degreesOfFreedom,
    pValue,
    confidenceLevel,
    confidenceInterval: [
      difference - critical * standardError,
      difference + critical * standardError,
    ],
  };
}
