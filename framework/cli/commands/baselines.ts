import type { Command } from 'commander';

import {
  approveCandidates,
  baselineStatus,
  pruneBaselines,
  type BaselineEntry,
} from '../../visual/index.ts';
import { CommandFailure } from '../command-failure.ts';
import { printJson, printTable, type Output } from '../output.ts';
import { findProjectRoot } from '../project-root.ts';

interface JsonOption {
  json?: boolean;
}

function projectRootOrFail(): string {
  const root = findProjectRoot(process.cwd());
  if (root === undefined) {
    throw new CommandFailure(
      `No project found from ${process.cwd()} upwards (no playwright.config.ts or nova.config.ts). ` +
        'Run nova baselines inside the project.',
    );
  }
  return root;
}

function rows(entries: readonly BaselineEntry[]): string[][] {
  return entries.map((entry) => [entry.state, entry.key, entry.reason ?? '']);
}

export function registerBaselinesCommands(program: Command, output: Output): void {
  const baselines = program
    .command('baselines')
    .description(
      'Review the screenshot baselines under baselines/ and the candidates of failed comparisons',
    );

  baselines
    .command('status')
    .description(
      'List missing (candidate, no baseline), changed (candidate differs), unused and unchecked baselines',
    )
    .option('--all', 'also list the baselines that are in use and unchanged')
    .option('--json', 'print JSON for scripts')
    .action(async (options: JsonOption & { all?: boolean }) => {
      const entries = await baselineStatus(projectRootOrFail());
      const shown = options.all ? entries : entries.filter((entry) => entry.state !== 'ok');
      if (options.json) {
        printJson(output, shown);
        return;
      }
      printTable(
        output,
        ['State', 'Baseline', 'Reason'],
        rows(shown),
        'Every baseline is in use and has no candidate.',
      );
      const counts = ['missing', 'changed', 'unused', 'unchecked', 'ok'].map(
        (state) => `${entries.filter((entry) => entry.state === state).length} ${state}`,
      );
      output.write(`${entries.length} baselines and candidates: ${counts.join(', ')}.\n`);
    });

  baselines
    .command('approve')
    .argument(
      '[pattern]',
      'key or glob of the candidates to approve, such as "visual/iris/**"; all when left out',
    )
    .description('Promote candidates to baselines (copy into baselines/, remove the candidate)')
    .option('--json', 'print JSON for scripts')
    .action(async (pattern: string | undefined, options: JsonOption) => {
      const approved = await approveCandidates(projectRootOrFail(), pattern);
      if (options.json) printJson(output, { approved });
      else if (approved.length === 0) {
        throw new CommandFailure(
          pattern === undefined
            ? 'No candidates to approve: run the visual tests first; a failing comparison writes one.'
            : `No candidate matches "${pattern}". Run \`nova baselines status\` to list the candidates.`,
        );
      } else {
        for (const key of approved) output.write(`approved ${key}\n`);
        output.write(
          `${approved.length} baseline(s) written under baselines/: review and commit them.\n`,
        );
      }
    });

  baselines
    .command('prune')
    .description(
      'Remove unused baselines: their spec is gone, or the latest run of its tests did not use them',
    )
    .option('--dry-run', 'list what would be removed, remove nothing')
    .option('--json', 'print JSON for scripts')
    .action(async (options: JsonOption & { dryRun?: boolean }) => {
      const removed = await pruneBaselines(projectRootOrFail(), {
        dryRun: options.dryRun === true,
      });
      if (options.json) {
        printJson(output, { dryRun: options.dryRun === true, removed });
        return;
      }
      const verb = options.dryRun ? 'would remove' : 'removed';
      for (const entry of removed) output.write(`${verb} ${entry.key} (${entry.reason})\n`);
      output.write(
        `${removed.length} unused baseline(s) ${options.dryRun ? 'found' : 'removed'}.\n`,
      );
    });
}
