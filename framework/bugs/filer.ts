/**
 * Keeps GitHub issues in step with the bugs in the store: files new bugs,
 * comments once per run that saw a bug again, reopens, closes fixed bugs and
 * swaps the `bug` label for `flaky`. Each bug is handled under its lock in
 * the store, so concurrent filers (shards, overlapping runs) never open two
 * issues for one fingerprint. A store without a record of the issue finds it
 * by the marker in its body.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { createLogger } from '../logging/index.ts';
import type { Database } from '../results/index.ts';
import {
  bugsToSync,
  getBug,
  markFiled,
  markGithubState,
  markRunCommented,
  runFacts,
  runsToComment,
  tryLockBug,
  unlockBug,
  type StoredBug,
} from './bug-store.ts';
import type { GitHubClient, IssueRef } from './github-client.ts';
import { renderCloseComment, renderRunComment, runMarker } from './issue-content.ts';
import type { Redactor } from './redact.ts';

const log = createLogger('bugs');

/** Labels the filer manages on its issues; other labels, set by people, stay. */
const MANAGED_LABEL = /^(?:bug|flaky|layer:.+|kind:.+)$/;

export interface FilerOptions {
  db: Database;
  github: GitHubClient;
  redactor: Redactor;
  /** How long a lock is valid, in milliseconds (default 120000); it outlives a crashed filer by this much. */
  lockTtlMs?: number;
  /** How long to wait for another filer's lock before leaving the bug for the next sync (default 120000 ms). */
  lockWaitMs?: number;
  /** Pause between attempts to take a lock (default 200 ms). */
  lockPollMs?: number;
  /** Attempts to create an issue or comment after a server error (default 3), and the wait unit (default 1000 ms). */
  createRetries?: number;
  createRetryBaseMs?: number;
}

export interface SyncResult {
  filed: number[];
  /** Issues found by their marker instead of being created. */
  adopted: number[];
  commentsCreated: number;
  commentsUpdated: number;
  reopened: number[];
  closed: number[];
  relabelled: number[];
  /** Bugs left for the next sync, with the reason. */
  failed: { fingerprint: string; reason: string }[];
}

function isRetryable(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  // Octokit reports a dropped connection or a timeout as status 500, and a missing status means no response at all.
  return status === undefined || status === 0 || status >= 500;
}

function errorText(error: unknown, redactor: Redactor): string {
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message : String(error);
  return redactor.redact(status ? `HTTP ${status}: ${message}` : message);
}

export class BugFiler {
  readonly #db: Database;
  readonly #github: GitHubClient;
  readonly #redactor: Redactor;
  readonly #owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #lockTtlMs: number;
  readonly #lockWaitMs: number;
  readonly #lockPollMs: number;
  readonly #createRetries: number;
  readonly #createRetryBaseMs: number;

  constructor(options: FilerOptions) {
    this.#db = options.db;
    this.#github = options.github;
    this.#redactor = options.redactor;
    this.#lockTtlMs = options.lockTtlMs ?? 120_000;
    this.#lockWaitMs = options.lockWaitMs ?? 120_000;
    this.#lockPollMs = options.lockPollMs ?? 200;
    this.#createRetries = options.createRetries ?? 3;
    this.#createRetryBaseMs = options.createRetryBaseMs ?? 1_000;
  }

