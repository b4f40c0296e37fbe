/**
 * Load test summaries in the results store: one row per scenario run, from
 * `nova load` (no run id) or from a smoke run in the `load` Playwright project.
 */
import type { Queryable } from './database.ts';

/** A load summary as the store keeps it. Latencies are microseconds. */
export interface LoadSummaryRecord {
  id: string;
  runId?: string;
  testId?: string;
  attemptId?: string;
  scenario: string;
  system: string;
  executor: string;
  machine: string;
  profile: 'full' | 'smoke';
  startedAt: Date;
  durationMs: number;
  requests: number;
  errors: number;
  rps: number;
  throughputBytesPerSecond: number;
  latencyUs: {
    p50: number;
    p90: number;
    p95: number;
    p99: number;
    p999: number;
    max: number;
    mean: number;
  };
  /** Keyed by `<metric>[{tag}] <expression>`. */
  thresholds: Record<
    string,
    { pass: boolean; actual: number; limit: number; metric: string; tag?: string; unit: string }
  >;
  checks: Record<string, { passes: number; fails: number }>;
  statusCodes: Record<string, number>;
  errorsByKind: Record<string, number>;
  tags: Record<string, unknown>;
  droppedIterations: number;
  generatorCpuPercent: number;
  reliable: boolean;
  generators: number;
  /** Encoded HDR histogram (compressed base64), stored as bytes. */
  histogram: string;
}

/** An earlier run of a scenario, as history comparisons read it. */
export interface LoadHistoryEntry {
  id: string;
  startedAt: Date;
  p95Us: number;
  rps: number;
  requests: number;
}

const COLUMNS = [
  'id',
  'run_id',
  'test_id',
  'attempt_id',
  'scenario',
  'system',
  'executor',
  'machine',
  'profile',
  'started_at',
  'duration_ms',
  'requests',
  'errors',
  'rps',
  'throughput_bytes_per_s',
  'latency_p50_us',
  'latency_p90_us',
  'latency_p95_us',
  'latency_p99_us',
  'latency_p999_us',
  'latency_max_us',
  'latency_avg_us',
  'thresholds',
  'checks',
  'status_codes',
  'errors_by_kind',
  'tags',
  'dropped_iterations',
  'generator_cpu_percent',
  'reliable',
  'generators',
  'histogram',
];

/**
 * Inserts load summaries; a summary whose id is stored already is skipped,
 * so that a record sent twice adds one row. Returns the number inserted.
 */
export async function insertLoadSummaries(
  db: Queryable,
  records: readonly LoadSummaryRecord[],
): Promise<number> {
  let inserted = 0;
  for (const record of records) {
    const placeholders = COLUMNS.map((_, index) => `$${index + 1}`).join(', ');
    const result = await db.query(
      `INSERT INTO load_summaries (${COLUMNS.join(', ')}) VALUES (${placeholders}) ON CONFLICT (id) DO NOTHING`,
      [
        record.id,
        record.runId ?? null,
        record.testId ?? null,
        record.attemptId ?? null,
        record.scenario,
        record.system,
        record.executor,
        record.machine,
        record.profile,
        record.startedAt.toISOString(),
        record.durationMs,
        record.requests,
        record.errors,
        record.rps,
        record.throughputBytesPerSecond,
        record.latencyUs.p50,
        record.latencyUs.p90,
        record.latencyUs.p95,
        record.latencyUs.p99,
        record.latencyUs.p999,
        record.latencyUs.max,
        record.latencyUs.mean,
        JSON.stringify(record.thresholds),
        JSON.stringify(record.checks),
        JSON.stringify(record.statusCodes),
        JSON.stringify(record.errorsByKind),
        JSON.stringify(record.tags),
        record.droppedIterations,
        record.generatorCpuPercent,
        record.reliable,
        record.generators,
        Buffer.from(record.histogram, 'base64'),
      ],
    );
    inserted += result.rowCount;
  }
  return inserted;
}

interface HistoryRow {
  id: string;
  started_at: Date | string;
  latency_p95_us: number | null;
  rps: number;
  requests: string | number;
}

/**
 * The newest reliable runs of one scenario on one machine and profile,
 * newest first. Unreliable runs measured the generator, so they are left out.
 */
export async function loadHistory(
  db: Queryable,
  selector: {
    system: string;
    scenario: string;
    machine: string;
    profile: 'full' | 'smoke';
    excludeId?: string;
    limit: number;
  },
): Promise<LoadHistoryEntry[]> {
  const result = await db.query<HistoryRow>(
    `SELECT id, started_at, latency_p95_us, rps, requests
       FROM load_summaries
      WHERE system = $1 AND scenario = $2 AND machine = $3 AND profile = $4 AND reliable
        AND id <> $5 AND requests > 0
      ORDER BY started_at DESC, id DESC
      LIMIT $6`,
    [
      selector.system,
      selector.scenario,
      selector.machine,
      selector.profile,
      selector.excludeId ?? '',
      selector.limit,
    ],
  );
  return result.rows.map((row) => ({
    id: row.id,
    startedAt: new Date(row.started_at),
    p95Us: row.latency_p95_us ?? 0,
    rps: row.rps,
    requests: Number(row.requests),
  }));
}
