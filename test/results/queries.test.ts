import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { classifyTest, openResultsStore } from '../../framework/results/index.ts';
import type { AttemptRecord, AttemptStatus, ResultsStore } from '../../framework/results/index.ts';
import { backends } from './backends.ts';
import { makeAttempt, makeRun, makeShard, makeTest } from './records-fixture.ts';

/**
 * Six runs, oldest first, one hour apart. r4 and r5 ran on the same commit,
 * so a test that fails in r4 and passes in r5 is flaky across runs.
 */
const RUNS = [
  { id: 'r1', commit: 'c1' },
  { id: 'r2', commit: 'c2' },
  { id: 'r3', commit: 'c3' },
  { id: 'r4', commit: 'c4' },
  { id: 'r5', commit: 'c4' },
  { id: 'r6', commit: 'c6' },
];

const runStart = (index: number) => new Date(Date.UTC(2024, 5, 1, 8 + index));

/**
 * Outcomes per test, one letter per run from r1 to r6: P passed, F failed,
 * R failed then passed on retry, S skipped. `durations` are the durations of
 * the passed attempts.
 */
const HISTORY: Record<string, { outcomes: string; durations: number[]; title: string[] }> = {
  'flaky-in-run': {
    outcomes: 'PRRPPP',
    durations: [40, 40, 40, 40, 40, 40],
    title: ['Predict', 'retries its way'],
  },
  'flaky-on-commit': {
    outcomes: 'PPPFPP',
    durations: [30, 30, 30, 30, 30, 30],
    title: ['Predict', 'fails once on c4'],
  },
  broken: {
    outcomes: 'PPPFFF',
    durations: [20, 20, 20, 20, 20, 20],
    title: ['Health', 'broken since c4'],
  },
  fixed: {
    outcomes: 'PFPPPP',
    durations: [25, 25, 25, 25, 25, 25],
    title: ['Health', 'fixed after c2'],
  },
  stable: { outcomes: 'PPPPPP', durations: [50, 50, 50, 50, 50, 50], title: ['Health', 'stable'] },
  slower: {
    outcomes: 'PPPPPP',
    durations: [100, 110, 120, 300, 310, 320],
    title: ['Train', 'got slower'],
  },
  'skipped-once': {
    outcomes: 'PPPPPS',
    durations: [10, 10, 10, 10, 10, 10],
    title: ['Train', 'skipped in r6'],
  },
};

/** Duration of a failed attempt: far above every passed one, so a leak into the percentiles shows. */
const FAILED_DURATION_MS = 9_000;

function attemptsFor(testId: string, runIndex: number, letter: string, passedMs: number) {
  const run = RUNS[runIndex];
  if (run === undefined) throw new Error(`No run at index ${runIndex}`);
  const attempt = (retry: number, status: AttemptStatus): AttemptRecord =>
    makeAttempt({
      id: `${run.id}-${testId}-${retry}`,
      runId: run.id,
      testId,
      retry,
      status,
      startedAt: new Date(runStart(runIndex).getTime() + retry * 1000),
      durationMs: status === 'passed' ? passedMs : FAILED_DURATION_MS,
      errorMessage:
        status === 'failed' ? `expect(received).toBe(expected)\n\nExpected: 200` : undefined,
    });

  switch (letter) {
    case 'P':
      return [attempt(0, 'passed')];
    case 'F':
      return [attempt(0, 'failed'), attempt(1, 'failed')];
    case 'R':
      return [attempt(0, 'failed'), attempt(1, 'passed')];
    case 'S':
      return [attempt(0, 'skipped')];
    default:
      throw new Error(`Unknown outcome letter ${letter}`);
  }
}

