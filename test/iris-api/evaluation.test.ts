import { describe, expect, it } from 'vitest';

import {
  buildConfusionMatrix,
  evaluateConfusionMatrix,
} from '../../systems-under-test/iris-api/src/evaluation.ts';

describe('buildConfusionMatrix', () => {
  it('puts actual in rows and predicted in columns', () => {
    const matrix = buildConfusionMatrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 1], 3);

    expect(matrix).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [0, 1, 1],
    ]);
  });

  it('rejects lists of different length', () => {
    expect(() => buildConfusionMatrix([0, 1], [0], 3)).toThrow(/same length/);
  });

  it('rejects a label outside the classes', () => {
    expect(() => buildConfusionMatrix([0, 3], [0, 1], 3)).toThrow(/outside the class range/);
  });
});

describe('evaluateConfusionMatrix', () => {
  it('computes accuracy, precision and recall by hand', () => {
    // Row = actual, column = predicted.
    const evaluation = evaluateConfusionMatrix([
      [8, 2, 0],
      [1, 6, 3],
      [0, 0, 10],
    ]);

    expect(evaluation.accuracy).toBeCloseTo(24 / 30, 12);
    expect(evaluation.perClass[0]).toEqual({ precision: 8 / 9, recall: 8 / 10, support: 10 });
    expect(evaluation.perClass[1]).toEqual({ precision: 6 / 8, recall: 6 / 10, support: 10 });
    expect(evaluation.perClass[2]).toEqual({ precision: 10 / 13, recall: 10 / 10, support: 10 });
  });

  it('reports 0 precision for a class never predicted', () => {
    const evaluation = evaluateConfusionMatrix([
      [5, 0],
      [5, 0],
    ]);

    expect(evaluation.perClass[1]?.precision).toBe(0);
    expect(evaluation.perClass[1]?.recall).toBe(0);
    expect(evaluation.accuracy).toBe(0.5);
  });
});
