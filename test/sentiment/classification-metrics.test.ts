import { describe, expect, it } from 'vitest';

import { classificationMetrics } from '../../systems-under-test/sentiment/src/evaluation/classification-metrics.ts';

describe('classificationMetrics', () => {
  it('computes accuracy, precision and recall', () => {
    // 4 positive texts: 3 right, 1 neutral. 2 negative texts: 1 right, 1 predicted positive.
    const metrics = classificationMetrics(
      ['positive', 'positive', 'positive', 'positive', 'negative', 'negative'],
      ['positive', 'positive', 'positive', 'neutral', 'negative', 'positive'],
    );

    expect(metrics.accuracy).toBe(0.6667);
    expect(metrics.neutralShare).toBe(0.1667);
    expect(metrics.polarAccuracy).toBe(0.8);
    expect(metrics.perClass.positive).toEqual({
      precision: 0.75,
      recall: 0.75,
      f1: 0.75,
      support: 4,
      predicted: 4,
    });
    expect(metrics.perClass.negative).toEqual({
      precision: 1,
      recall: 0.5,
      f1: 0.6667,
      support: 2,
      predicted: 1,
    });
    expect(metrics.perClass.neutral).toEqual({
      precision: 0,
      recall: null,
      f1: null,
      support: 0,
      predicted: 1,
    });
    expect(metrics.confusionMatrix.counts).toEqual([
      [3, 0, 1],
      [1, 1, 0],
      [0, 0, 0],
    ]);
  });

  it('gives null precision to a class never predicted', () => {
    const metrics = classificationMetrics(['positive', 'negative'], ['positive', 'positive']);

    expect(metrics.perClass.negative.precision).toBeNull();
    expect(metrics.perClass.negative.recall).toBe(0);
    expect(metrics.perClass.negative.f1).toBeNull();
  });

  it('rejects lists of different lengths', () => {
    expect(() => classificationMetrics(['positive'], [])).toThrow(
      /received 1 labels and 0 predictions/,
    );
  });

  it('rejects empty lists', () => {
    expect(() => classificationMetrics([], [])).toThrow(/at least one labelled text/);
  });
});
