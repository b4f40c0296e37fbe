import type { Command } from 'commander';

import { DEFAULT_RUN_LIMIT } from '../../results/index.ts';
import { wholeNumber } from '../option-parsers.ts';
import { withStore } from '../open-store.ts';
import { formatDuration, formatTime, printJson, printTable, type Output } from '../output.ts';

export function registerRunsCommand(program: Command, output: Output): void {
  program
    .command('runs')
    .description('List recent runs, newest first, with their totals')
    .option(
      '-n, --limit <count>',
      'number of runs to list',
      wholeNumber(1, 10_000),
      DEFAULT_RUN_LIMIT,
    )
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { limit: number; json?: boolean }) => {
      const runs = await withStore((store) => store.listRuns({ limit: options.limit }));

      if (options.json) {
        printJson(output, runs);
        return;
      }
      printTable(
        output,
        [
          'Run',
          'Started (UTC)',
          'Duration',
          'Status',
          'Passed',
          'Failed',
          'Flaky',
          'Skipped',
          'Shards',
          'Commit',
          'Branch',
        ],
        runs.map((run) => [
          run.id,
          formatTime(run.startedAt),
          formatDuration(run.durationMs),
          run.status ?? 'running',
          run.totals.expected,
          run.totals.unexpected,
          run.totals.flaky,
          run.totals.skipped,
          `${run.shardCount}/${run.shardTotal ?? '?'}`,
          run.gitCommit?.slice(0, 10) ?? '-',
          run.gitBranch ?? '-',
        ]),
        'No runs recorded yet. Run `npx playwright test` or `npm start` first.',
      );
    });
}
