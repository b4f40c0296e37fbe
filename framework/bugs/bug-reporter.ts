/**
 * Playwright reporter that runs the bug step when the run ends. Put it after
 * the results reporter in playwright.config.ts, because it reads the run's
 * attempts from the results database that that reporter has just written:
 *
 * ```ts
 * reporter: [['./framework/reporting/results-reporter.ts'], ['./framework/bugs/bug-reporter.ts']],
 * ```
 *
 * With `GITHUB_TOKEN` set it files the bugs right away. Without it the bugs
 * stay drafts in the store and in `nova-bugs/*.md` in the output folder, and
 * `nova bugs sync` files them later. A failure of the bug step never fails the run.
 */
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type {
  FullConfig,
  FullResult,
  Reporter,
  TestCase,
  TestResult,
  TestStep,
} from '@playwright/test/reporter';

import { createLogger } from '../logging/index.ts';
import {
  computeAttemptId,
  currentRunId,
  detectCiRun,
  replaySpool,
  SPOOL_FILE_EXTENSION,
  resolveRunId,
  resolveRunIdentity,
  titlePathOf,
  toPortableRelativePath,
} from '../reporting/index.ts';
import {
  computeTestId,
  openResultsDatabase,
  openResultsStore,
  type Database,
} from '../results/index.ts';
import { countPassingRun } from './bug-store.ts';
import { resolveBugStepOptions, type ResolvedBugStepOptions } from './bug-settings.ts';
import { runBugStep } from './bug-step.ts';
import { BugFiler, type SyncResult } from './filer.ts';
import { GitHubClient } from './github-client.ts';
import { resolveGitHubSettings, type GitHubSettings } from './github-settings.ts';
import type { FailureReport, RunInfo, StepNode } from './issue-content.ts';
import { LOAD_ATTACHMENT, VISUAL_ATTACHMENT } from './layer-attachments.ts';
import { Redactor } from './redact.ts';

const log = createLogger('bugs');

/** Layer attachments whose bodies the bug step reads; others are only named. */
const LAYER_ATTACHMENTS = new Set([VISUAL_ATTACHMENT, LOAD_ATTACHMENT]);

/** Largest layer attachment read from disk; a bigger one is not layer data. */
const MAX_LAYER_ATTACHMENT_BYTES = 5_000_000;

function stepsOf(steps: readonly TestStep[]): StepNode[] {
  const nodes: StepNode[] = [];
  for (const step of steps) {
    if (step.category === 'test.step') {
      nodes.push({
        title: step.title,
        failed: step.error !== undefined,
        steps: stepsOf(step.steps),
      });
    } else {
      // Hooks and fixtures may contain the test's own steps.
      nodes.push(...stepsOf(step.steps));
    }
  }
  return nodes;
}

interface PendingFailure {
  test: TestCase;
  report: FailureReport;
  attachmentPaths: Map<number, string>;
}

export default class BugReporter implements Reporter {
  readonly #options: ResolvedBugStepOptions;
  readonly #github: GitHubSettings | undefined;
  readonly #redactor = Redactor.fromEnv(process.env);
  #configDir = process.cwd();
  #outputDir = resolve('test-results');
  #shardIndex = 1;
  #playwrightVersion = '';
  #projectNames: string[] = [];
  #workers = 1;
  readonly #failures: PendingFailure[] = [];

