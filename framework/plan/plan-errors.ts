import { formatProblem, type PlanProblem } from './plan-model.ts';

/**
 * The plans or the tests could not be read at all: a missing folder, or a
 * Playwright listing that failed before it produced any result.
 */
export class PlanSetupError extends Error {
  override readonly name = 'PlanSetupError';
}

/** Problems that make coverage figures meaningless, such as a plan that cannot be parsed. */
export class PlanProblemsError extends Error {
  override readonly name = 'PlanProblemsError';

  constructor(readonly problems: readonly PlanProblem[]) {
    super(
      `the test plans have ${problems.length} problem(s), so no coverage can be computed; ` +
        `run "nova plan check" for the full list:\n` +
        problems.map((problem) => '  ' + formatProblem(problem)).join('\n'),
    );
  }
}
