/** A/B test: the two variants' mean of the chosen metric per customer, and Welch's t-test of B - A. */
import jStat from 'jstat';

import type { Metric } from '../data/catalogue.ts';
import type { Dataset } from '../data/dataset.ts';
import { mean, standardDeviation } from '../stats/descriptive.ts';
import { welchTTest, type WelchTestResult } from '../stats/t-test.ts';
import { InvalidRequestError, type Filters } from '../filters.ts';
import { customerColumnOf, filterCustomers } from './customers.ts';

/** Significance level of the summary's wording, the conventional 5%. */
export const SIGNIFICANCE_LEVEL = 0.05;

export interface VariantSummary {
  variant: 'A' | 'B';
  customers: number;
  mean: number;
  sd: number;
  /** 95% t interval of this variant's mean. */
  confidenceInterval: [number, number];
}

export interface AbTest {
  filters: Filters;
  metric: Metric;
  variants: [VariantSummary, VariantSummary];
  /** Welch's test of mean(B) - mean(A). */
  test: WelchTestResult;
  significant: boolean;
  summary: string;
}

function summariseVariant(variant: 'A' | 'B', values: readonly number[]): VariantSummary {
  const centre = mean(values);
  const sd = standardDeviation(values);
  const margin = jStat.studentt.inv(0.975, values.length - 1) * (sd / Math.sqrt(values.length));
  return {
    variant,
    customers: values.length,
    mean: centre,
    sd,
    confidenceInterval: [centre - margin, centre + margin],
  };
}

/** p as a reader sees it: three decimals, or "p < 0.001" below that. */
export function formatPValue(pValue: number): string {
  return pValue < 0.001 ? 'p < 0.001' : `p = ${pValue.toFixed(3)}`;
}

/** Describes the result in one or two sentences for a reader without statistics training. */
export function describeResult(metric: Metric, a: number, b: number, pValue: number): string {
  const difference = b - a;
  const verdict =
    pValue < SIGNIFICANCE_LEVEL
      ? `this is unlikely to be chance (${formatPValue(pValue)})`
      : `this could well be chance (${formatPValue(pValue)}), so neither variant is shown to be better`;

  if (metric === 'conversion') {
    const points = Math.abs(difference * 100).toFixed(1);
    const direction = difference >= 0 ? 'better' : 'worse';
    return (
      `Variant B converts ${points} points ${direction} than A ` +
      `(${(b * 100).toFixed(1)}% against ${(a * 100).toFixed(1)}%); ${verdict}.`
    );
  }

  const amount = Math.abs(difference).toFixed(2);
  const direction = difference >= 0 ? 'more' : 'fewer';
  const phrase =
    metric === 'revenue'
      ? `EUR ${amount} ${difference >= 0 ? 'more' : 'less'} revenue`
      : `${amount} ${direction} ${metric}`;
  return (
    `Variant B brings ${phrase} per customer than A ` +
    `(${b.toFixed(2)} against ${a.toFixed(2)}); ${verdict}.`
  );
}

export function computeAbTest(dataset: Dataset, filters: Filters): AbTest {
  const column = customerColumnOf(filters.metric);
  const customers = filterCustomers(dataset, filters);
  const valuesOf = (variant: 'A' | 'B'): number[] =>
    customers
      .filter((customer) => customer.variant === variant)
      .map((customer) => customer[column]);
  const a = valuesOf('A');
  const b = valuesOf('B');

  if (a.length < 2 || b.length < 2) {
    throw new InvalidRequestError([
      `The filters leave ${a.length} customers in variant A and ${b.length} in variant B, ` +
        'but the t-test needs at least 2 in each: widen the date range or choose all segments.',
    ]);
  }

  const test = welchTTest(b, a);
  const variants: [VariantSummary, VariantSummary] = [
    summariseVariant('A', a),
    summariseVariant('B', b),
  ];
  return {
    filters,
    metric: filters.metric,
    variants,
    test,
    significant: test.pValue < SIGNIFICANCE_LEVEL,
    summary: describeResult(filters.metric, variants[0].mean, variants[1].mean, test.pValue),
  };
}
