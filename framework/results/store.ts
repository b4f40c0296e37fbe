import { createLogger } from '../logging/index.ts';
import type { BackendName, Database } from './database.ts';
import { slowestTests } from './durations.ts';
import type { SlowestTestsOptions, TestDurations } from './durations.ts';
import { migrate } from './migrations.ts';
import { openDatabase } from './open-database.ts';
import type { DatabaseOptions } from './open-database.ts';
import type { AttemptRecord, RunRecord, ShardRecord, TestRecord } from './records.ts';
import { flakyTests, recentTestRuns } from './recent-runs.ts';
import type { FlakyTest, TestRunHistory } from './recent-runs.ts';
import { listRuns } from './run-queries.ts';
import type { RunSummary } from './run-queries.ts';
import { testHistory } from './test-history.ts';
import type { TestHistory } from './test-history.ts';
import { insertAttempts, upsertRun, upsertShard, upsertTests } from './writes.ts';
import { insertLoadSummaries, loadHistory } from './load-summaries.ts';
import type { LoadHistoryEntry, LoadSummaryRecord } from './load-summaries.ts';

const log = createLogger('results');

export interface ResultsStoreOptions extends DatabaseOptions {
  /** Folder of `NNNN_name.sql` migrations; defaults to the migrations shipped with the store. */
  migrationsDir?: string;
}

/** Test results across runs: written by the reporter, read by the `nova` CLI. */
export interface ResultsStore {
  /** Backend name, for logs and diagnostics only. */
  readonly backend: BackendName;
  /** The PGlite folder, or the PostgreSQL URL with its password masked. */
  readonly location: string;

  upsertRun(run: RunRecord): Promise<void>;
  upsertShard(shard: ShardRecord): Promise<void>;
  upsertTests(tests: readonly TestRecord[]): Promise<void>;
  /** Returns the number of attempts inserted; attempts already stored are skipped. */
  insertAttempts(attempts: readonly AttemptRecord[]): Promise<number>;

  listRuns(options?: { limit?: number }): Promise<RunSummary[]>;
  testHistory(selector: string, options?: { limit?: number }): Promise<TestHistory[]>;
  recentTestRuns(options?: {
    window?: number;
    testIds?: readonly string[];
  }): Promise<TestRunHistory[]>;
  flakyTests(options?: { window?: number; minRuns?: number }): Promise<FlakyTest[]>;
  slowestTests(options?: SlowestTestsOptions): Promise<TestDurations[]>;
  /** Returns the number of load summaries inserted; summaries already stored are skipped. */
  insertLoadSummaries(records: readonly LoadSummaryRecord[]): Promise<number>;
  loadHistory(selector: Parameters<typeof loadHistory>[1]): Promise<LoadHistoryEntry[]>;

  close(): Promise<void>;
}

function storeOn(db: Database): ResultsStore {
  return {
    backend: db.backend,
    location: db.location,
    upsertRun: (run) => upsertRun(db, run),
    upsertShard: (shard) => upsertShard(db, shard),
    upsertTests: (tests) => upsertTests(db, tests),
    insertAttempts: (attempts) => insertAttempts(db, attempts),
    listRuns: (options) => listRuns(db, options),
    testHistory: (selector, options) => testHistory(db, selector, options),
    recentTestRuns: (options) => recentTestRuns(db, options),
    flakyTests: (options) => flakyTests(db, options),
    slowestTests: (options) => slowestTests(db, options),
    insertLoadSummaries: (records) => insertLoadSummaries(db, records),
    loadHistory: (selector) => loadHistory(db, selector),
    close: () => db.close(),
  };
}

/**
 * Opens the results store: PostgreSQL when `databaseUrl` or `DATABASE_URL`
 * is set, PGlite in `dataDir` (default `.nova/results-db`) otherwise. Applies
 * pending migrations before it returns; close the store when done.
 */
export async function openResultsStore(options: ResultsStoreOptions = {}): Promise<ResultsStore> {
  const db = await openDatabase(options);
  try {
    const applied = await migrate(db, options.migrationsDir);
    log(
      'results store open on %s at %s, %d migration(s) applied',
      db.backend,
      db.location,
      applied.length,
    );
  } catch (error) {
    await db.close().catch((closeError: unknown) => {
      log('closing %s after a failed migration also failed: %s', db.location, String(closeError));
    });
    throw error;
  }
  return storeOn(db);
}
