import type { Queryable } from './database.ts';
import type { RunStatus, RunTotals } from './records.ts';
import { orUndefined } from './stored-test.ts';

/** One run with its shards added up, as `nova runs` lists it. */
export interface RunSummary {
  id: string;
  startedAt: Date;
  /** End of the last shard; undefined until every shard of `shardTotal` has ended. */
  endedAt?: Date;
  /** From the run's start to the end of its last shard; undefined until every shard has ended. */
  durationMs?: number;
  gitCommit?: string;
  gitBranch?: string;
  ciProvider?: string;
  runUrl?: string;
  /** Shards stored so far. */
  shardCount: number;
  /** Shards the run was split into, from `--shard x/N`; undefined before any shard is stored. */
  shardTotal?: number;
  /** The most severe status of its shards; undefined until every shard of `shardTotal` has one. */
  status?: RunStatus;
  /** Sums over the shards that reported totals. */
  totals: RunTotals;
}

export const DEFAULT_RUN_LIMIT = 20;

/** From least to most severe: a run's status is the most severe of its shards'. */
const STATUS_SEVERITY: readonly RunStatus[] = ['passed', 'failed', 'timedout', 'interrupted'];

interface RunRow {
  id: string;
  started_at: Date;
  git_commit: string | null;
  git_branch: string | null;
  ci_provider: string | null;
  run_url: string | null;
  shard_count: number;
  shard_total: number | null;
  ended_at: Date | null;
  all_ended: boolean | null;
  statuses: RunStatus[] | null;
  expected: number;
  unexpected: number;
  flaky: number;
  skipped: number;
}

/** True when every shard of the run is stored; a shard that never reported keeps the run open. */
function allShardsStored(row: RunRow): boolean {
  return row.shard_count > 0 && row.shard_count >= (row.shard_total ?? 1);
}

function runStatus(row: RunRow): RunStatus | undefined {
  const statuses = row.statuses ?? [];
  if (!allShardsStored(row) || statuses.length < row.shard_count) return undefined;
  return statuses.reduce((worst, status) =>
    STATUS_SEVERITY.indexOf(status) > STATUS_SEVERITY.indexOf(worst) ? status : worst,
  );
}

function runSummaryFromRow(row: RunRow): RunSummary {
  const ended = allShardsStored(row) && row.all_ended === true && row.ended_at !== null;
  return {
    id: row.id,
    startedAt: row.started_at,
    endedAt: ended ? orUndefined(row.ended_at) : undefined,
    durationMs:
      ended && row.ended_at !== null
        ? row.ended_at.getTime() - row.started_at.getTime()
        : undefined,
    gitCommit: orUndefined(row.git_commit),
    gitBranch: orUndefined(row.git_branch),
    ciProvider: orUndefined(row.ci_provider),
    runUrl: orUndefined(row.run_url),
    shardCount: row.shard_count,
    shardTotal: orUndefined(row.shard_total),
    status: runStatus(row),
    totals: {
      expected: row.expected,
      unexpected: row.unexpected,
      flaky: row.flaky,
      skipped: row.skipped,
    },
  };
}

/** Lists the newest runs first, with totals summed over their shards. */
export async function listRuns(
  db: Queryable,
  { limit = DEFAULT_RUN_LIMIT }: { limit?: number } = {},
): Promise<RunSummary[]> {
  const result = await db.query<RunRow>(
    `SELECT r.id, r.started_at, r.git_commit, r.git_branch, r.ci_provider, r.run_url,
       count(s.shard_index)::int AS shard_count,
       max(s.shard_total)::int AS shard_total,
       max(s.ended_at) AS ended_at,
       bool_and(s.ended_at IS NOT NULL) AS all_ended,
       array_agg(s.status) FILTER (WHERE s.status IS NOT NULL) AS statuses,
       coalesce(sum(s.expected), 0)::int AS expected,
       coalesce(sum(s.unexpected), 0)::int AS unexpected,
       coalesce(sum(s.flaky), 0)::int AS flaky,
       coalesce(sum(s.skipped), 0)::int AS skipped
     FROM runs r
     LEFT JOIN run_shards s ON s.run_id = r.id
     GROUP BY r.id
     ORDER BY r.started_at DESC, r.id DESC
     LIMIT $1`,
    [limit],
  );
  return result.rows.map(runSummaryFromRow);
}