  /** Validates the options and the GitHub settings, so that a mistake stops the run before any test. */
  constructor(rawOptions: unknown = {}) {
    this.#options = resolveBugStepOptions(rawOptions);
    const mode = (rawOptions as { _mode?: unknown } | undefined)?._mode;
    if (mode === 'list' || mode === 'merge') this.#options.enabled = false;
    this.#github = this.#options.enabled ? resolveGitHubSettings(process.env) : undefined;
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig): void {
    if (config.configFile) this.#configDir = dirname(config.configFile);
    this.#outputDir = config.projects[0]?.outputDir ?? this.#outputDir;
    this.#shardIndex = config.shard?.current ?? 1;
    this.#playwrightVersion = config.version;
    this.#projectNames = config.projects.map((project) => project.name);
    this.#workers = config.workers;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (!this.#options.enabled) return;
    const quarantined = result.annotations.some(
      (annotation) => annotation.type === 'quarantined-failure',
    );
    const failed =
      result.status !== 'passed' && result.status !== 'skipped' && result.status !== 'interrupted';
    if (!failed || (result.status === test.expectedStatus && !quarantined)) return;

    try {
      const file = toPortableRelativePath(test.location.file, this.#configDir);
      const project = test.parent.project()?.name ?? '';
      const titlePath = titlePathOf(test);
      const error = result.errors[0] ?? result.error;
      const attachmentPaths = new Map<number, string>();
      const attachments = result.attachments.map((attachment, index) => {
        if (LAYER_ATTACHMENTS.has(attachment.name) && !attachment.body && attachment.path) {
          attachmentPaths.set(index, attachment.path);
        }
        return {
          name: attachment.name,
          contentType: attachment.contentType,
          ...(LAYER_ATTACHMENTS.has(attachment.name) && attachment.body
            ? { body: attachment.body }
            : {}),
        };
      });
      const testId = computeTestId(file, project, titlePath);
      this.#failures.push({
        test,
        attachmentPaths,
        report: {
          testId,
          titlePath,
          file,
          project,
          error: {
            message: error?.message ?? error?.value ?? `Test ${result.status}`,
            ...(error?.stack ? { stack: error.stack } : {}),
          },
          attachments,
          retry: result.retry,
          status: result.status,
          passedOnRetry: false,
          steps: stepsOf(result.steps),
        },
      });
    } catch (error) {
      log(
        'failed to note the failure of "%s": %s',
        test.title,
        this.#redactor.redact(String(error)),
      );
    }
  }

  async onEnd(_result: FullResult): Promise<void> {
    if (!this.#options.enabled) return;
    try {
      await this.#runStep();
    } catch (error) {
      const message = this.#redactor.redact((error as Error).message ?? String(error));
      log('bug step failed: %s', this.#redactor.redact((error as Error).stack ?? message));
      process.stderr.write(
        `[nova bugs] The bug step failed (${message.split('\n')[0]}). The test results are not affected.\n`,
      );
    }
  }

  async #runStep(): Promise<void> {
    const runId = currentRunId() ?? resolveRunId(process.env, detectCiRun(process.env)).id;
    const failures = await this.#collectFailures(runId);
    const draftsDir = resolve(
      this.#configDir,
      this.#options.draftsDir ?? join(this.#outputDir, 'nova-bugs'),
    );

    let db: Database | undefined;
    if (process.env.NOVA_RESULTS?.trim().toLowerCase() !== 'off') {
      try {
        await this.#replaySpool();
        db = await openResultsDatabase();
      } catch (error) {
        process.stderr.write(
          `[nova bugs] The results database could not be opened (${this.#redactor.redact((error as Error).message.split('\n')[0] ?? '')}), ` +
            `so bugs are only drafted in ${draftsDir}.\n`,
        );
      }
    }

    try {
      const run = await this.#runInfo(db, runId);
      const step = await runBugStep({
        failures,
        run,
        redactor: this.#redactor,
        draftsDir,
        ...(db ? { db } : {}),
      });
      if (!db) return;

      const closed = await countPassingRun(db, runId, {
        defaultBranch: this.#options.defaultBranch,
        passesToClose: this.#options.passesToClose,
      });

      if (!this.#github) {
        if (step.bugs.length > 0 || closed.length > 0) {
          process.stderr.write(
            `[nova bugs] ${step.bugs.length} bug(s) in this run, drafted in ${draftsDir}` +
              `${closed.length > 0 ? `; ${closed.length} fixed` : ''}. Without GITHUB_TOKEN nothing was filed: ` +
              'run `npx nova bugs` to list them and `npx nova bugs sync` to file them.\n',
          );
        }
        return;
      }
      const filer = new BugFiler({
        db,
        github: new GitHubClient(this.#github, this.#redactor, this.#options.github),
        redactor: this.#redactor,
        ...(this.#options.lockWaitMs !== undefined ? { lockWaitMs: this.#options.lockWaitMs } : {}),
        ...(this.#options.createRetryBaseMs !== undefined
          ? { createRetryBaseMs: this.#options.createRetryBaseMs }
          : {}),
      });
      const sync = await filer.sync();
      process.stderr.write(formatSyncSummary(sync, `${this.#github.owner}/${this.#github.repo}`));
    } finally {
      await db?.close();
    }
  }

  /**
   * Loads records that the results reporter spooled, because it could not
   * reach the database in time, as `nova results replay` would. The bug step
   * needs the run's attempts to count passing runs, and replaying twice adds nothing.
   */
  async #replaySpool(): Promise<void> {
    const spoolDir = resolve(this.#options.spoolDir);
    const files = await readdir(spoolDir).catch(() => [] as string[]);
    if (!files.some((file) => file.endsWith(SPOOL_FILE_EXTENSION))) return;

    const store = await openResultsStore();
    try {
      const replayed = await replaySpool({ spoolDir, store });
      log('replayed %d attempts of %d runs from %s', replayed.attempts, replayed.runs, spoolDir);
      process.stderr.write(
        `[nova bugs] Loaded ${replayed.inserted} spooled attempt(s) into the results database, so that this run's passes count.\n`,
      );
    } finally {
      await store.close();
    }
  }

  /** Reads layer attachments from disk and marks failures of tests that passed on a later retry. */
  async #collectFailures(runId: string): Promise<FailureReport[]> {
    const reports: FailureReport[] = [];
    for (const { test, report, attachmentPaths } of this.#failures) {
      for (const [index, path] of attachmentPaths) {
        try {
          const body = await readFile(resolve(this.#configDir, path));
          const attachment = report.attachments?.[index];
          if (attachment && body.byteLength <= MAX_LAYER_ATTACHMENT_BYTES) attachment.body = body;
        } catch (error) {
          log('layer attachment %s could not be read: %s', path, String(error));
        }
      }
      reports.push({
        ...report,
        passedOnRetry: test.outcome() === 'flaky',
        // The results reporter's id of the same attempt, so that occurrences join the attempts table.
        attemptId: computeAttemptId({
          runId,
          testId: report.testId,
          shardIndex: this.#shardIndex,
          repeatEachIndex: test.repeatEachIndex,
          retry: report.retry,
        }),
      });
    }
    return reports;
  }

  /**
   * Reads the run's commit, branch, link and environment from the store.
   * When the results reporter could not write them (it spooled its records),
   * they come from the CI variables and git, as that reporter finds them.
   */
  async #runInfo(db: Database | undefined, runId: string): Promise<RunInfo> {
    const row = db
      ? (
          await db.query<{
            git_commit: string | null;
            git_branch: string | null;
            run_url: string | null;
            environment: Record<string, string> | null;
          }>('SELECT git_commit, git_branch, run_url, environment FROM runs WHERE id = $1', [runId])
        ).rows[0]
      : undefined;
    const detected = resolveRunIdentity({
      env: process.env,
      cwd: this.#configDir,
      startedAt: new Date(),
      runId: { id: runId, source: 'NOVA_RUN_ID' },
      facts: {
        playwrightVersion: this.#playwrightVersion,
        projectNames: this.#projectNames,
        workers: this.#workers,
      },
    }).run;
    const commit = row?.git_commit ?? detected.gitCommit;
    const branch = row?.git_branch ?? detected.gitBranch;
    const url = row?.run_url ?? detected.runUrl;
    return {
      id: runId,
      ...(commit ? { commit } : {}),
      ...(branch ? { branch } : {}),
      ...(url ? { url } : {}),
      environment:
        row?.environment && Object.keys(row.environment).length > 0
          ? row.environment
          : detected.environment,
    };
  }
}

/** Formats the one-line summary of a sync. */
export function formatSyncSummary(sync: SyncResult, repo: string): string {
  const parts = [
    `${sync.filed.length} issue(s) opened`,
    `${sync.adopted.length} found by marker`,
    `${sync.commentsCreated} comment(s) added`,
    `${sync.commentsUpdated} updated`,
    `${sync.reopened.length} reopened`,
    `${sync.closed.length} closed`,
    `${sync.relabelled.length} relabelled`,
  ];
  const failed =
    sync.failed.length > 0
      ? ` ${sync.failed.length} bug(s) could not be synced and stay pending for \`npx nova bugs sync\`: ${sync.failed.map((item) => `${item.fingerprint} (${item.reason})`).join('; ')}.`
      : '';
  return `[nova bugs] ${repo}: ${parts.join(', ')}.${failed}\n`;
}
