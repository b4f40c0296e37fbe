import { checkPlans, type PlanCheckOptions, type PlanCheckResult } from './plan-check.ts';
import { PlanProblemsError } from './plan-errors.ts';
import type { PlanProblemKind } from './plan-model.ts';

/** Coverage of one system's plan. */
export interface SystemCoverage {
  system: string;
  name: string;
  /** Plan file, relative to the working directory. */
  file: string;
  cases: number;
  /** Cases of type `automated` or `both`. */
  automated: number;
  /** Cases of type `manual`. */
  manualOnly: number;
  /** `automated` or `both` cases that no test is tagged with. */
  notCovered: number;
  notCoveredIds: string[];
  /** Tests tagged with at least one of the system's cases. */
  tests: number;
}

/**
 * Problems after which the figures would be wrong: an unreadable plan or spec
 * file. A tag that names no case, or a case without a test, leaves them right.
 */
const BLOCKING_KINDS: ReadonlySet<PlanProblemKind> = new Set([
  'front-matter',
  'markdown',
  'missing-field',
  'invalid-field',
  'duplicate-id',
  'test-listing',
]);

/** Counts automated, manual-only and uncovered cases per plan from a finished check. */
export function summarizeCoverage(result: PlanCheckResult): SystemCoverage[] {
  const blocking = result.problems.filter((problem) => BLOCKING_KINDS.has(problem.kind));
  if (blocking.length > 0) throw new PlanProblemsError(blocking);

  const { testsByCase } = result.traceability;
  return result.plans.map((plan) => {
    const automatedCases = plan.cases.filter(
      (testCase) => testCase.type === 'automated' || testCase.type === 'both',
    );
    const notCoveredIds = automatedCases
      .filter((testCase) => !testsByCase.has(testCase.id))
      .map((testCase) => testCase.id);
    const tests = new Set(
      plan.cases.flatMap((testCase) =>
        (testsByCase.get(testCase.id) ?? []).map((test) => `${test.file}:${test.title}`),
      ),
    );

    // summarizeCoverage throws above for plans whose front matter is invalid.
    const frontMatter = plan.frontMatter!;
    return {
      system: frontMatter.system,
      name: frontMatter.name,
      file: plan.file,
      cases: plan.cases.length,
      automated: automatedCases.length,
      manualOnly: plan.cases.filter((testCase) => testCase.type === 'manual').length,
      notCovered: notCoveredIds.length,
      notCoveredIds,
      tests: tests.size,
    };
  });
}

/**
 * Checks the plans and the tests, then counts coverage per system.
 *
 * @throws PlanProblemsError when a plan or spec cannot be read well enough to count.
 * @throws PlanSetupError when the plan folder or the Playwright listing cannot be read at all.
 */
export async function computePlanCoverage(
  options: PlanCheckOptions = {},
): Promise<SystemCoverage[]> {
  return summarizeCoverage(await checkPlans(options));
}

/** Formats the figures of one system as one phrase, as the report metadata and the CLI show them. */
export function describeCoverage(coverage: SystemCoverage): string {
  return `${coverage.automated} automated, ${coverage.manualOnly} manual only, ${coverage.notCovered} not covered`;
}
