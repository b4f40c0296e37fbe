import { describe, expect, it } from 'vitest';

import { cosineSimilarity } from '../../systems-under-test/dashboard/src/stats/cosine.ts';
import { RollingZScore } from '../../systems-under-test/dashboard/src/stats/rolling-z-score.ts';

describe('cosineSimilarity', () => {
  it('matches a hand computation', () => {
    // (5,3,0)·(4,0,4) = 20; norms sqrt(34) and sqrt(32).
    expect(cosineSimilarity([5, 3, 0], [4, 0, 4])).toBeCloseTo(20 / Math.sqrt(34 * 32), 12);
  });

  it('is 1 for proportional vectors and 0 without overlap', () => {
    expect(cosineSimilarity([1, 2, 0], [2, 4, 0])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [0, 3])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
  });

  it('rejects vectors of different lengths', () => {
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(/received 1 and 2/);
  });
});

describe('RollingZScore', () => {
  it('scores a reading against the window before it', () => {
    // Window 1..5: mean 3, s = sqrt(2.5), so 10 scores 7 / sqrt(2.5) = 4.427.
    const detector = new RollingZScore(5, 3);
    for (const value of [1, 2, 3, 4, 5]) expect(detector.push(value).z).toBeNaN();

    const spike = detector.push(10);
    // Window 2, 3, 4, 5, 10: mean 4.8, s² = 38.8 / 4 = 9.7.
    const after = detector.push(3);

    expect(spike.z).toBeCloseTo(7 / Math.sqrt(2.5), 12);
    expect(spike.anomaly).toBe(true);
    expect(after.z).toBeCloseTo(-1.8 / Math.sqrt(9.7), 12);
    expect(after.anomaly).toBe(false);
  });

  it('gives z = 0 on a constant window', () => {
    const detector = new RollingZScore(3, 3);
    for (const value of [2, 2, 2]) detector.push(value);

    expect(detector.push(2)).toEqual({ z: 0, anomaly: false });
  });

  it('rejects a window below 3', () => {
    expect(() => new RollingZScore(2, 3)).toThrow(/at least 3, received 2/);
  });
});
