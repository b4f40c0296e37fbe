export {
  CatalogueError,
  FAULT_KINDS,
  FAULT_LAYERS,
  loadFaultCatalogue,
  parseCatalogueFile,
  type CatalogueFault,
  type FaultKind,
  type FaultLayer,
} from './catalogue.ts';
export { runDetection, type DetectionOptions } from './detection.ts';
export type {
  CleanRunResult,
  DetectionReport,
  DetectionSummary,
  FailingTest,
  FaultOutcome,
  FaultResult,
} from './detection-types.ts';
export type { BugAssigner, BugAssignment, FailureForFingerprint } from './fingerprint-input.ts';
export { failedTests, listTests, readJsonReport, type JsonReport } from './json-report.ts';
export { LAYER_PROJECTS, LAYER_SCOPES, layerOfProject, type LayerScope } from './layers.ts';
export { renderDetectionMarkdown } from './markdown.ts';
export { findFreeOffset, isPortFree, OFFSET_STEP } from './port-offset.ts';
export {
  runPlaywrightProcess,
  type PlaywrightProcessRequest,
  type PlaywrightProcessResult,
} from './playwright-process.ts';
export { planCleanRun, planFaultRun, suiteLayout, type SuiteLayout } from './run-plan.ts';
export { summarizeDetection } from './summary.ts';
