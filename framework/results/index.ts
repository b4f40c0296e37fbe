/** Public API of the results store. Other folders import only this file. */
export { openResultsStore } from './store.ts';
export { validateStoreSettings } from './open-database.ts';
export type { ResultsStore, ResultsStoreOptions } from './store.ts';
export type { BackendName } from './database.ts';
export { DEFAULT_PGLITE_DIR } from './pglite-database.ts';
export {
  DEFAULT_POOL_SIZE,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  maskDatabaseUrl,
  type SslMode,
} from './postgres-options.ts';
export { DEFAULT_MIGRATIONS_DIR, MigrationError } from './migrations.ts';
export { INSERT_BATCH_SIZE } from './writes.ts';
export { DEFAULT_RUN_LIMIT, type RunSummary } from './run-queries.ts';
export { DEFAULT_HISTORY_LIMIT, type AttemptSummary, type TestHistory } from './test-history.ts';
export { DEFAULT_MIN_RUNS, type FlakyTest, type TestRunHistory } from './recent-runs.ts';
export {
  DEFAULT_SLOWEST_LIMIT,
  type SlowestTestsOptions,
  type TestDurations,
} from './durations.ts';
export type { StoredTest } from './stored-test.ts';
export type {
  AttachmentRecord,
  AttemptRecord,
  AttemptStatus,
  RunRecord,
  RunStatus,
  RunTotals,
  ShardRecord,
  TestRecord,
  VisualComparisonRecord,
} from './records.ts';
export { insertVisualComparisons } from './visual-comparisons.ts';
export {
  BROKEN_STREAK,
  DEFAULT_WINDOW,
  classifyTest,
  runOutcome,
  type FlakinessVerdict,
  type RunOutcome,
  type TestRun,
  type TestState,
} from './flakiness.ts';
export { computeTestId } from './test-identity.ts';
export {
  DEFAULT_QUARANTINE_LIMIT,
  DEFAULT_QUARANTINE_MIN_RUNS,
  describeFlakiness,
  loadQuarantineList,
  type QuarantineEntry,
  type QuarantineList,
} from './quarantine.ts';
