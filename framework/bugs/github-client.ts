/**
 * The GitHub calls of the filer, through `@octokit/rest` with the throttling
 * plugin (GitHub's primary and secondary rate limits) and the retry plugin
 * (server errors and dropped connections). Creating an issue or a comment is
 * not repeated blindly: after a failure the filer looks for its hidden marker
 * first, because the request may have succeeded before the response was lost.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';

import { createLogger } from '../logging/index.ts';
import type { GitHubSettings } from './github-settings.ts';
import { fingerprintMarker, runMarker } from './issue-content.ts';
import type { Redactor } from './redact.ts';

const log = createLogger('bugs');

/** The fields of an issue that the filer reads. */
export interface IssueRef {
  number: number;
  url: string;
  state: 'open' | 'closed';
  labels: string[];
  body: string;
}

/** Limits of the client; the defaults follow GitHub's documented advice. */
export interface GitHubClientOptions {
  /**
   * Retries after a server error or a dropped connection (default 3), and
   * after a rate limit (default 3).
   */
  retries?: number;
  /**
   * Milliseconds per unit of wait: the retry plugin waits (n + 1)² units
   * after its n-th failure, and a rate limit waits `retry-after` units.
   * Default 1000, so that `retry-after` reads as seconds; tests set 1.
   */
  retryAfterBaseMs?: number;
  /** Longest `retry-after` in seconds that is waited out; a longer one fails the call (default 120). */
  maxRetryAfterSeconds?: number;
  /**
   * Minimum milliseconds between writes (default 1000) and between writes
   * that notify people, such as new issues and comments (default 3000):
   * GitHub's advice against secondary rate limits.
   */
  writeIntervalMs?: number;
  notificationIntervalMs?: number;
  /** Minimum milliseconds between searches (default 2000, GitHub allows 30 a minute). */
  searchIntervalMs?: number;
  /** Time limit of one HTTP request in milliseconds (default 30000). */
  requestTimeoutMs?: number;
}

const DEFAULTS: Required<GitHubClientOptions> = {
  retries: 3,
  retryAfterBaseMs: 1_000,
  maxRetryAfterSeconds: 120,
  writeIntervalMs: 1_000,
  notificationIntervalMs: 3_000,
  searchIntervalMs: 2_000,
  requestTimeoutMs: 30_000,
};

const NovaOctokit = Octokit.plugin(throttling, retry);

interface RawLabel {
  name?: string;
}

interface RawIssue {
  number: number;
  html_url: string;
  state: string;
  labels: (string | RawLabel)[];
  body?: string | null;
  pull_request?: unknown;
}

function toIssueRef(issue: RawIssue): IssueRef {
  return {
    number: issue.number,
    url: issue.html_url,
    state: issue.state === 'closed' ? 'closed' : 'open',
    labels: issue.labels
      .map((label) => (typeof label === 'string' ? label : (label.name ?? '')))
      .filter((name) => name !== ''),
    body: issue.body ?? '',
  };
}

/** The issue, comment, label and search calls that the filer makes. */
export class GitHubClient {
  readonly owner: string;
  readonly repo: string;
  readonly #octokit: InstanceType<typeof NovaOctokit>;
  readonly #options: Required<GitHubClientOptions>;

