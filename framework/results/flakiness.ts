/**
 * Flaky-test classification over a test's recent runs. Pure functions: the
 * store supplies the history, the CLI and the quarantine list consume the
 * verdicts.
 */
import type { AttemptStatus } from './records.ts';

/** The outcome of one test in one run, from its attempts. */
export type RunOutcome = 'passed' | 'flaky' | 'failed' | 'skipped';

/** A test's attempts in one run, as the store returns them. */
export interface TestRun {
  runId: string;
  runStartedAt: Date;
  gitCommit?: string;
  attempts: Array<{ retry: number; status: AttemptStatus; expectedStatus: AttemptStatus }>;
}

export type TestState = 'stable' | 'flaky' | 'broken' | 'fixed';

export interface FlakinessVerdict {
  state: TestState;
  /** Runs of the window in which the test ran (skipped runs are left out). */
  runs: number;
  /** Runs counted as flaky: in-run flakes, plus failures on a commit where the test also passed. */
  flakyRuns: number;
  /** flakyRuns / runs; 0 when the test never ran. */
  flakeRate: number;
  failedRuns: number;
  /** Outcomes from the newest run to the oldest, for display. */
  outcomes: RunOutcome[];
}

/** Default window: the last 30 runs of each test. */
export const DEFAULT_WINDOW = 30;

/**
 * A test is broken when its newest runs all failed without a flake. Three runs
 * tell a consistent failure from one unlucky run; with fewer runs in the
 * window, all of them must have failed.
 */
export const BROKEN_STREAK = 3;

/**
 * Classifies one run from its attempts, as Playwright's `TestCase.outcome()`
 * does: an attempt is good when its status equals its expected status.
 */
export function runOutcome(run: TestRun): RunOutcome {
  const attempts = [...run.attempts].sort((a, b) => a.retry - b.retry);
  const last = attempts.at(-1);
  if (last === undefined || attempts.every((attempt) => attempt.status === 'skipped')) {
    return 'skipped';
  }

  const good = (attempt: (typeof attempts)[number]) =>
    attempt.status === attempt.expectedStatus || attempt.status === 'skipped';
  if (!good(last)) return 'failed';
  return attempts.some((attempt) => !good(attempt)) ? 'flaky' : 'passed';
}

/**
 * Classifies a test over its recent runs (newest first is not required).
 *
 * A run counts as flaky when the test failed and then passed on retry within
 * it, or when it failed on a commit where it also passed in another run. The
 * state is, in this order: broken when its newest {@link BROKEN_STREAK} runs
 * failed with no flaky run among them; flaky when any run of the window was
 * flaky; fixed when it failed in the window but its newest run passed; broken
 * when its newest run failed; stable when it never failed in the window.
 */
export function classifyTest(history: TestRun[], window = DEFAULT_WINDOW): FlakinessVerdict {
  const newestFirst = [...history]
    .sort((a, b) => b.runStartedAt.getTime() - a.runStartedAt.getTime())
    .map((run) => ({ run, outcome: runOutcome(run) }))
    .filter(({ outcome }) => outcome !== 'skipped')
    .slice(0, window);

  // Commits on which the test passed at least once, for the cross-run rule.
  const passingCommits = new Set(
    newestFirst
      .filter(({ outcome, run }) => outcome !== 'failed' && run.gitCommit !== undefined)
      .map(({ run }) => run.gitCommit),
  );
  const isFlaky = ({ run, outcome }: (typeof newestFirst)[number]) =>
    outcome === 'flaky' ||
    (outcome === 'failed' && run.gitCommit !== undefined && passingCommits.has(run.gitCommit));

  const runs = newestFirst.length;
  const flakyRuns = newestFirst.filter(isFlaky).length;
  const failedRuns = newestFirst.filter(({ outcome }) => outcome === 'failed').length;
  const outcomes = newestFirst.map(({ outcome }) => outcome);
  const verdict = (state: TestState): FlakinessVerdict => ({
    state,
    runs,
    flakyRuns,
    flakeRate: runs === 0 ? 0 : flakyRuns / runs,
    failedRuns,
    outcomes,
  });

  const streak = newestFirst.slice(0, BROKEN_STREAK);
  const broken =
    streak.length > 0 &&
    streak.every(({ outcome }) => outcome === 'failed') &&
    !streak.some(isFlaky);
  if (broken) return verdict('broken');
  if (flakyRuns > 0) return verdict('flaky');
  if (failedRuns > 0 && outcomes[0] === 'passed') return verdict('fixed');
  if (failedRuns > 0) return verdict('broken');
  return verdict('stable');
}
