import { describe, expect, it } from 'vitest';

import {
  computeAbTest,
  describeResult,
  formatPValue,
} from '../../systems-under-test/dashboard/src/views/ab-test.ts';
import { customer, dataset, filters } from './small-dataset.ts';

describe('A/B test view', () => {
  it('compares conversion of B against A', () => {
    // A converts 1 of 4 (0.25), B 3 of 4 (0.75). By hand: both variances are 0.25, so the
    // standard error is sqrt(0.25 / 4 * 2) = 0.3536, t = 0.5 / 0.3536 = 1.414, df = 6.
    const customers = [0, 0, 0, 1].map((converted, index) =>
      customer({ id: `a${index}`, variant: 'A', converted: converted as 0 | 1 }),
    );
    customers.push(
      ...[1, 1, 1, 0].map((converted, index) =>
        customer({ id: `b${index}`, variant: 'B', converted: converted as 0 | 1 }),
      ),
    );

    const result = computeAbTest(dataset({ customers }), filters({ metric: 'conversion' }));

    expect(result.variants.map((variant) => variant.mean)).toEqual([0.25, 0.75]);
    expect(result.test.difference).toBeCloseTo(0.5, 12);
    expect(result.test.t).toBeCloseTo(Math.SQRT2, 12);
    expect(result.test.degreesOfFreedom).toBeCloseTo(6, 12);
    // Two-sided p of t = sqrt(2) on 6 df. A t table gives t(0.90, 6) = 1.440, so p is just above 0.20.
    expect(result.test.pValue).toBeCloseTo(0.207, 3);
    expect(result.significant).toBe(false);
    expect(result.summary).toBe(
      'Variant B converts 50.0 points better than A (75.0% against 25.0%); this could well be chance ' +
        '(p = 0.207), so neither variant is shown to be better.',
    );
  });

  it('needs two customers per variant', () => {
    const customers = [customer({ id: 'a', variant: 'A' }), customer({ id: 'b', variant: 'B' })];

    expect(() => computeAbTest(dataset({ customers }), filters())).toThrow(
      /1 customers in variant A and 1 in variant B, but the t-test needs at least 2/,
    );
  });

  it('summary wording for a significant result', () => {
    expect(describeResult('conversion', 0.102, 0.123, 0.003)).toBe(
      'Variant B converts 2.1 points better than A (12.3% against 10.2%); this is unlikely to be chance (p = 0.003).',
    );
    expect(describeResult('revenue', 110, 100, 0.0001)).toBe(
      'Variant B brings EUR 10.00 less revenue per customer than A (100.00 against 110.00); ' +
        'this is unlikely to be chance (p < 0.001).',
    );
    expect(describeResult('orders', 1, 1.5, 0.01)).toContain(
      'Variant B brings 0.50 more orders per customer',
    );
  });

  it('p-value format', () => {
    expect(formatPValue(0.0004)).toBe('p < 0.001');
    expect(formatPValue(0.04567)).toBe('p = 0.046');
  });
});