  constructor(settings: GitHubSettings, redactor: Redactor, options: GitHubClientOptions = {}) {
    this.owner = settings.owner;
    this.repo = settings.repo;
    this.#options = { ...DEFAULTS, ...options };
    const limits = this.#options;

    const onLimit =
      (kind: string) =>
      (
        retryAfter: number,
        request: { method: string; url: string },
        _octokit: unknown,
        retryCount: number,
      ): boolean => {
        const willRetry = retryCount < limits.retries && retryAfter <= limits.maxRetryAfterSeconds;
        log(
          '%s rate limit on %s %s: retry-after %d, attempt %d, %s',
          kind,
          request.method,
          request.url,
          retryAfter,
          retryCount + 1,
          willRetry ? 'waiting' : 'giving up',
        );
        return willRetry;
      };

    // Bottleneck groups of our own, so that the intervals are ours and not shared with other Octokit users in the process.
    const group = (id: string, minTime: number) =>
      new Bottleneck.Group({ id, maxConcurrent: 1, minTime });

    this.#octokit = new NovaOctokit({
      auth: settings.token,
      baseUrl: settings.apiUrl,
      userAgent: 'elysium-nova-bugs',
      request: {
        fetch: (url: string | URL, init?: RequestInit) =>
          fetch(url, { ...init, signal: AbortSignal.timeout(limits.requestTimeoutMs) }),
      },
      log: {
        debug: () => undefined,
        info: (message: string) => log(redactor.redact(message)),
        warn: (message: string) => log(redactor.redact(message)),
        error: (message: string) => log(redactor.redact(message)),
      },
      retry: { retries: limits.retries, retryAfterBaseValue: limits.retryAfterBaseMs },
      throttle: {
        id: `nova-${settings.owner}-${settings.repo}`,
        retryAfterBaseValue: limits.retryAfterBaseMs,
        write: group('nova-write', limits.writeIntervalMs),
        notifications: group('nova-notifications', limits.notificationIntervalMs),
        search: group('nova-search', limits.searchIntervalMs),
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
      },
    });
  }

  get repoName(): string {
    return `${this.owner}/${this.repo}`;
  }

  /**
   * Finds the issue whose body carries the fingerprint marker: first among the
   * newest issues labelled `nova` (up to date at once), then through search,
   * which also finds old issues but may lag behind a new one by a minute.
   */
  async findIssueByMarker(fingerprint: string): Promise<IssueRef | undefined> {
    const marker = fingerprintMarker(fingerprint);
    const recent = await this.#octokit.rest.issues.listForRepo({
      owner: this.owner,
      repo: this.repo,
      labels: 'nova',
      state: 'all',
      sort: 'created',
      direction: 'desc',
      per_page: 100,
    });
    const fromList = recent.data.find(
      (issue) => !issue.pull_request && (issue.body ?? '').includes(marker),
    );
    if (fromList) return toIssueRef(fromList);

    const found = await this.#octokit.rest.search.issuesAndPullRequests({
      q: `"nova-fingerprint: ${fingerprint}" repo:${this.owner}/${this.repo} is:issue in:body`,
      per_page: 10,
    });
    const fromSearch = found.data.items.find((issue) => (issue.body ?? '').includes(marker));
    return fromSearch ? toIssueRef(fromSearch) : undefined;
  }

  /** Creates an issue. Not retried here: see `createIssueOnce` callers. */
  async createIssue(issue: { title: string; body: string; labels: string[] }): Promise<IssueRef> {
    const created = await this.#octokit.rest.issues.create({
      owner: this.owner,
      repo: this.repo,
      title: issue.title,
      body: issue.body,
      labels: issue.labels,
      request: { retries: 0 },
    });
    return toIssueRef(created.data);
  }

  async getIssue(issueNumber: number): Promise<IssueRef> {
    const issue = await this.#octokit.rest.issues.get({
      owner: this.owner,
      repo: this.repo,
      issue_number: issueNumber,
    });
    return toIssueRef(issue.data);
  }

  async setIssueState(issueNumber: number, state: 'open' | 'closed'): Promise<IssueRef> {
    const updated = await this.#octokit.rest.issues.update({
      owner: this.owner,
      repo: this.repo,
      issue_number: issueNumber,
      state,
      ...(state === 'closed' ? { state_reason: 'completed' as const } : {}),
    });
    return toIssueRef(updated.data);
  }

  async addLabels(issueNumber: number, labels: string[]): Promise<void> {
    if (labels.length === 0) return;
    await this.#octokit.rest.issues.addLabels({
      owner: this.owner,
      repo: this.repo,
      issue_number: issueNumber,
      labels,
    });
  }

  async removeLabel(issueNumber: number, label: string): Promise<void> {
    try {
      await this.#octokit.rest.issues.removeLabel({
        owner: this.owner,
        repo: this.repo,
        issue_number: issueNumber,
        name: label,
      });
    } catch (error) {
      // Someone removed it already: the goal is reached.
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }

  /** Finds the comment that reports `runId` on this bug's issue, by its hidden marker. */
  async findRunComment(
    issueNumber: number,
    fingerprint: string,
    runId: string,
  ): Promise<number | undefined> {
    const marker = runMarker(fingerprint, runId);
    const comments = await this.#octokit.paginate(this.#octokit.rest.issues.listComments, {
      owner: this.owner,
      repo: this.repo,
      issue_number: issueNumber,
      per_page: 100,
    });
    return comments.find((comment) => (comment.body ?? '').includes(marker))?.id;
  }

  /** Creates a comment. Not retried here, for the reason given on `createIssue`. */
  async createComment(issueNumber: number, body: string): Promise<number> {
    const created = await this.#octokit.rest.issues.createComment({
      owner: this.owner,
      repo: this.repo,
      issue_number: issueNumber,
      body,
      request: { retries: 0 },
    });
    return created.data.id;
  }

  async updateComment(commentId: number, body: string): Promise<void> {
    await this.#octokit.rest.issues.updateComment({
      owner: this.owner,
      repo: this.repo,
      comment_id: commentId,
      body,
    });
  }
}
