import { Option, type Command } from 'commander';

import {
  BugFiler,
  GitHubClient,
  GitHubSettingsError,
  Redactor,
  completeRunIds,
  countPassingRun,
  listBugs,
  resolveBugStepOptions,
  resolveGitHubSettings,
  type StoredBug,
  type SyncResult,
} from '../../bugs/index.ts';
import { openResultsDatabase, type Database } from '../../results/index.ts';
import { CommandFailure } from '../command-failure.ts';
import { jsonOption } from '../common-options.ts';
import { printJson, printTable, type Output } from '../output.ts';

/** Complete runs on the default branch that `nova bugs sync` looks at for passes; older ones were counted before. */
const RUNS_TO_COUNT = 50;

async function withDatabase<T>(action: (db: Database) => Promise<T>): Promise<T> {
  const db = await openResultsDatabase();
  try {
    return await action(db);
  } finally {
    await db.close();
  }
}

function issueCell(bug: StoredBug): string {
  if (bug.githubIssueNumber === null) return 'draft';
  return `#${bug.githubIssueNumber} (${bug.githubState ?? '?'})`;
}

function printDrafts(output: Output, bugs: readonly StoredBug[]): void {
  const drafts = bugs.filter((bug) => bug.githubIssueNumber === null);
  if (drafts.length === 0) {
    output.write('No drafts: every bug listed has an issue.\n');
    return;
  }
  for (const bug of drafts) {
    output.write(
      `\n===== ${bug.fingerprint} (${bug.state}) =====\n# ${bug.title}\n\nLabels: ${bug.labels.join(', ')}\n\n${bug.body ?? ''}\n`,
    );
  }
}

export function formatSync(result: SyncResult): string {
  const lines = [
    `Issues opened: ${result.filed.map((number) => `#${number}`).join(', ') || 'none'}`,
    `Issues found by their marker: ${result.adopted.map((number) => `#${number}`).join(', ') || 'none'}`,
    `Comments added: ${result.commentsCreated}, updated: ${result.commentsUpdated}`,
    `Reopened: ${result.reopened.map((number) => `#${number}`).join(', ') || 'none'}`,
    `Closed: ${result.closed.map((number) => `#${number}`).join(', ') || 'none'}`,
    `Relabelled: ${result.relabelled.map((number) => `#${number}`).join(', ') || 'none'}`,
  ];
  for (const failure of result.failed)
    lines.push(`Not synced: ${failure.fingerprint}: ${failure.reason}`);
  return lines.join('\n') + '\n';
}

export function registerBugsCommands(program: Command, output: Output): void {
  const bugs = program
    .command('bugs')
    .description(
      'List the bugs found in test runs (failures grouped by fingerprint) and their GitHub issues',
    )
    .addOption(
      new Option('--state <state>', 'which bugs to list')
        .choices(['open', 'closed', 'all'])
        .default('all'),
    )
    .option('--drafts', 'also print the issue draft of each bug that has no issue yet')
    .addOption(jsonOption())
    .action(
      async (options: { state: 'open' | 'closed' | 'all'; drafts?: boolean; json?: boolean }) => {
        const list = await withDatabase((db) =>
          listBugs(db, options.state === 'all' ? {} : { state: options.state }),
        );

        if (options.json) {
          printJson(output, list);
          return;
        }
        printTable(
          output,
          ['Fingerprint', 'State', 'Issue', 'Layer', 'Kind', 'Flaky', 'Seen', 'Passes', 'Title'],
          list.map((bug) => [
            bug.fingerprint.slice(0, 12),
            bug.state,
            issueCell(bug),
            bug.layer,
            bug.kind,
            bug.flaky ? 'yes' : 'no',
            bug.occurrences,
            bug.consecutivePasses,
            bug.title,
          ]),
          options.state === 'all' ? 'No bugs recorded.' : `No ${options.state} bugs.`,
        );
        if (options.drafts) printDrafts(output, list);
      },
    );

  bugs
    .command('sync')
    .description(
      'File the recorded bugs on GitHub: open, comment, reopen, close and relabel issues ' +
        '(needs GITHUB_TOKEN and NOVA_GITHUB_REPO; GITHUB_API_URL for GitHub Enterprise)',
    )
    .addOption(jsonOption('print the result as JSON'))
    .action(async (options: { json?: boolean }) => {
      let settings;
      let stepOptions;
      try {
        settings = resolveGitHubSettings(process.env);
        stepOptions = resolveBugStepOptions({}, process.env);
      } catch (error) {
        if (
          error instanceof GitHubSettingsError ||
          (error as Error).name === 'BugStepOptionsError'
        ) {
          throw new CommandFailure((error as Error).message, 2);
        }
        throw error;
      }
      if (!settings) {
        throw new CommandFailure(
          'GITHUB_TOKEN is not set, so there is nothing to file with. Set GITHUB_TOKEN to a token that may write issues ' +
            'and NOVA_GITHUB_REPO to owner/name; `nova bugs --drafts` prints the drafts meanwhile.',
          2,
        );
      }

      const redactor = Redactor.fromEnv(process.env);
      const result = await withDatabase(async (db) => {
        // Passes of runs that ended after their own bug step (other shards still running then) are counted here.
        for (const runId of await completeRunIds(db, {
          branch: stepOptions.defaultBranch,
          limit: RUNS_TO_COUNT,
        })) {
          await countPassingRun(db, runId, {
            defaultBranch: stepOptions.defaultBranch,
            passesToClose: stepOptions.passesToClose,
          });
        }
        const filer = new BugFiler({ db, github: new GitHubClient(settings, redactor), redactor });
        return filer.sync();
      });

      if (options.json) printJson(output, result);
      else output.write(formatSync(result));
      if (result.failed.length > 0) {
        throw new CommandFailure(
          `${result.failed.length} bug(s) could not be synced; they stay pending. Run \`nova bugs sync\` again later.`,
        );
      }
    });
}
