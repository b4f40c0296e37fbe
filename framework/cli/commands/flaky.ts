import type { Command } from 'commander';

import type { FlakyTest } from '../../results/index.ts';
import { jsonOption, windowOption } from '../common-options.ts';
import { wholeNumber } from '../option-parsers.ts';
import { withStore } from '../open-store.ts';
import { formatPercent, printJson, printTable, type Output } from '../output.ts';

/** Outcomes as one letter each, newest first: P passed, R passed on retry, F failed. */
export function outcomeStrip(test: FlakyTest): string {
  const letters = { passed: 'P', flaky: 'R', failed: 'F', skipped: 'S' } as const;
  return test.verdict.outcomes.map((outcome) => letters[outcome]).join('');
}

/**
 * A test that failed and then passed on retry is flaky on that evidence alone,
 * so one run is enough to list it. Quarantine requires more runs, because it
 * acts on the rate.
 */
const FLAKY_MIN_RUNS = 1;

export function registerFlakyCommand(program: Command, output: Output): void {
  program
    .command('flaky')
    .description(
      'List flaky tests: failed then passed on retry, or both passed and failed on one commit',
    )
    .addOption(windowOption())
    .option(
      '--min-runs <runs>',
      'fewest runs a test needs in the window to be listed',
      wholeNumber(1, 1_000),
      FLAKY_MIN_RUNS,
    )
    .addOption(jsonOption())
    .action(async (options: { window: number; minRuns: number; json?: boolean }) => {
      const flaky = await withStore((store) =>
        store.flakyTests({ window: options.window, minRuns: options.minRuns }),
      );

      if (options.json) {
        printJson(output, flaky);
        return;
      }
      printTable(
        output,
        ['Flake rate', 'Flaky runs', 'Runs', 'Project', 'Test', 'Newest → oldest'],
        flaky.map((test) => [
          formatPercent(test.verdict.flakeRate),
          test.verdict.flakyRuns,
          test.verdict.runs,
          test.test.project,
          `${test.test.file} › ${test.test.titlePath.join(' › ')}`,
          outcomeStrip(test),
        ]),
        `No flaky tests in the last ${options.window} runs (tests with at least ${options.minRuns} runs).`,
      );
      if (flaky.length > 0) output.write('Outcomes: P passed, R passed on retry, F failed.\n');
    });
}
