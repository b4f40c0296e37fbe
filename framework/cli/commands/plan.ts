import type { Command } from 'commander';

import {
  appendCoverageToEnvironment,
  checkPlans,
  DEFAULT_ALLURE_RESULTS_DIR,
  DEFAULT_CONFIG_FILE,
  DEFAULT_PLANS_DIR,
  describeCoverage,
  formatProblem,
  PlanProblemsError,
  PlanSetupError,
  summarizeCoverage,
  type PlanCheckResult,
} from '../../plan/index.ts';
import { CommandFailure } from '../command-failure.ts';
import { printJson, printTable, type Output } from '../output.ts';

interface PlanOptions {
  plans: string;
  config: string;
  json?: boolean;
}

export function registerPlanCommands(program: Command, output: Output): void {
  const plan = program
    .command('plan')
    .description('Check the test plans in docs/test-plan against the tags of the Playwright tests');

  addPlanOptions(
    plan
      .command('check')
      .description(
        'Fail with one line per problem when a plan is malformed, two cases share an id, a test ' +
          'names an unknown case, or an automated case has no test',
      ),
  ).action(async (options: PlanOptions) => {
    const result = await runCheck(options);
    const { problems } = result;

    if (options.json) {
      printJson(output, {
        ok: problems.length === 0,
        plans: result.plans.map((entry) => ({
          file: entry.file,
          system: entry.frontMatter?.system,
          cases: entry.cases.length,
        })),
        tests: result.tests.length,
        untaggedTests: result.traceability.untaggedTests.length,
        problems: problems.map((problem) => ({ ...problem, text: formatProblem(problem) })),
      });
    } else if (problems.length === 0) {
      output.write(describeCleanCheck(result) + '\n');
    } else {
      for (const problem of problems) output.write(formatProblem(problem) + '\n');
    }

    if (problems.length > 0) {
      throw new CommandFailure(
        `plan check found ${problems.length} problem(s) in ${options.plans} and the tests of ${options.config}.`,
      );
    }
  });

  addPlanOptions(
    plan
      .command('coverage')
      .description(
        'Count, per system, the automated cases (type automated or both), the manual-only cases ' +
          'and the automated cases that no test covers yet',
      )
      .option(
        '--allure [resultsDir]',
        `also add the figures to <resultsDir>/environment.properties for the Allure report (default ${DEFAULT_ALLURE_RESULTS_DIR})`,
      ),
  ).action(async (options: PlanOptions & { allure?: string | true }) => {
    const result = await runCheck(options);
    const coverage = summarizeOrFail(result);

    let environmentFile: string | undefined;
    if (options.allure !== undefined) {
      const resultsDir = options.allure === true ? DEFAULT_ALLURE_RESULTS_DIR : options.allure;
      environmentFile = appendCoverageToEnvironment(resultsDir, coverage);
    }

    if (options.json) {
      printJson(output, { systems: coverage, environmentFile });
      return;
    }
    printTable(
      output,
      ['System', 'Plan', 'Cases', 'Automated (incl. both)', 'Manual only', 'Not covered', 'Tests'],
      coverage.map((system) => [
        system.name,
        system.file,
        system.cases,
        system.automated,
        system.manualOnly,
        system.notCovered,
        system.tests,
      ]),
      'No test plan found.',
    );
    for (const system of coverage.filter((entry) => entry.notCovered > 0)) {
      output.write(`Not covered in ${system.file}: ${system.notCoveredIds.join(', ')}\n`);
    }
    if (environmentFile !== undefined) {
      const lines = coverage.map((system) => `plan ${system.system} = ${describeCoverage(system)}`);
      output.write(
        `Added to ${environmentFile}:\n${lines.map((line) => '  ' + line).join('\n')}\n`,
      );
    }
  });
}

function addPlanOptions(command: Command): Command {
  return command
    .option('--plans <dir>', 'folder of the test plans', DEFAULT_PLANS_DIR)
    .option(
      '--config <file>',
      'Playwright configuration whose tests are listed',
      DEFAULT_CONFIG_FILE,
    )
    .option('--json', 'print JSON instead of text');
}

/** Runs the check, turning a folder or listing that cannot be read into a plain failure. */
async function runCheck(options: PlanOptions): Promise<PlanCheckResult> {
  try {
    return await checkPlans({ plansDir: options.plans, configFile: options.config });
  } catch (error) {
    if (error instanceof PlanSetupError) throw new CommandFailure(error.message);
    throw error;
  }
}

function summarizeOrFail(result: PlanCheckResult) {
  try {
    return summarizeCoverage(result);
  } catch (error) {
    if (error instanceof PlanProblemsError) throw new CommandFailure(error.message);
    throw error;
  }
}

function describeCleanCheck(result: PlanCheckResult): string {
  const cases = result.plans.flatMap((plan) => plan.cases);
  const count = (type: string) => cases.filter((testCase) => testCase.type === type).length;
  const untagged = result.traceability.untaggedTests.length;

  return (
    `Plan check passed: ${result.plans.length} plan(s), ${cases.length} cases ` +
    `(${count('automated')} automated, ${count('both')} both, ${count('manual')} manual), ` +
    `${result.tests.length} tests` +
    (untagged === 0 ? ', each tagged with its case.' : `, ${untagged} of them tagged with no case.`)
  );
}
