import type { Queryable } from './database.ts';
import { DEFAULT_WINDOW, classifyTest } from './flakiness.ts';
import type { FlakinessVerdict, TestRun } from './flakiness.ts';
import type { AttemptStatus } from './records.ts';
import { TEST_COLUMNS, orUndefined, storedTestFromRow } from './stored-test.ts';
import type { StoredTest, TestRow } from './stored-test.ts';

/** A test and its recent runs, newest first, ready for `classifyTest`. */
export interface TestRunHistory {
  test: StoredTest;
  runs: TestRun[];
}

export interface FlakyTest {
  test: StoredTest;
  verdict: FlakinessVerdict;
}

/**
 * Minimum runs in the window before a test can be listed as flaky, because
 * with two runs one unlucky run is already a flake rate of 50%. The value is
 * a judgment, not a measurement.
 */
export const DEFAULT_MIN_RUNS = 5;

interface TestRunRow extends TestRow {
  run_id: string;
  run_started_at: Date;
  git_commit: string | null;
  attempts: Array<{ retry: number; status: AttemptStatus; expectedStatus: AttemptStatus }>;
}

/**
 * Returns, per test, its newest `window` runs in which it ran, newest first.
 * A run where every attempt was skipped is left out, as `classifyTest` leaves
 * it out. With `--repeat-each`, each repetition is a run of its own, because
 * Playwright reports each repetition as a test case of its own. Tests without
 * a run are left out, unless they are named in `testIds`.
 */
export async function recentTestRuns(
  db: Queryable,
  { window = DEFAULT_WINDOW, testIds }: { window?: number; testIds?: readonly string[] } = {},
): Promise<TestRunHistory[]> {
  // NOTE: this reads every attempt of the selected tests before ranking runs,
  // which is fine for thousands of runs but wants a cut-off by date beyond that.
  const result = await db.query<TestRunRow>(
    `WITH test_runs AS (
       SELECT a.test_id, a.run_id, a.repeat_each_index,
         r.started_at AS run_started_at, r.git_commit,
         jsonb_agg(
           jsonb_build_object('retry', a.retry, 'status', a.status, 'expectedStatus', a.expected_status)
           ORDER BY a.retry
         ) AS attempts
       FROM attempts a
       JOIN runs r ON r.id = a.run_id
       WHERE $2::text[] IS NULL OR a.test_id = ANY($2::text[])
       GROUP BY a.test_id, a.run_id, a.repeat_each_index, r.started_at, r.git_commit
       HAVING NOT bool_and(a.status = 'skipped')
     ),
     ranked AS (
       SELECT test_runs.*,
         row_number() OVER (
           PARTITION BY test_id ORDER BY run_started_at DESC, run_id DESC, repeat_each_index DESC
         ) AS position
       FROM test_runs
     )
     SELECT ${TEST_COLUMNS}, ranked.run_id, ranked.run_started_at, ranked.git_commit, ranked.attempts
     FROM ranked
     JOIN tests t ON t.id = ranked.test_id
     WHERE ranked.position <= $1
     ORDER BY t.file, t.title_path, t.project, t.id, ranked.position`,
    [window, testIds === undefined ? null : [...testIds]],
  );

  const histories = new Map<string, TestRunHistory>();
  for (const row of result.rows) {
    let history = histories.get(row.test_id);
    if (history === undefined) {
      history = { test: storedTestFromRow(row), runs: [] };
      histories.set(row.test_id, history);
    }
    history.runs.push({
      runId: row.run_id,
      runStartedAt: row.run_started_at,
      gitCommit: orUndefined(row.git_commit),
      attempts: row.attempts,
    });
  }

  const missing = (testIds ?? []).filter((id) => !histories.has(id));
  if (missing.length > 0) {
    const tests = await db.query<TestRow>(
      `SELECT ${TEST_COLUMNS} FROM tests t WHERE t.id = ANY($1::text[]) ORDER BY t.file, t.title_path`,
      [missing],
    );
    for (const row of tests.rows) {
      histories.set(row.test_id, { test: storedTestFromRow(row), runs: [] });
    }
  }
  return [...histories.values()];
}

/**
 * Classifies every test over its newest `window` runs and returns those whose
 * state is flaky and that ran at least `minRuns` times, highest flake rate first.
 */
export async function flakyTests(
  db: Queryable,
  {
    window = DEFAULT_WINDOW,
    minRuns = DEFAULT_MIN_RUNS,
  }: { window?: number; minRuns?: number } = {},
): Promise<FlakyTest[]> {
  const histories = await recentTestRuns(db, { window });

  const flaky: FlakyTest[] = [];
  for (const { test, runs } of histories) {
    const verdict = classifyTest(runs, window);
    if (verdict.state === 'flaky' && verdict.runs >= minRuns) flaky.push({ test, verdict });
  }

  return flaky.sort(
    (a, b) =>
      b.verdict.flakeRate - a.verdict.flakeRate ||
      b.verdict.flakyRuns - a.verdict.flakyRuns ||
      a.test.file.localeCompare(b.test.file) ||
      a.test.title.localeCompare(b.test.title),
  );
}
