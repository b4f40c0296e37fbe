import { resolve } from 'node:path';
import type { Command } from 'commander';

import { replaySpool } from '../../reporting/index.ts';
import { CommandFailure } from '../command-failure.ts';
import { withStore } from '../open-store.ts';
import { printJson, type Output } from '../output.ts';

/** Folder where the results reporter spools records it could not write. */
export const DEFAULT_SPOOL_DIR = '.nova/spool';

export function registerResultsCommands(program: Command, output: Output): void {
  const results = program.command('results').description('Manage recorded results');

  results
    .command('replay')
    .description(
      'Write spooled records (kept when the database could not be written during a run) into the results store; replaying twice adds nothing',
    )
    .option('--spool <dir>', 'folder of .ndjson spool files', DEFAULT_SPOOL_DIR)
    .option('--json', 'print JSON instead of a summary')
    .action(async (options: { spool: string; json?: boolean }) => {
      const spoolDir = resolve(options.spool);
      const result = await withStore((store) => replaySpool({ spoolDir, store }));

      if (options.json) {
        printJson(output, result);
      } else if (result.files === 0) {
        output.write(`Nothing to replay: ${spoolDir} has no spool files.\n`);
      } else {
        output.write(
          `Replayed ${result.files} file(s) from ${spoolDir}: ${result.runs} run(s), ` +
            `${result.attempts} attempt(s), ${result.inserted} new, ${result.duplicates} already stored.\n`,
        );
      }

      if (result.problems.length > 0) {
        const lines = result.problems.map(
          (problem) => `  ${problem.file}:${problem.line}: ${problem.message}`,
        );
        throw new CommandFailure(
          `${result.problems.length} spool line(s) could not be replayed; their files were kept ` +
            `(${result.keptFiles.join(', ')}):\n${lines.join('\n')}\n` +
            'Fix or remove those lines, then run `nova results replay` again.',
        );
      }
    });
}
