import type { Command } from 'commander';

import { DEFAULT_HISTORY_LIMIT } from '../../results/index.ts';
import { CommandFailure } from '../command-failure.ts';
import { wholeNumber } from '../option-parsers.ts';
import { withStore } from '../open-store.ts';
import { formatDuration, formatTime, printJson, printTable, type Output } from '../output.ts';

export function registerHistoryCommand(program: Command, output: Output): void {
  program
    .command('history')
    .description("Show a test's attempts across runs, newest first")
    .argument('<test>', 'test id, or text contained in "file › title path" (case-insensitive)')
    .option(
      '-n, --limit <count>',
      'attempts per test',
      wholeNumber(1, 10_000),
      DEFAULT_HISTORY_LIMIT,
    )
    .option('--json', 'print JSON instead of tables')
    .action(async (selector: string, options: { limit: number; json?: boolean }) => {
      if (selector.trim() === '') {
        throw new CommandFailure(
          'The <test> argument is empty. Pass a test id or part of its title.',
          2,
        );
      }
      const histories = await withStore((store) =>
        store.testHistory(selector, { limit: options.limit }),
      );

      if (options.json) {
        printJson(output, histories);
        return;
      }
      if (histories.length === 0) {
        throw new CommandFailure(
          `No test matches "${selector}". List test titles with \`npx playwright test --list\`, ` +
            'or check that runs were recorded with `nova runs`.',
        );
      }
      for (const { test, attempts } of histories) {
        output.write(
          `\n${test.project} › ${test.file} › ${test.titlePath.join(' › ')}  (id ${test.id})\n`,
        );
        printTable(
          output,
          ['Run', 'Started (UTC)', 'Commit', 'Retry', 'Status', 'Duration', 'Error'],
          attempts.map((attempt) => [
            attempt.runId,
            formatTime(attempt.startedAt),
            attempt.gitCommit?.slice(0, 10) ?? '-',
            attempt.retry,
            attempt.status === attempt.expectedStatus
              ? attempt.status
              : `${attempt.status} (expected ${attempt.expectedStatus})`,
            formatDuration(attempt.durationMs),
            attempt.errorMessage?.slice(0, 80) ?? '',
          ]),
          'No attempts recorded.',
        );
      }
    });
}
