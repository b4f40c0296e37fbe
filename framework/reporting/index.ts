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
