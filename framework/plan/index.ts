/**
 * Test plans and traceability: parses docs/test-plan/*.md, lists the
 * Playwright tests with their tags, and checks that cases and tests match.
 */
export {
  appendCoverageToEnvironment,
  DEFAULT_ALLURE_RESULTS_DIR,
  ENVIRONMENT_FILE,
  writePlanCoverage,
} from './allure-environment.ts';
export { checkPlans, type PlanCheckOptions, type PlanCheckResult } from './plan-check.ts';
export {
  computePlanCoverage,
  describeCoverage,
  summarizeCoverage,
  type SystemCoverage,
} from './plan-coverage.ts';
export { PlanProblemsError, PlanSetupError } from './plan-errors.ts';
export { loadPlans, type LoadedPlans } from './plan-loader.ts';
export {
  CASE_FIELDS,
  CASE_TYPES,
  DEFAULT_CONFIG_FILE,
  DEFAULT_PLANS_DIR,
  formatProblem,
  PRIORITIES,
  type CaseType,
  type PlanFrontMatter,
  type PlanProblem,
  type PlanProblemKind,
  type Priority,
  type TestCase,
  type TestPlan,
} from './plan-model.ts';
export { listPlaywrightTests, type ListedTest, type TestListing } from './playwright-tests.ts';
export { displayPath } from './display-path.ts';
