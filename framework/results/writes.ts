import type { Database } from './database.ts';
import type { AttemptRecord, RunRecord, ShardRecord, TestRecord } from './records.ts';
import { chunks, placeholders } from './sql-values.ts';
import { insertVisualComparisons } from './visual-comparisons.ts';

/**
 * Rows per INSERT statement. 500 attempts of 15 columns are 7,500
 * parameters, well below PostgreSQL's limit of 65,535 per statement.
 */
export const INSERT_BATCH_SIZE = 500;

const optional = <T>(value: T | undefined): T | null => value ?? null;

/**
 * Inserts a run or merges it into the stored one. Every shard of a CI run
 * upserts the same run: the earliest start wins, git and CI fields that are
 * still empty are filled in, and environment keys that are missing are added.
 */
export async function upsertRun(db: Database, run: RunRecord): Promise<void> {
  await db.query(
    `INSERT INTO runs (id, started_at, git_commit, git_branch, ci_provider, run_url, environment)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET
       started_at = LEAST(runs.started_at, EXCLUDED.started_at),
       git_commit = COALESCE(runs.git_commit, EXCLUDED.git_commit),
       git_branch = COALESCE(runs.git_branch, EXCLUDED.git_branch),
       ci_provider = COALESCE(runs.ci_provider, EXCLUDED.ci_provider),
       run_url = COALESCE(runs.run_url, EXCLUDED.run_url),
       environment = EXCLUDED.environment || runs.environment`,
    [
      run.id,
      run.startedAt.toISOString(),
      optional(run.gitCommit),
      optional(run.gitBranch),
      optional(run.ciProvider),
      optional(run.runUrl),
      JSON.stringify(run.environment),
    ],
  );
}

/**
 * Inserts a shard or updates it. The reporter upserts a shard when it begins
 * (without end, status and totals) and again when it ends, so a missing field
 * keeps the stored value. Upsert the run first: the shard refers to it.
 */
export async function upsertShard(db: Database, shard: ShardRecord): Promise<void> {
  await db.query(
    `INSERT INTO run_shards
       (run_id, shard_index, shard_total, started_at, ended_at, status, expected, unexpected, flaky, skipped)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (run_id, shard_index) DO UPDATE SET
       shard_total = EXCLUDED.shard_total,
       started_at = LEAST(run_shards.started_at, EXCLUDED.started_at),
       ended_at = COALESCE(EXCLUDED.ended_at, run_shards.ended_at),
       status = COALESCE(EXCLUDED.status, run_shards.status),
       expected = COALESCE(EXCLUDED.expected, run_shards.expected),
       unexpected = COALESCE(EXCLUDED.unexpected, run_shards.unexpected),
       flaky = COALESCE(EXCLUDED.flaky, run_shards.flaky),
       skipped = COALESCE(EXCLUDED.skipped, run_shards.skipped)`,
    [
      shard.runId,
      shard.shardIndex,
      shard.shardTotal,
      shard.startedAt.toISOString(),
      shard.endedAt?.toISOString() ?? null,
      optional(shard.status),
      optional(shard.totals?.expected),
      optional(shard.totals?.unexpected),
      optional(shard.totals?.flaky),
      optional(shard.totals?.skipped),
    ],
  );
}

/**
 * Inserts tests or updates their tags; `first_seen_at` is set on first insert
 * only. A test listed twice keeps its last entry, because one INSERT ... ON
 * CONFLICT DO UPDATE statement may not update the same row twice.
 */
export async function upsertTests(db: Database, tests: readonly TestRecord[]): Promise<void> {
  const unique = [...new Map(tests.map((test) => [test.id, test])).values()];
  if (unique.length === 0) return;

  await db.transaction(async (tx) => {
    for (const batch of chunks(unique, INSERT_BATCH_SIZE)) {
      const params = batch.flatMap((test) => [
        test.id,
        test.file,
        test.project,
        test.titlePath,
        test.tags,
      ]);
      await tx.query(
        `INSERT INTO tests (id, file, project, title_path, tags)
         VALUES ${placeholders(batch.length, 5)}
         ON CONFLICT (id) DO UPDATE SET tags = EXCLUDED.tags`,
        params,
      );
    }
  });
}

const ATTEMPT_COLUMNS = [
  'id',
  'run_id',
  'test_id',
  'shard_index',
  'retry',
  'repeat_each_index',
  'status',
  'expected_status',
  'started_at',
  'duration_ms',
  'worker_index',
  'error_message',
  'error_stack',
  'attachments',
  'annotations',
];

function attemptParams(attempt: AttemptRecord): unknown[] {
  return [
    attempt.id,
    attempt.runId,
    attempt.testId,
    attempt.shardIndex,
    attempt.retry,
    attempt.repeatEachIndex,
    attempt.status,
    attempt.expectedStatus,
    attempt.startedAt.toISOString(),
    attempt.durationMs,
    attempt.workerIndex,
    optional(attempt.errorMessage),
    optional(attempt.errorStack),
    JSON.stringify(attempt.attachments),
    JSON.stringify(attempt.annotations),
  ];
}

/**
 * Inserts attempts in multi-row statements of up to {@link INSERT_BATCH_SIZE}
 * rows, in one transaction. An attempt whose id is already stored is left
 * as it is, so a replayed batch adds nothing. Upsert the run and the tests
 * first: attempts refer to both. Returns the number of rows inserted.
 */
export async function insertAttempts(
  db: Database,
  attempts: readonly AttemptRecord[],
): Promise<number> {
  if (attempts.length === 0) return 0;

  return db.transaction(async (tx) => {
    let inserted = 0;
    for (const batch of chunks(attempts, INSERT_BATCH_SIZE)) {
      const result = await tx.query(
        `INSERT INTO attempts (${ATTEMPT_COLUMNS.join(', ')})
         VALUES ${placeholders(batch.length, ATTEMPT_COLUMNS.length)}
         ON CONFLICT (id) DO NOTHING`,
        batch.flatMap(attemptParams),
      );
      inserted += result.rowCount;
    }
    await insertVisualComparisons(
      tx,
      attempts.flatMap((attempt) => attempt.visualComparisons ?? []),
    );
    return inserted;
  });
}
