import type { Command } from 'commander';

import { withStore } from '../open-store.ts';
import { printJson, type Output } from '../output.ts';

export function registerDbCommands(program: Command, output: Output): void {
  const db = program.command('db').description('Manage the results database');

  db.command('migrate')
    .description(
      'Apply pending schema migrations (PGlite under .nova/results-db, or DATABASE_URL); every command also does this on start',
    )
    .option('--json', 'print JSON instead of a sentence')
    .action(async (options: { json?: boolean }) => {
      const { backend, location } = await withStore((store) =>
        Promise.resolve({ backend: store.backend, location: store.location }),
      );

      if (options.json) {
        printJson(output, { backend, location, upToDate: true });
        return;
      }
      output.write(`The results database schema is up to date (${backend} at ${location}).\n`);
    });
}
