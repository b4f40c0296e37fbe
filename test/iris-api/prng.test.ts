import { describe, expect, it } from 'vitest';

import { createMulberry32, shuffle } from '../../systems-under-test/iris-api/src/prng.ts';

describe('createMulberry32', () => {
  it('repeats the sequence for the same seed', () => {
    const first = createMulberry32(42);
    const second = createMulberry32(42);

    const a = Array.from({ length: 20 }, () => first());
    const b = Array.from({ length: 20 }, () => second());

    expect(a).toEqual(b);
  });

  it('differs for another seed', () => {
    const first = createMulberry32(42);
    const second = createMulberry32(43);

    expect(first()).not.toBe(second());
  });

  it('stays in [0, 1) with a mean near 0.5', () => {
    const random = createMulberry32(7);
    const values = Array.from({ length: 10_000 }, () => random());

    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    // The standard error of the mean of 10000 uniform values is about 0.003.
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});

describe('shuffle', () => {
  it('keeps every item and leaves the input alone', () => {
    const items = Array.from({ length: 50 }, (_, index) => index);

    const shuffled = shuffle(items, createMulberry32(1));

    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    expect(items[0]).toBe(0);
  });
});
