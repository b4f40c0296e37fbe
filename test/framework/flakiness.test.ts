import { describe, expect, it } from 'vitest';

import { classifyTest, runOutcome, type TestRun } from '../../framework/results/flakiness.ts';
import { computeTestId } from '../../framework/results/test-identity.ts';

type Letter = 'P' | 'F' | 'R' | 'S';

/**
 * Builds a history from letters, oldest first: P passed, F failed, R failed
 * then passed on retry, S skipped. Each run is on its own commit unless
 * `commits` says otherwise.
 */
function history(letters: string, commits?: string[]): TestRun[] {
  return [...letters].map((letter, index) => {
    const attempts: TestRun['attempts'] = {
      P: [{ retry: 0, status: 'passed' as const, expectedStatus: 'passed' as const }],
      F: [
        { retry: 0, status: 'failed' as const, expectedStatus: 'passed' as const },
        { retry: 1, status: 'failed' as const, expectedStatus: 'passed' as const },
      ],
      R: [
        { retry: 0, status: 'failed' as const, expectedStatus: 'passed' as const },
        { retry: 1, status: 'passed' as const, expectedStatus: 'passed' as const },
      ],
      S: [{ retry: 0, status: 'skipped' as const, expectedStatus: 'skipped' as const }],
    }[letter as Letter];
    return {
      runId: `run-${index}`,
      runStartedAt: new Date(Date.UTC(2026, 0, 1, 0, index)),
      gitCommit: commits?.[index] ?? `commit-${index}`,
      attempts,
    };
  });
}

describe('runOutcome', () => {
  it.each([
    ['P', 'passed'],
    ['F', 'failed'],
    ['R', 'flaky'],
    ['S', 'skipped'],
  ] as const)('%s is %s', (letter, outcome) => {
    expect(runOutcome(history(letter)[0]!)).toBe(outcome);
  });

  it('expected failure counts as passed', () => {
    const run: TestRun = {
      runId: 'r',
      runStartedAt: new Date(),
      attempts: [{ retry: 0, status: 'failed', expectedStatus: 'failed' }],
    };

    expect(runOutcome(run)).toBe('passed');
  });

  it('attempt order comes from retry, not input order', () => {
    const run: TestRun = {
      runId: 'r',
      runStartedAt: new Date(),
      attempts: [
        { retry: 1, status: 'passed', expectedStatus: 'passed' },
        { retry: 0, status: 'failed', expectedStatus: 'passed' },
      ],
    };

    expect(runOutcome(run)).toBe('flaky');
  });
});

describe('classifyTest', () => {
  // Histories are oldest first; the state describes the newest end.
  it.each([
    ['PPPPP', 'stable', 0, 0],
    ['PPRPP', 'flaky', 1, 0],
    ['PFPFP', 'fixed', 0, 2],
    ['PPFFF', 'broken', 0, 3],
    ['FFFFF', 'broken', 0, 5],
    ['PPPPF', 'broken', 0, 1],
    ['FFFPP', 'fixed', 0, 3],
    ['RPPFF', 'flaky', 1, 2],
    ['RPFFF', 'broken', 1, 3],
    ['PSSSP', 'stable', 0, 0],
  ])('%s is %s', (letters, state, flakyRuns, failedRuns) => {
    const verdict = classifyTest(history(letters));

    expect(verdict.state).toBe(state);
    expect(verdict.flakyRuns).toBe(flakyRuns);
    expect(verdict.failedRuns).toBe(failedRuns);
  });

  it('pass and fail on one commit is flaky', () => {
    const verdict = classifyTest(history('PFP', ['a', 'a', 'b']));

    expect(verdict.state).toBe('flaky');
    expect(verdict.flakyRuns).toBe(1);
    expect(verdict.flakeRate).toBeCloseTo(1 / 3, 12);
  });

  it('failures on commits never passed are not flaky', () => {
    const verdict = classifyTest(history('FFPP', ['a', 'a', 'b', 'b']));

    expect(verdict.state).toBe('fixed');
    expect(verdict.flakyRuns).toBe(0);
  });

  it('skipped runs do not count', () => {
    const verdict = classifyTest(history('RSSS'));

    expect(verdict.runs).toBe(1);
    expect(verdict.flakeRate).toBe(1);
    expect(verdict.outcomes).toEqual(['flaky']);
  });

  it('window keeps the newest runs', () => {
    const verdict = classifyTest(history('RRRRPPPPPP'), 6);

    expect(verdict.runs).toBe(6);
    expect(verdict.state).toBe('stable');
    expect(verdict.outcomes).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'passed']);
  });

  it('input order does not matter', () => {
    const runs = history('PPRFF');

    expect(classifyTest([...runs].reverse())).toEqual(classifyTest(runs));
  });

  it('no runs is stable with rate 0', () => {
    expect(classifyTest([])).toEqual({
      state: 'stable',
      runs: 0,
      flakyRuns: 0,
      flakeRate: 0,
      failedRuns: 0,
      outcomes: [],
    });
  });
});

describe('computeTestId', () => {
  it('is stable and 20 hex chars', () => {
    const id = computeTestId('api/iris/predict.spec.ts', 'api', ['POST /predict', 'batch']);

    expect(id).toMatch(/^[0-9a-f]{20}$/);
    expect(computeTestId('api/iris/predict.spec.ts', 'api', ['POST /predict', 'batch'])).toBe(id);
  });

  it('differs by project, file and title', () => {
    const base = computeTestId('a.spec.ts', 'api', ['x', 'y']);

    expect(computeTestId('a.spec.ts', 'ui', ['x', 'y'])).not.toBe(base);
    expect(computeTestId('b.spec.ts', 'api', ['x', 'y'])).not.toBe(base);
    expect(computeTestId('a.spec.ts', 'api', ['x y'])).not.toBe(base);
    expect(computeTestId('a.spec.ts', 'api', ['x', 'y', ''])).not.toBe(base);
  });

  it('treats Windows separators as /', () => {
    expect(computeTestId('api\\a.spec.ts', 'api', ['t'])).toBe(
      computeTestId('api/a.spec.ts', 'api', ['t']),
    );
  });
});
