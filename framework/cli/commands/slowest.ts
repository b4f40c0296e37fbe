import type { Command } from 'commander';

import { DEFAULT_SLOWEST_LIMIT, type TestDurations } from '../../results/index.ts';
import { jsonOption, windowOption } from '../common-options.ts';
import { wholeNumber } from '../option-parsers.ts';
import { withStore } from '../open-store.ts';
import { formatDuration, printJson, printTable, type Output } from '../output.ts';

function formatChange(test: TestDurations): string {
  if (
    test.olderMedianMs === undefined ||
    test.newerMedianMs === undefined ||
    test.olderMedianMs === 0
  ) {
    return '-';
  }
  const change = (test.newerMedianMs - test.olderMedianMs) / test.olderMedianMs;
  return `${change >= 0 ? '+' : ''}${(change * 100).toFixed(0)}%`;
}

export function registerSlowestCommand(program: Command, output: Output): void {
  program
    .command('slowest')
    .description(
      'List the slowest tests by median duration of passed attempts, or those that got slower',
    )
    .addOption(windowOption())
    .option(
      '-n, --limit <count>',
      'number of tests to list',
      wholeNumber(1, 10_000),
      DEFAULT_SLOWEST_LIMIT,
    )
    .option(
      '--by-change',
      'order by how much slower the newer half of the window is than the older half',
    )
    .addOption(jsonOption())
    .action(
      async (options: { window: number; limit: number; byChange?: boolean; json?: boolean }) => {
        const tests = await withStore((store) =>
          store.slowestTests({
            window: options.window,
            limit: options.limit,
            orderBy: options.byChange ? 'change' : 'median',
          }),
        );

        if (options.json) {
          printJson(output, tests);
          return;
        }
        printTable(
          output,
          ['Median', 'p95', 'Change', 'Runs', 'Project', 'Test'],
          tests.map((test) => [
            formatDuration(test.medianMs),
            formatDuration(test.p95Ms),
            formatChange(test),
            test.runs,
            test.test.project,
            `${test.test.file} › ${test.test.titlePath.join(' › ')}`,
          ]),
          'No passed attempts recorded yet. Run `npx playwright test` or `npm start` first.',
        );
        if (tests.length > 0) {
          output.write('Change: median of the newer half of the window against the older half.\n');
        }
      },
    );
}
