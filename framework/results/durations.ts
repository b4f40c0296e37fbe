import type { Queryable } from './database.ts';
import { DEFAULT_WINDOW } from './flakiness.ts';
import { TEST_COLUMNS, orUndefined, storedTestFromRow } from './stored-test.ts';
import type { StoredTest, TestRow } from './stored-test.ts';

/** Durations of one test's passed attempts over its newest runs. */
export interface TestDurations {
  test: StoredTest;
  /** Runs in the window: the test's newest runs with at least one passed attempt. */
  runs: number;
  /** Passed attempts in those runs. */
  samples: number;
  medianMs: number;
  /** 95th percentile, interpolated between the two nearest samples. */
  p95Ms: number;
  /**
   * Medians of the older and the newer half of the window. With an odd
   * number of runs the middle run belongs to neither half; with fewer than
   * two runs both are undefined.
   */
  olderMedianMs?: number;
  newerMedianMs?: number;
  /** newerMedianMs - olderMedianMs: positive when the test got slower. */
  medianChangeMs?: number;
  /** newerMedianMs / olderMedianMs - 1; undefined when the older median is 0. */
  medianChangeRatio?: number;
}

export interface SlowestTestsOptions {
  window?: number;
  limit?: number;
  /** `median` lists the slowest tests; `change` lists the tests that got slower the most. */
  orderBy?: 'median' | 'change';
}

export const DEFAULT_SLOWEST_LIMIT = 20;

interface DurationRow extends TestRow {
  runs: number;
  samples: number;
  median_ms: number;
  p95_ms: number;
  older_median_ms: number | null;
  newer_median_ms: number | null;
}

function durationsFromRow(row: DurationRow): TestDurations {
  const older = orUndefined(row.older_median_ms);
  const newer = orUndefined(row.newer_median_ms);
  const change = older !== undefined && newer !== undefined ? newer - older : undefined;
  return {
    test: storedTestFromRow(row),
    runs: row.runs,
    samples: row.samples,
    medianMs: row.median_ms,
    p95Ms: row.p95_ms,
    olderMedianMs: older,
    newerMedianMs: newer,
    medianChangeMs: change,
    medianChangeRatio:
      change !== undefined && older !== undefined && older > 0 ? change / older : undefined,
  };
}

/**
 * Returns per test the median and 95th percentile duration of its passed
 * attempts over its newest `window` runs with a pass, and how the median of
 * the newer half of those runs differs from the older half.
 */
export async function slowestTests(
  db: Queryable,
  {
    window = DEFAULT_WINDOW,
    limit = DEFAULT_SLOWEST_LIMIT,
    orderBy = 'median',
  }: SlowestTestsOptions = {},
): Promise<TestDurations[]> {
  const order =
    orderBy === 'change'
      ? '(d.newer_median_ms - d.older_median_ms) DESC NULLS LAST, d.median_ms DESC'
      : 'd.median_ms DESC';

  // position 1 is the newest run. With n runs in the window, the newer half is
  // positions 1..floor(n/2) and the older half is the last floor(n/2).
  const result = await db.query<DurationRow>(
    `WITH passed_runs AS (
       SELECT a.test_id, a.run_id, r.started_at AS run_started_at
       FROM attempts a
       JOIN runs r ON r.id = a.run_id
       WHERE a.status = 'passed'
       GROUP BY a.test_id, a.run_id, r.started_at
     ),
     windowed AS (
       SELECT test_id, run_id, position, least(run_count, $1) AS n
       FROM (
         SELECT test_id, run_id,
           row_number() OVER (PARTITION BY test_id ORDER BY run_started_at DESC, run_id DESC) AS position,
           count(*) OVER (PARTITION BY test_id) AS run_count
         FROM passed_runs
       ) ranked
       WHERE position <= $1
     ),
     durations AS (
       SELECT w.test_id,
         count(DISTINCT w.run_id)::int AS runs,
         count(*)::int AS samples,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY a.duration_ms) AS median_ms,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY a.duration_ms) AS p95_ms,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY a.duration_ms)
           FILTER (WHERE w.position > w.n - w.n / 2) AS older_median_ms,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY a.duration_ms)
           FILTER (WHERE w.position <= w.n / 2) AS newer_median_ms
       FROM windowed w
       JOIN attempts a ON a.test_id = w.test_id AND a.run_id = w.run_id AND a.status = 'passed'
       GROUP BY w.test_id
     )
     SELECT ${TEST_COLUMNS}, d.runs, d.samples, d.median_ms, d.p95_ms, d.older_median_ms, d.newer_median_ms
     FROM durations d
     JOIN tests t ON t.id = d.test_id
     ORDER BY ${order}, t.file, t.title_path
     LIMIT $2`,
    [window, limit],
  );
  return result.rows.map(durationsFromRow);
}
