import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';

import {
  DEFAULT_QUARANTINE_LIMIT,
  DEFAULT_QUARANTINE_MIN_RUNS,
  describeFlakiness,
  type QuarantineList,
} from '../../results/index.ts';
import { jsonOption, windowOption } from '../common-options.ts';
import { rate, wholeNumber } from '../option-parsers.ts';
import { withStore } from '../open-store.ts';
import { formatPercent, printJson, printTable, type Output } from '../output.ts';

/** File that playwright.config.ts reads; kept at the project root so that it is reviewed like code. */
export const QUARANTINE_FILE = 'quarantine.json';

interface QuarantineOptions {
  limit: number;
  window: number;
  minRuns: number;
  write?: string | true;
  json?: boolean;
}

export function registerQuarantineCommand(program: Command, output: Output): void {
  program
    .command('quarantine')
    .description(
      'List flaky tests whose flake rate is above the limit; with --write, save them for ' +
        'playwright.config.ts, which then runs and reports them without letting them fail the run',
    )
    .option(
      '-l, --limit <rate>',
      'flake rate above which a test is quarantined, 0 to 1 or a percentage',
      rate,
      DEFAULT_QUARANTINE_LIMIT,
    )
    .addOption(windowOption())
    .option(
      '--min-runs <runs>',
      'fewest runs a test needs in the window',
      wholeNumber(1, 1_000),
      DEFAULT_QUARANTINE_MIN_RUNS,
    )
    .option('--write [file]', `write the list to a file (default ${QUARANTINE_FILE})`)
    .addOption(jsonOption())
    .action(async (options: QuarantineOptions) => {
      const flaky = await withStore((store) =>
        store.flakyTests({ window: options.window, minRuns: options.minRuns }),
      );
      const quarantined = flaky.filter((test) => test.verdict.flakeRate > options.limit);

      const list: QuarantineList = {
        generatedAt: new Date().toISOString(),
        limit: options.limit,
        window: options.window,
        tests: quarantined.map(({ test, verdict }) => ({
          testId: test.id,
          file: test.file,
          project: test.project,
          title: test.titlePath.join(' › '),
          flakeRate: verdict.flakeRate,
          reason: describeFlakiness(verdict),
        })),
      };

      if (options.write !== undefined) {
        const path = resolve(options.write === true ? QUARANTINE_FILE : options.write);
        writeFileSync(path, JSON.stringify(list, null, 2) + '\n');
        if (!options.json) {
          output.write(`Wrote ${list.tests.length} quarantined test(s) to ${path}.\n`);
        }
      }

      if (options.json) {
        printJson(output, list);
        return;
      }
      printTable(
        output,
        ['Flake rate', 'Project', 'Test', 'Reason', 'Test id'],
        list.tests.map((entry) => [
          formatPercent(entry.flakeRate),
          entry.project,
          `${entry.file} › ${entry.title}`,
          entry.reason,
          entry.testId,
        ]),
        `No test is flaky in more than ${formatPercent(options.limit)} of its last ${options.window} runs.`,
      );
    });
}
