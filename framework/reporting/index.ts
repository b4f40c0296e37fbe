export {
  buildAllureReport,
  ALLURE_CONFIG_FILE,
  DEFAULT_HISTORY_PATH,
  DEFAULT_OUTPUT_DIR,
  DEFAULT_REPORT_NAME,
  DEFAULT_RESULTS_DIR,
} from './build-report.ts';
export type { AllureReportBuild, BuildAllureReportOptions } from './build-report.ts';
export { removeRemoteResources, findRemoteResourceUrls } from './remove-remote-resources.ts';
export type { RemovedResources } from './remove-remote-resources.ts';
export { replaySpool, ReplayError, REPLAYED_FOLDER } from './replay.ts';
export type { ReplayProblem, ReplayResult, ReplaySpoolOptions, ReplayStore } from './replay.ts';
export {
  DEFAULT_RESULTS_REPORTER_OPTIONS,
  ResultsReporterOptionsError,
  resolveResultsReporterOptions,
} from './results-reporter-options.ts';
export type { ResultsReporterOptions } from './results-reporter-options.ts';
export { SPOOL_FILE_EXTENSION, spoolFileName } from './spool.ts';
export type { SpoolEntry } from './spool.ts';
export { clearAllureResults } from './global-setup.ts';
export { currentRunId, setCurrentRunId } from './current-run.ts';
export { computeAttemptId, titlePathOf, toPortableRelativePath } from './attempt-mapping.ts';
export { detectCiRun } from './ci-run.ts';
export { resolveRunId, resolveRunIdentity } from './run-identity.ts';
export {
  LOAD_ATTACHMENT_CONTENT_TYPE,
  LOAD_ATTACHMENT_NAME,
  LoadSummaryCollector,
  LoadSummaryFormatError,
  loadSummaryRecord,
} from './load-summaries.ts';
export type { LoadSummaryOrigin } from './load-summaries.ts';
