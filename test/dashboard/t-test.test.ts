import { describe, expect, it } from 'vitest';

import { welchTTest } from '../../systems-under-test/dashboard/src/stats/t-test.ts';

/**
 * Student's sleep data (Cushny and Peebles, 1905): extra hours of sleep with two drugs, ten
 * patients each. R's documented example `t.test(extra ~ group, data = sleep)` prints the Welch
 * test as t = -1.8608, df = 17.776, p-value = 0.07939, 95% CI -3.3654832 to 0.2054832, and
 * means 0.75 and 2.33.
 */
const GROUP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const GROUP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('welchTTest', () => {
  it('matches R on the sleep data', () => {
    const result = welchTTest(GROUP_1, GROUP_2);

    expect(result.difference).toBeCloseTo(0.75 - 2.33, 10);
    expect(result.t).toBeCloseTo(-1.8608, 4);
    expect(result.degreesOfFreedom).toBeCloseTo(17.776, 3);
    expect(result.pValue).toBeCloseTo(0.07939, 5);
    expect(result.confidenceInterval[0]).toBeCloseTo(-3.3654832, 6);
    expect(result.confidenceInterval[1]).toBeCloseTo(0.2054832, 6);
  });

  it('is two-sided, so swapping samples keeps p', () => {
    const forward = welchTTest(GROUP_1, GROUP_2);
    const backward = welchTTest(GROUP_2, GROUP_1);

    expect(backward.t).toBeCloseTo(-forward.t, 12);
    expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
  });

  it('gives p = 1 for equal means', () => {
    expect(welchTTest([1, 2, 3], [0, 2, 4]).pValue).toBeCloseTo(1, 12);
  });

  it('rejects a sample of one value', () => {
    expect(() => welchTTest([1], [1, 2])).toThrow(
      /at least two values per sample, received 1 and 2/,
    );
  });

  it('rejects two constant samples', () => {
    expect(() => welchTTest([1, 1], [2, 2])).toThrow(/both are constant/);
  });

  it('rejects a confidence level outside (0, 1)', () => {
    expect(() => welchTTest(GROUP_1, GROUP_2, 95)).toThrow(/between 0 and 1, received 95/);
  });
});
