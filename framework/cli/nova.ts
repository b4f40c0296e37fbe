/**
 * The `nova` command: what Playwright has no verb for. Run it as
 * `npx nova <command>` or `npm run nova -- <command>`; bin/nova.js calls runNova.
 *
 * Exit codes: 0 on success, 1 when a command fails (for example the database
 * is unreachable), 2 for invalid arguments.
 */
import { Command, CommanderError } from 'commander';

import { CommandFailure } from './command-failure.ts';
import { registerBaselinesCommands } from './commands/baselines.ts';
import { registerDbCommands } from './commands/db-migrate.ts';
import { registerFlakyCommand } from './commands/flaky.ts';
import { registerHistoryCommand } from './commands/history.ts';
import { registerPlanCommands } from './commands/plan.ts';
import { registerQuarantineCommand } from './commands/quarantine.ts';
import { registerResultsCommands } from './commands/results-replay.ts';
import { registerRunsCommand } from './commands/runs.ts';
import { registerSlowestCommand } from './commands/slowest.ts';
import { stdout, type Output } from './output.ts';

/** Builds the program; `output` is replaceable so that tests can read what it prints. */
export function createProgram(output: Output = stdout): Command {
  const program = new Command('nova')
    .description(
      'Elysium Nova: test history, flaky tests and quarantine from the results database ' +
        '(PGlite under .nova/results-db, or PostgreSQL when DATABASE_URL is set)',
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  registerRunsCommand(program, output);
  registerHistoryCommand(program, output);
  registerFlakyCommand(program, output);
  registerSlowestCommand(program, output);
  registerQuarantineCommand(program, output);
  registerResultsCommands(program, output);
  registerDbCommands(program, output);
  registerPlanCommands(program, output);
  registerBaselinesCommands(program, output);

  // Subcommands inherit the override, so that every usage error reaches runNova.
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code instead of exiting, for tests and for main. */
export async function runNova(argv: readonly string[], output: Output = stdout): Promise<number> {
  const program = createProgram(output);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message; help and version are not errors.
      return error.exitCode === 0 ? 0 : 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`nova: ${message}\n`);
    return error instanceof CommandFailure ? error.exitCode : 1;
  }
}
