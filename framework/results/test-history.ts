import type { Queryable } from './database.ts';
import type { AttemptStatus } from './records.ts';
import { TEST_COLUMNS, orUndefined, storedTestFromRow } from './stored-test.ts';
import type { StoredTest, TestRow } from './stored-test.ts';

/** One attempt as `nova history` shows it. */
export interface AttemptSummary {
  attemptId: string;
  runId: string;
  runStartedAt: Date;
  startedAt: Date;
  gitCommit?: string;
  gitBranch?: string;
  shardIndex: number;
  retry: number;
  repeatEachIndex: number;
  status: AttemptStatus;
  expectedStatus: AttemptStatus;
  durationMs: number;
  /** First line of the error message; undefined when the attempt has no error. */
  errorMessage?: string;
}

export interface TestHistory {
  test: StoredTest;
  /** Newest first. */
  attempts: AttemptSummary[];
}

export const DEFAULT_HISTORY_LIMIT = 20;

interface AttemptRow {
  id: string;
  test_id: string;
  run_id: string;
  run_started_at: Date;
  started_at: Date;
  git_commit: string | null;
  git_branch: string | null;
  shard_index: number;
  retry: number;
  repeat_each_index: number;
  status: AttemptStatus;
  expected_status: AttemptStatus;
  duration_ms: number;
  error_message: string | null;
}

function attemptSummaryFromRow(row: AttemptRow): AttemptSummary {
  return {
    attemptId: row.id,
    runId: row.run_id,
    runStartedAt: row.run_started_at,
    startedAt: row.started_at,
    gitCommit: orUndefined(row.git_commit),
    gitBranch: orUndefined(row.git_branch),
    shardIndex: row.shard_index,
    retry: row.retry,
    repeatEachIndex: row.repeat_each_index,
    status: row.status,
    expectedStatus: row.expected_status,
    durationMs: row.duration_ms,
    errorMessage: orUndefined(row.error_message),
  };
}

/**
 * Finds the tests whose id equals `selector` or whose `file › title › path`
 * contains it, ignoring case, and returns each with its newest `limit`
 * attempts. Tests are sorted by file and title path.
 */
export async function testHistory(
  db: Queryable,
  selector: string,
  { limit = DEFAULT_HISTORY_LIMIT }: { limit?: number } = {},
): Promise<TestHistory[]> {
  // strpos instead of LIKE, so that % and _ in the selector match themselves.
  const tests = await db.query<TestRow>(
    `SELECT ${TEST_COLUMNS}
     FROM tests t
     WHERE t.id = $1
        OR strpos(lower(t.file || ' › ' || array_to_string(t.title_path, ' › ')), lower($1)) > 0
     ORDER BY t.file, t.title_path, t.project`,
    [selector],
  );
  if (tests.rows.length === 0) return [];

  const attempts = await db.query<AttemptRow>(
    `SELECT id, test_id, run_id, run_started_at, started_at, git_commit, git_branch, shard_index,
       retry, repeat_each_index, status, expected_status, duration_ms, error_message
     FROM (
       SELECT a.id, a.test_id, a.run_id, r.started_at AS run_started_at, a.started_at,
         r.git_commit, r.git_branch, a.shard_index, a.retry, a.repeat_each_index, a.status,
         a.expected_status, a.duration_ms, split_part(a.error_message, E'\\n', 1) AS error_message,
         row_number() OVER (PARTITION BY a.test_id ORDER BY a.started_at DESC, a.retry DESC, a.id) AS position
       FROM attempts a
       JOIN runs r ON r.id = a.run_id
       WHERE a.test_id = ANY($1::text[])
     ) newest
     WHERE position <= $2
     ORDER BY test_id, position`,
    [tests.rows.map((row) => row.test_id), limit],
  );

  const byTest = new Map<string, AttemptSummary[]>();
  for (const row of attempts.rows) {
    const list = byTest.get(row.test_id) ?? [];
    list.push(attemptSummaryFromRow(row));
    byTest.set(row.test_id, list);
  }
  return tests.rows.map((row) => ({
    test: storedTestFromRow(row),
    attempts: byTest.get(row.test_id) ?? [],
  }));
}
