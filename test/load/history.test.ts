import { describe, expect, it } from 'vitest';

import { compareWithHistory, median } from '../../framework/load/index.ts';

describe('history comparison', () => {
  it('takes the median of the newest runs only', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);

    const comparison = compareWithHistory(
      { p95Us: 1_000, rps: 500 },
      [
        { p95Us: 1_000, rps: 500 },
        { p95Us: 1_100, rps: 480 },
        { p95Us: 900, rps: 520 },
        { p95Us: 90_000, rps: 1 },
      ],
      { machine: 'ci-large', runs: 3 },
    );

    expect(comparison.baselineRuns).toBe(3);
    expect(comparison.baseline).toEqual({ p95Us: 1_000, rps: 500 });
    expect(comparison.regression).toBe(false);
  });

  it('flags a slower p95 or a lower rps beyond the margin', () => {
    const history = [
      { p95Us: 1_000, rps: 500 },
      { p95Us: 1_000, rps: 500 },
    ];
    const slower = compareWithHistory({ p95Us: 1_300, rps: 500 }, history, {
      machine: 'm',
      marginPercent: 20,
    });
    const withinMargin = compareWithHistory({ p95Us: 1_150, rps: 420 }, history, {
      machine: 'm',
      marginPercent: 20,
    });
    const fewerRequests = compareWithHistory({ p95Us: 1_000, rps: 350 }, history, {
      machine: 'm',
      marginPercent: 20,
    });

    expect(slower.findings.map((finding) => [finding.metric, finding.regression])).toEqual([
      ['p95', true],
      ['rps', false],
    ]);
    expect(slower.findings[0]?.worsePercent).toBeCloseTo(30, 6);
    expect(withinMargin.regression).toBe(false);
    expect(fewerRequests.findings[1]).toMatchObject({
      regression: true,
      message: 'rps 350.0 vs 500.0, -30.0 %',
    });
  });

  it('has nothing to compare on a first run', () => {
    const comparison = compareWithHistory({ p95Us: 1, rps: 1 }, [], { machine: 'm' });

    expect(comparison).toMatchObject({ baselineRuns: 0, regression: false, findings: [] });
  });
});
