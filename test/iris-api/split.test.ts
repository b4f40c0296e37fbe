import { describe, expect, it } from 'vitest';

import { loadIrisDataset } from '../../systems-under-test/iris-api/src/dataset.ts';
import { stratifiedSplit } from '../../systems-under-test/iris-api/src/split.ts';

const { labels } = loadIrisDataset();

function countPerClass(indexes: number[]): number[] {
  const counts = [0, 0, 0];
  for (const index of indexes) {
    const label = labels[index] as number;
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}

describe('stratifiedSplit', () => {
  it('holds out 15 of each class at 30%', () => {
    const split = stratifiedSplit(labels, 0.3, 42);

    expect(split.holdout).toHaveLength(45);
    expect(split.training).toHaveLength(105);
    expect(countPerClass(split.holdout)).toEqual([15, 15, 15]);
    expect(countPerClass(split.training)).toEqual([35, 35, 35]);
  });

  it('uses every row exactly once', () => {
    const split = stratifiedSplit(labels, 0.3, 42);

    const all = [...split.training, ...split.holdout].sort((a, b) => a - b);

    expect(all).toEqual(Array.from({ length: 150 }, (_, index) => index));
  });

  it('repeats for a seed and changes with it', () => {
    const first = stratifiedSplit(labels, 0.3, 42);
    const again = stratifiedSplit(labels, 0.3, 42);
    const other = stratifiedSplit(labels, 0.3, 43);

    expect(again).toEqual(first);
    expect(other.holdout).not.toEqual(first.holdout);
    expect(countPerClass(other.holdout)).toEqual([15, 15, 15]);
  });

  it.each([0, 1, -0.1, Number.NaN])('rejects holdout fraction %s', (fraction) => {
    expect(() => stratifiedSplit(labels, fraction, 42)).toThrow(/Invalid holdout fraction/);
  });
});