  /** Syncs the given bugs, or every bug whose issue is missing or behind the store. */
  async sync(fingerprints?: readonly string[]): Promise<SyncResult> {
    const result: SyncResult = {
      filed: [],
      adopted: [],
      commentsCreated: 0,
      commentsUpdated: 0,
      reopened: [],
      closed: [],
      relabelled: [],
      failed: [],
    };
    const todo = fingerprints ?? (await bugsToSync(this.#db));
    for (const fingerprint of todo) {
      try {
        const locked = await this.#lock(fingerprint);
        if (!locked) {
          result.failed.push({
            fingerprint,
            reason: `another filer held its lock for ${this.#lockWaitMs} ms`,
          });
          continue;
        }
        try {
          await this.#syncOne(fingerprint, result);
        } finally {
          await unlockBug(this.#db, fingerprint, this.#owner);
        }
      } catch (error) {
        const reason = errorText(error, this.#redactor);
        log('bug %s left for the next sync: %s', fingerprint, reason);
        result.failed.push({ fingerprint, reason });
      }
    }
    return result;
  }

  async #lock(fingerprint: string): Promise<boolean> {
    const deadline = Date.now() + this.#lockWaitMs;
    for (;;) {
      if (await tryLockBug(this.#db, fingerprint, this.#owner, this.#lockTtlMs)) return true;
      if (Date.now() >= deadline) return false;
      await sleep(this.#lockPollMs);
    }
  }

  async #syncOne(fingerprint: string, result: SyncResult): Promise<void> {
    let bug = await getBug(this.#db, fingerprint);
    if (!bug) return;

    let issue: IssueRef | undefined;
    if (bug.githubIssueNumber === null) {
      if (bug.state === 'closed') return;
      issue = await this.#github.findIssueByMarker(fingerprint);
      if (issue) {
        log('bug %s already has issue #%d (found by its marker)', fingerprint, issue.number);
        result.adopted.push(issue.number);
        await markFiled(this.#db, fingerprint, { ...issue, repo: this.#github.repoName }, null);
      } else {
        issue = await this.#createIssue(bug);
        log('bug %s filed as issue #%d', fingerprint, issue.number);
        result.filed.push(issue.number);
        await markFiled(
          this.#db,
          fingerprint,
          { ...issue, repo: this.#github.repoName },
          bug.lastSeenRunId,
        );
      }
      bug = (await getBug(this.#db, fingerprint)) ?? bug;
    }
    const issueNumber = bug.githubIssueNumber ?? issue?.number;
    if (issueNumber === undefined || issueNumber === null) return;

    const reopening = bug.state === 'open' && bug.githubState === 'closed';
    await this.#commentOnRuns(bug, issueNumber, reopening, result);

    let state = bug.githubState ?? 'open';
    if (reopening) {
      await this.#github.setIssueState(issueNumber, 'open');
      state = 'open';
      result.reopened.push(issueNumber);
    } else if (bug.state === 'closed' && state === 'open') {
      const run = await runFacts(this.#db, bug.closedByRunId ?? bug.lastSeenRunId ?? 'unknown');
      const closeKey = `closed-by-${run.id}`;
      const existing = await this.#github.findRunComment(issueNumber, fingerprint, closeKey);
      if (existing === undefined) {
        const body = `${runMarker(fingerprint, closeKey)}\n${renderCloseComment({ run, passes: bug.consecutivePasses, redactor: this.#redactor })}`;
        await this.#createComment(issueNumber, body, fingerprint, closeKey);
      }
      await this.#github.setIssueState(issueNumber, 'closed');
      state = 'closed';
      result.closed.push(issueNumber);
    }

    const labels = await this.#syncLabels(bug, issueNumber, result);
    await markGithubState(this.#db, fingerprint, state, labels);
  }

  async #commentOnRuns(
    bug: StoredBug,
    issueNumber: number,
    reopening: boolean,
    result: SyncResult,
  ): Promise<void> {
    const runs = await runsToComment(this.#db, bug.fingerprint);
    for (const [index, run] of runs.entries()) {
      const body = renderRunComment({
        fingerprint: bug.fingerprint,
        run: { id: run.runId, url: run.url, commit: run.commit },
        occurrences: run.occurrences,
        totalOccurrences: bug.occurrences,
        tests: run.tests,
        // Only the newest run's comment explains the reopening.
        reopened: reopening && index === runs.length - 1,
        redactor: this.#redactor,
      });

      let commentId = run.commentId ?? undefined;
      if (commentId === undefined) {
        commentId = await this.#github.findRunComment(issueNumber, bug.fingerprint, run.runId);
        if (commentId !== undefined) {
          await this.#github.updateComment(commentId, body);
          result.commentsUpdated += 1;
        } else {
          commentId = await this.#createComment(issueNumber, body, bug.fingerprint, run.runId);
          result.commentsCreated += 1;
        }
      } else if (commentId > 0) {
        // A later shard of the same run added occurrences: the run keeps its one comment, with the new count.
        await this.#github.updateComment(commentId, body);
        result.commentsUpdated += 1;
      }
      await markRunCommented(this.#db, bug.fingerprint, run.runId, commentId, run.occurrences);
    }
  }

  async #syncLabels(bug: StoredBug, issueNumber: number, result: SyncResult): Promise<string[]> {
    const current = bug.githubLabels ?? [];
    const missing = bug.labels.filter((label) => !current.includes(label));
    const extra = current.filter(
      (label) => MANAGED_LABEL.test(label) && !bug.labels.includes(label),
    );
    if (missing.length === 0 && extra.length === 0) return bug.labels;
    await this.#github.addLabels(issueNumber, missing);
    for (const label of extra) await this.#github.removeLabel(issueNumber, label);
    result.relabelled.push(issueNumber);
    return bug.labels;
  }

  /**
   * Creates the issue. After a server error or a dropped connection the issue
   * may exist anyway, so the marker is looked up before each new attempt.
   */
  async #createIssue(bug: StoredBug): Promise<IssueRef> {
    const body = bug.body ?? '';
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.#github.createIssue({
          title: this.#redactor.redact(bug.title),
          body,
          labels: bug.labels,
        });
      } catch (error) {
        if (!isRetryable(error) || attempt >= this.#createRetries) throw error;
        log(
          'creating the issue of %s failed (%s); looking for it before trying again',
          bug.fingerprint,
          errorText(error, this.#redactor),
        );
        await sleep(this.#createRetryBaseMs * (attempt + 1) ** 2);
        const existing = await this.#github.findIssueByMarker(bug.fingerprint);
        if (existing) return existing;
      }
    }
  }

  /**
   * Creates a comment whose body carries `runMarker(fingerprint, runKey)`,
   * with the same care as `#createIssue`: before each new attempt it looks
   * for the comment by that marker.
   */
  async #createComment(
    issueNumber: number,
    body: string,
    fingerprint: string,
    runKey: string,
  ): Promise<number> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.#github.createComment(issueNumber, body);
      } catch (error) {
        if (!isRetryable(error) || attempt >= this.#createRetries) throw error;
        await sleep(this.#createRetryBaseMs * (attempt + 1) ** 2);
        const existing = await this.#github.findRunComment(issueNumber, fingerprint, runKey);
        if (existing !== undefined) return existing;
      }
    }
  }
}
