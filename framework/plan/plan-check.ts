import { resolve } from 'node:path';

import { displayPath } from './display-path.ts';
import { loadPlans } from './plan-loader.ts';
import {
  DEFAULT_CONFIG_FILE,
  DEFAULT_PLANS_DIR,
  type PlanProblem,
  type TestPlan,
} from './plan-model.ts';
import { listPlaywrightTests, type ListedTest } from './playwright-tests.ts';
import { traceTests, type Traceability } from './traceability.ts';

export interface PlanCheckOptions {
  /** Folder of the plans (default docs/test-plan), relative to `cwd`. */
  plansDir?: string;
  /** Playwright configuration (default playwright.config.ts), relative to `cwd`. */
  configFile?: string;
  /** Folder that relative paths start from and problems are shown relative to; default process.cwd(). */
  cwd?: string;
}

export interface PlanCheckResult {
  plans: TestPlan[];
  tests: ListedTest[];
  traceability: Traceability;
  /** Every problem, sorted by file and line. */
  problems: PlanProblem[];
}

/**
 * Reads the plans and lists the Playwright tests, then checks both: the plans'
 * layout, unique case ids, and that tags and cases match.
 *
 * @throws PlanSetupError when the plan folder or the Playwright listing cannot be read at all.
 */
export async function checkPlans(options: PlanCheckOptions = {}): Promise<PlanCheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const configFile = resolve(cwd, options.configFile ?? DEFAULT_CONFIG_FILE);

  const { plans, problems } = loadPlans(options.plansDir ?? DEFAULT_PLANS_DIR, cwd);

  const listing = await listPlaywrightTests(configFile);
  for (const error of listing.errors) {
    problems.push({
      kind: 'test-listing',
      file: displayPath(error.file ?? configFile, cwd),
      line: error.line ?? 1,
      message: `Playwright cannot load the tests: ${error.message}`,
    });
  }

  const cases = plans.flatMap((plan) => plan.cases);
  const traceability = traceTests(cases, listing.tests, cwd);
  // A spec that fails to load hides its tests, so every case it covers would
  // read as untested: the load error alone is the problem to fix first.
  const loaded = listing.errors.length === 0;
  problems.push(
    ...traceability.problems.filter((problem) => loaded || problem.kind !== 'untested-case'),
  );

  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { plans, tests: listing.tests, traceability, problems };
}
