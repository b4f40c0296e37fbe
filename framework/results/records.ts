/**
 * Records of the results store: what the reporter writes and the queries
 * return. Timestamps are `Date`; durations are milliseconds.
 */

/** Playwright's `TestResult.status`. */
export type AttemptStatus = 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';

/** Playwright's `FullResult.status` for a whole run or shard. */
export type RunStatus = 'passed' | 'failed' | 'timedout' | 'interrupted';

/** Counts of tests by Playwright's outcome (`TestCase.outcome()`). */
export interface RunTotals {
  expected: number;
  unexpected: number;
  flaky: number;
  skipped: number;
}

/**
 * One run. All shards of one CI run share `id`. Each shard reports its own
 * part through `ShardRecord`, and the run's totals are the sum of its shards.
 */
export interface RunRecord {
  id: string;
  startedAt: Date;
  gitCommit?: string;
  gitBranch?: string;
  /** For example `github-actions`, `gitlab`, `jenkins`; undefined outside CI. */
  ciProvider?: string;
  runUrl?: string;
  /** Free-form environment facts: node version, browser, base URLs, OS. */
  environment: Record<string, string>;
}

/** One shard of a run; a run without `--shard` has one shard, 1 of 1. */
export interface ShardRecord {
  runId: string;
  shardIndex: number;
  shardTotal: number;
  startedAt: Date;
  endedAt?: Date;
  status?: RunStatus;
  totals?: RunTotals;
}

/** A test, identified across runs by file, project and title path. */
export interface TestRecord {
  /** Stable id: a hash of `file`, `project` and `titlePath`. */
  id: string;
  /** Path relative to the Playwright config's folder, with `/` separators. */
  file: string;
  project: string;
  /** Describe blocks and the test title, without project and file. */
  titlePath: string[];
  tags: string[];
}

export interface AttachmentRecord {
  name: string;
  contentType: string;
  path?: string;
  sizeBytes?: number;
}

/** One attempt of one test: the first run is retry 0, each retry adds one. */
export interface AttemptRecord {
  /** Deterministic id: a hash of runId, testId, shard, repeatEachIndex and retry, so that replays never duplicate. */
  id: string;
  runId: string;
  testId: string;
  shardIndex: number;
  retry: number;
  repeatEachIndex: number;
  status: AttemptStatus;
  expectedStatus: AttemptStatus;
  startedAt: Date;
  durationMs: number;
  workerIndex: number;
  errorMessage?: string;
  errorStack?: string;
  attachments: AttachmentRecord[];
  /** Playwright annotations, for example `{ type: 'quarantined', description: '…' }`. */
  annotations: Array<{ type: string; description?: string }>;
  /** Screenshot comparisons of the attempt, from its `nova-visual` attachments. */
  visualComparisons?: VisualComparisonRecord[];
}

/**
 * One screenshot comparison of an attempt. `body` is the `nova-visual`
 * attachment's JSON (baseline, status, sizes, diff counts, regions, image
 * paths), kept whole so that a spool file carries it unchanged.
 */
export interface VisualComparisonRecord {
  /** Deterministic: a hash of the attempt id and the comparison's position in it. */
  id: string;
  attemptId: string;
  runId: string;
  testId: string;
  body: string;
}
