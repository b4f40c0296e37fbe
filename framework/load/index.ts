/** Public API of the load layer. Other folders import only this file. */
export {
  defineLoadScenarios,
  DEFAULT_GENERATOR_CPU_LIMIT,
  type Check,
  type CheckResponse,
  type ConstantArrivalRateExecutor,
  type ConstantVusExecutor,
  type ExecutorOptions,
  type LoadRequest,
  type LoadScenario,
  type LoadScenarioFile,
  type RampingVusExecutor,
  type Stage,
} from './scenario.ts';
export { formatDuration, parseDuration } from './duration.ts';
export {
  allowedHostsFrom,
  applySmoke,
  checkTarget,
  LIMITS,
  LoadOptionsError,
  validateScenario,
  type ValidatedScenario,
} from './options.ts';
export {
  describeBrokenThreshold,
  parseThresholds,
  THRESHOLD_METRICS,
  ThresholdError,
  type ParsedThreshold,
  type ThresholdDefinition,
  type ThresholdResult,
} from './thresholds.ts';
export {
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  latencyStats,
  mergeHistograms,
  recordLatency,
  type LatencyHistogram,
  type LatencyStats,
} from './histogram.ts';
export { runEngine, rampSlices, type EngineResult, type LoadProgress } from './engine.ts';
export {
  brokenThresholds,
  buildSummary,
  machineLabel,
  reevaluateThresholds,
  type LoadSummary,
} from './summary.ts';
export { formatHistory, formatLatency, formatSummary } from './summary-format.ts';
export { latencyHistogramSvg, rpsOverTimeSvg } from './charts.ts';
export {
  compareWithHistory,
  DEFAULT_HISTORY_RUNS,
  DEFAULT_REGRESSION_MARGIN_PERCENT,
  median,
  type HistoricalRun,
  type HistoryComparison,
} from './history.ts';
export { mergeSummaries, MergeError } from './merge.ts';
export {
  loadScenarioFiles,
  ScenarioLoadError,
  selectScenarios,
  type SelectedScenario,
} from './scenario-loader.ts';
export { ensureSystemRunning, SystemStartError, type RunningSystem } from './system-server.ts';
export {
  runScenario,
  scenarioFolderName,
  writeScenarioFiles,
  type ScenarioRun,
} from './run-scenario.ts';
export {
  LOAD_ATTACHMENT_CONTENT_TYPE,
  LOAD_ATTACHMENT_NAME,
  runLoadInTest,
  thresholdFailureMessage,
} from './playwright-load.ts';