describe.each(backends())('store queries on $name', (backend) => {
  let store: ResultsStore;

  beforeAll(async () => {
    store = await openResultsStore(await backend.createDatabase());

    for (const [index, run] of RUNS.entries()) {
      await store.upsertRun(
        makeRun({
          id: run.id,
          startedAt: runStart(index),
          gitCommit: run.commit,
          gitBranch: 'main',
        }),
      );
      await store.upsertShard(
        makeShard({
          runId: run.id,
          startedAt: runStart(index),
          endedAt: new Date(runStart(index).getTime() + 90_000),
          status: 'passed',
          totals: { expected: 5, unexpected: index, flaky: 1, skipped: 0 },
        }),
      );
    }
    await store.upsertTests(Object.entries(HISTORY).map(([id, { title }]) => makeTest(id, title)));

    const attempts: AttemptRecord[] = [];
    for (const [testId, { outcomes, durations }] of Object.entries(HISTORY)) {
      [...outcomes].forEach((letter, runIndex) => {
        attempts.push(...attemptsFor(testId, runIndex, letter, durations[runIndex] ?? 0));
      });
    }
    await store.insertAttempts(attempts);
  });

  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('lists runs newest first', async () => {
    const runs = await store.listRuns({ limit: 4 });

    expect(runs.map((run) => run.id)).toEqual(['r6', 'r5', 'r4', 'r3']);
    expect(runs[0]?.gitCommit).toBe('c6');
    expect(runs[0]?.gitBranch).toBe('main');
    expect(runs[0]?.durationMs).toBe(90_000);
    expect(runs[0]?.shardCount).toBe(1);
    expect(runs[0]?.totals).toEqual({ expected: 5, unexpected: 5, flaky: 1, skipped: 0 });
  });

  it('finds history by id', async () => {
    const histories = await store.testHistory('broken');

    expect(histories.map((history) => history.test.id)).toEqual(['broken']);
    const attempts = histories[0]?.attempts ?? [];
    expect(attempts).toHaveLength(9);
    expect(attempts[0]).toMatchObject({
      runId: 'r6',
      gitCommit: 'c6',
      retry: 1,
      status: 'failed',
      durationMs: FAILED_DURATION_MS,
      errorMessage: 'expect(received).toBe(expected)',
    });
    expect(attempts[1]).toMatchObject({ runId: 'r6', retry: 0 });
    expect(attempts.at(-1)).toMatchObject({ runId: 'r1', retry: 0, status: 'passed' });
    expect(attempts.at(-1)?.errorMessage).toBeUndefined();
  });

  it('finds history by title substring', async () => {
    const histories = await store.testHistory('iris.spec.ts › health › F', { limit: 2 });

    expect(histories.map((history) => history.test.id)).toEqual(['fixed']);
    expect(histories[0]?.attempts.map((attempt) => attempt.runId)).toEqual(['r6', 'r5']);
  });

  it('returns no history for no match', async () => {
    expect(await store.testHistory('no such test')).toEqual([]);
    expect(await store.testHistory('%')).toEqual([]);
  });

  it('returns recent runs newest first', async () => {
    const histories = await store.recentTestRuns({ window: 2, testIds: ['flaky-on-commit'] });

    expect(histories).toHaveLength(1);
    const runs = histories[0]?.runs ?? [];
    expect(runs.map((run) => run.runId)).toEqual(['r6', 'r5']);
    expect(runs[1]?.gitCommit).toBe('c4');
    expect(runs[1]?.runStartedAt).toEqual(runStart(4));
    expect(runs[0]?.attempts).toEqual([{ retry: 0, status: 'passed', expectedStatus: 'passed' }]);
  });

  it('leaves skipped runs out', async () => {
    const [history] = await store.recentTestRuns({ testIds: ['skipped-once'] });

    expect(history?.runs.map((run) => run.runId)).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
  });

  it('classifies every crafted test', async () => {
    const histories = await store.recentTestRuns({ window: 30 });
    const states = Object.fromEntries(
      histories.map(({ test, runs }) => [test.id, classifyTest(runs).state]),
    );

    expect(states).toEqual({
      'flaky-in-run': 'flaky',
      'flaky-on-commit': 'flaky',
      broken: 'broken',
      fixed: 'fixed',
      stable: 'stable',
      slower: 'stable',
      'skipped-once': 'stable',
    });
  });

  it('lists flaky tests by flake rate', async () => {
    const flaky = await store.flakyTests({ window: 30, minRuns: 6 });

    expect(flaky.map(({ test }) => test.id)).toEqual(['flaky-in-run', 'flaky-on-commit']);
    expect(flaky[0]?.verdict.flakyRuns).toBe(2);
    expect(flaky[0]?.verdict.flakeRate).toBeCloseTo(2 / 6);
    expect(flaky[1]?.verdict.flakyRuns).toBe(1);
    expect(flaky[1]?.verdict.flakeRate).toBeCloseTo(1 / 6);
  });

  it('applies minRuns and window to flaky tests', async () => {
    expect(await store.flakyTests({ window: 30, minRuns: 7 })).toEqual([]);

    // In the newest three runs (r4..r6), only the c4 failure is a flake.
    const recent = await store.flakyTests({ window: 3, minRuns: 3 });
    expect(recent.map(({ test }) => test.id)).toEqual(['flaky-on-commit']);
    expect(recent[0]?.verdict.flakeRate).toBeCloseTo(1 / 3);
  });

  it('computes slowest test percentiles', async () => {
    const slowest = await store.slowestTests({ window: 30, limit: 3 });

    expect(slowest.map(({ test }) => test.id)).toEqual(['slower', 'stable', 'flaky-in-run']);
    const slower = slowest[0];
    expect(slower?.runs).toBe(6);
    expect(slower?.samples).toBe(6);
    expect(slower?.medianMs).toBe(210);
    // percentile_cont: 0.95 * 5 = 4.75, between 310 and 320.
    expect(slower?.p95Ms).toBeCloseTo(317.5);
    expect(slower?.olderMedianMs).toBe(110);
    expect(slower?.newerMedianMs).toBe(310);
    expect(slower?.medianChangeMs).toBe(200);
    expect(slower?.medianChangeRatio).toBeCloseTo(200 / 110);
    // Failed attempts of 9 s are left out of the flaky test's durations.
    expect(slowest[2]?.p95Ms).toBe(40);
  });

  it('sorts slowest tests by change', async () => {
    const changed = await store.slowestTests({ window: 2, limit: 2, orderBy: 'change' });

    expect(changed[0]?.test.id).toBe('slower');
    expect(changed[0]?.medianMs).toBe(315);
    expect(changed[0]?.olderMedianMs).toBe(310);
    expect(changed[0]?.newerMedianMs).toBe(320);
    expect(changed[0]?.medianChangeMs).toBe(10);
    expect(changed[1]?.medianChangeMs).toBe(0);
  });

  it('counts only runs with a pass', async () => {
    const all = await store.slowestTests({ window: 30, limit: 100 });
    const broken = all.find(({ test }) => test.id === 'broken');

    // Three passing runs: the middle one belongs to neither half.
    expect(broken?.runs).toBe(3);
    expect(broken?.samples).toBe(3);
    expect(broken?.medianMs).toBe(20);
    expect(broken?.medianChangeMs).toBe(0);
    expect(all).toHaveLength(7);
  });
});
