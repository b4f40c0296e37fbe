/**
 * The bug layer's tables in the results database: `bugs` (one row per
 * fingerprint, unique), `bug_symptoms` (the failure fingerprints each bug
 * contains), `bug_occurrences` and `bug_runs`. Every write is an
 * upsert keyed by fingerprint, attempt or run, so that shards, concurrent
 * filers and a second sync of the same run add nothing twice.
 */
import { randomUUID } from 'node:crypto';

import type { Database, Queryable } from '../results/index.ts';
import type { BugKind, BugLayer } from './classify.ts';
import type { BugReport, RunInfo } from './issue-content.ts';
import { stripAnsi } from './normalise.ts';
import type { Redactor } from './redact.ts';

/** Maximum length of a stored occurrence message; the attempt itself keeps the full text. */
const MAX_STORED_MESSAGE_LENGTH = 4_000;

export type BugState = 'open' | 'closed';

/** A bug as stored, with its issue when it has one. */
export interface StoredBug {
  id: string;
  fingerprint: string;
  title: string;
  layer: BugLayer;
  kind: BugKind;
  state: BugState;
  body: string | null;
  labels: string[];
  flaky: boolean;
  occurrences: number;
  consecutivePasses: number;
  firstSeenRunId: string | null;
  lastSeenRunId: string | null;
  closedByRunId: string | null;
  githubIssueNumber: number | null;
  githubIssueUrl: string | null;
  githubRepo: string | null;
  githubState: BugState | null;
  githubLabels: string[] | null;
  updatedAt: Date;
}

interface BugRow {
  id: string;
  fingerprint: string;
  title: string;
  layer: BugLayer;
  kind: BugKind;
  state: BugState;
  body: string | null;
  labels: string[];
  flaky: boolean;
  occurrences: number;
  consecutive_passes: number;
  first_seen_run_id: string | null;
  last_seen_run_id: string | null;
  closed_by_run_id: string | null;
  github_issue_number: number | null;
  github_issue_url: string | null;
  github_repo: string | null;
  github_state: BugState | null;
  github_labels: string[] | null;
  updated_at: Date | string;
}

function toBug(row: BugRow): StoredBug {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    title: row.title,
    layer: row.layer,
    kind: row.kind,
    state: row.state,
    body: row.body,
    labels: row.labels,
    flaky: row.flaky,
    occurrences: Number(row.occurrences),
    consecutivePasses: Number(row.consecutive_passes),
    firstSeenRunId: row.first_seen_run_id,
    lastSeenRunId: row.last_seen_run_id,
    closedByRunId: row.closed_by_run_id,
    githubIssueNumber: row.github_issue_number === null ? null : Number(row.github_issue_number),
    githubIssueUrl: row.github_issue_url,
    githubRepo: row.github_repo,
    githubState: row.github_state,
    githubLabels: row.github_labels,
    updatedAt: new Date(row.updated_at),
  };
}

/** A bug seen in a run, with its rendered draft body (already redacted). */
export interface RecordedBug {
  report: BugReport;
  body: string;
}

/**
 * Records the bugs a run saw: creates new ones, reopens closed ones, adds
 * their occurrences and the run's count. Safe to call from several shards
 * and filers at once, and again for the same failures.
 */
export async function recordBugs(
  db: Database,
  run: RunInfo,
  bugs: readonly RecordedBug[],
  redactor: Redactor,
): Promise<void> {
  await db.transaction((tx) => recordBugsIn(tx, run, bugs, redactor));
}

/** Records the bugs as `recordBugs` does, inside a transaction that the caller holds. */
export async function recordBugsIn(
  db: Queryable,
  run: RunInfo,
  bugs: readonly RecordedBug[],
  redactor: Redactor,
): Promise<void> {
  // The run row normally comes from the results reporter; this keeps the foreign keys valid without it.
  await db.query(
    `INSERT INTO runs (id, started_at, git_commit, git_branch, run_url) VALUES ($1, now(), $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET
       git_commit = COALESCE(runs.git_commit, EXCLUDED.git_commit),
       git_branch = COALESCE(runs.git_branch, EXCLUDED.git_branch),
       run_url = COALESCE(runs.run_url, EXCLUDED.run_url)`,
    [run.id, run.commit ?? null, run.branch ?? null, run.url ?? null],
  );

  for (const { report, body } of bugs) {
    // NOTE: the body is this shard's view of the bug. A symptom that a later shard of the
    // same run adds reaches bug_symptoms, but the filer writes the issue body only once.
    await db.query(
      // clock_timestamp(), not now(): one transaction records every bug of the run, and the
      // filer files them in the order of created_at, which is the order they were first seen.
      `INSERT INTO bugs (id, fingerprint, title, layer, kind, state, body, labels, flaky, first_seen_run_id, last_seen_run_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $9, clock_timestamp(), clock_timestamp())
         ON CONFLICT (fingerprint) DO UPDATE SET
           last_seen_run_id = EXCLUDED.last_seen_run_id,
           body = EXCLUDED.body,
           flaky = bugs.flaky OR EXCLUDED.flaky,
           labels = CASE WHEN bugs.flaky OR EXCLUDED.flaky THEN array_replace(bugs.labels, 'bug', 'flaky') ELSE bugs.labels END,
           state = 'open',
           closed_at = NULL,
           closed_by_run_id = CASE WHEN bugs.state = 'closed' THEN NULL ELSE bugs.closed_by_run_id END,
           consecutive_passes = 0,
           updated_at = clock_timestamp()`,
      [
        randomUUID(),
        report.fingerprint,
        report.title,
        report.layer,
        report.kind,
        body,
        report.labels,
        report.flaky,
        run.id,
      ],
    );

    for (const symptom of report.symptoms) {
      await db.query(
        `INSERT INTO bug_symptoms (symptom, fingerprint, group_key, first_seen_run_id) VALUES ($1, $2, $3, $4)
           ON CONFLICT (symptom) DO NOTHING`,
        [symptom, report.fingerprint, report.group ?? null, run.id],
      );
    }

    for (const failure of report.failures) {
      await db.query(
        `INSERT INTO bug_occurrences (fingerprint, run_id, attempt_id, test_id, message, retry, flaky, test_path)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (fingerprint, attempt_id) DO NOTHING`,
        [
          report.fingerprint,
          run.id,
          failure.attemptId ?? `${run.id}:${failure.testId}:${failure.retry}`,
          failure.testId,
          redactor
            .redact(stripAnsi(failure.error.message ?? ''))
            .slice(0, MAX_STORED_MESSAGE_LENGTH),
          failure.retry,
          failure.passedOnRetry,
          `${failure.file} › ${failure.titlePath.join(' › ')} (${failure.project})`,
        ],
      );
    }

    await db.query(
      `UPDATE bugs SET occurrences = (SELECT count(*) FROM bug_occurrences WHERE fingerprint = $1) WHERE fingerprint = $1`,
      [report.fingerprint],
    );
    await db.query(
      `INSERT INTO bug_runs (fingerprint, run_id, outcome, occurrences)
         VALUES ($1, $2, 'seen', (SELECT count(*) FROM bug_occurrences WHERE fingerprint = $1 AND run_id = $2))
         ON CONFLICT (fingerprint, run_id) DO UPDATE SET outcome = 'seen', occurrences = EXCLUDED.occurrences`,
      [report.fingerprint, run.id],
    );
  }
}

/** Maps each of these symptoms that a stored bug contains to that bug's fingerprint. */
export async function bugsOfSymptoms(
  db: Queryable,
  symptoms: readonly string[],
): Promise<Map<string, string>> {
  const known = new Map<string, string>();
  if (symptoms.length === 0) return known;
  const rows = await db.query<{ symptom: string; fingerprint: string }>(
    'SELECT symptom, fingerprint FROM bug_symptoms WHERE symptom = ANY($1::text[])',
    [[...new Set(symptoms)]],
  );
  for (const row of rows.rows) known.set(row.symptom, row.fingerprint);
  return known;
}

/** Maps each group of new observations to the bug that this run filed for it, for the shards that end later. */
export async function runBugGroups(db: Queryable, runId: string): Promise<Map<string, string>> {
  const rows = await db.query<{ group_key: string; fingerprint: string }>(
    `SELECT group_key, min(fingerprint) AS fingerprint FROM bug_symptoms
     WHERE first_seen_run_id = $1 AND group_key IS NOT NULL GROUP BY group_key`,
    [runId],
  );
  return new Map(rows.rows.map((row) => [row.group_key, row.fingerprint]));
}

/** Lists the symptoms a bug contains, sorted. */
export async function symptomsOfBug(db: Queryable, fingerprint: string): Promise<string[]> {
  const rows = await db.query<{ symptom: string }>(
    'SELECT symptom FROM bug_symptoms WHERE fingerprint = $1 ORDER BY symptom',
    [fingerprint],
  );
  return rows.rows.map((row) => row.symptom);
}

/** Reads whether every shard of a run has ended, and the run's branch, link and commit. */
export async function runStatus(
  db: Queryable,
  runId: string,
): Promise<{
  exists: boolean;
  complete: boolean;
  branch: string | null;
  url: string | null;
  commit: string | null;
}> {
  const run = await db.query<{
    git_branch: string | null;
    run_url: string | null;
    git_commit: string | null;
  }>('SELECT git_branch, run_url, git_commit FROM runs WHERE id = $1', [runId]);
  const shards = await db.query<{ shard_total: number; ended: number | string }>(
    `SELECT shard_total, count(*) FILTER (WHERE ended_at IS NOT NULL) AS ended
     FROM run_shards WHERE run_id = $1 GROUP BY shard_total`,
    [runId],
  );
  const row = run.rows[0];
  const shardRow = shards.rows[0];
  return {
    exists: row !== undefined,
    complete: shardRow !== undefined && Number(shardRow.ended) >= Number(shardRow.shard_total),
    branch: row?.git_branch ?? null,
    url: row?.run_url ?? null,
    commit: row?.git_commit ?? null,
  };
}

/**
 * Counts a complete run on the default branch as a pass for each open bug
 * whose tests ran in it without a failure, once per bug and run, and closes
 * the bugs that reach `passesToClose` consecutive passes. Returns the
 * fingerprints it closed. A run on another branch, or with shards still
 * running, changes nothing.
 */
export async function countPassingRun(
  db: Database,
  runId: string,
  options: { defaultBranch: string; passesToClose: number },
): Promise<string[]> {
  const status = await runStatus(db, runId);
  if (!status.complete || status.branch !== options.defaultBranch) return [];

  const candidates = await db.query<{ fingerprint: string }>(
    `SELECT b.fingerprint FROM bugs b
     WHERE b.state = 'open'
       AND NOT EXISTS (SELECT 1 FROM bug_runs r WHERE r.fingerprint = b.fingerprint AND r.run_id = $1)
       AND EXISTS (
         SELECT 1 FROM attempts a
         WHERE a.run_id = $1 AND a.status <> 'skipped'
           AND a.test_id IN (SELECT o.test_id FROM bug_occurrences o WHERE o.fingerprint = b.fingerprint))
       AND NOT EXISTS (
         SELECT 1 FROM attempts a
         WHERE a.run_id = $1 AND a.status NOT IN ('passed', 'skipped')
           AND a.test_id IN (SELECT o.test_id FROM bug_occurrences o WHERE o.fingerprint = b.fingerprint))
     ORDER BY b.fingerprint`,
    [runId],
  );

  const closed: string[] = [];
  for (const { fingerprint } of candidates.rows) {
    const didClose = await db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO bug_runs (fingerprint, run_id, outcome) VALUES ($1, $2, 'passed')
         ON CONFLICT (fingerprint, run_id) DO NOTHING RETURNING fingerprint`,
        [fingerprint, runId],
      );
      if (inserted.rows.length === 0) return false;
      const updated = await tx.query<{ state: BugState }>(
        `UPDATE bugs SET
           consecutive_passes = consecutive_passes + 1,
           state = CASE WHEN consecutive_passes + 1 >= $3 THEN 'closed' ELSE state END,
           closed_at = CASE WHEN consecutive_passes + 1 >= $3 THEN now() ELSE closed_at END,
           closed_by_run_id = CASE WHEN consecutive_passes + 1 >= $3 THEN $2 ELSE closed_by_run_id END,
           updated_at = now()
         WHERE fingerprint = $1 AND state = 'open'
         RETURNING state`,
        [fingerprint, runId, options.passesToClose],
      );
      return updated.rows[0]?.state === 'closed';
    });
    if (didClose) closed.push(fingerprint);
  }
  return closed;
}

/**
 * Takes the bug's filing lock for `ttlMs`, or returns false while another
 * filer holds it. An expired lock is taken over.
 */
export async function tryLockBug(
  db: Queryable,
  fingerprint: string,
  owner: string,
  ttlMs: number,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE bugs SET lock_owner = $2, lock_expires_at = now() + make_interval(secs => $3::double precision / 1000)
     WHERE fingerprint = $1 AND (lock_owner IS NULL OR lock_owner = $2 OR lock_expires_at < now())
     RETURNING fingerprint`,
    [fingerprint, owner, ttlMs],
  );
  return result.rows.length > 0;
}

export async function unlockBug(db: Queryable, fingerprint: string, owner: string): Promise<void> {
  await db.query(
    'UPDATE bugs SET lock_owner = NULL, lock_expires_at = NULL WHERE fingerprint = $1 AND lock_owner = $2',
    [fingerprint, owner],
  );
}

const BUG_COLUMNS = `id, fingerprint, title, layer, kind, state, body, labels, flaky, occurrences, consecutive_passes,
  first_seen_run_id, last_seen_run_id, closed_by_run_id, github_issue_number, github_issue_url, github_repo,
  github_state, github_labels, updated_at`;

export async function getBug(db: Queryable, fingerprint: string): Promise<StoredBug | undefined> {
  const result = await db.query<BugRow>(`SELECT ${BUG_COLUMNS} FROM bugs WHERE fingerprint = $1`, [
    fingerprint,
  ]);
  const row = result.rows[0];
  return row ? toBug(row) : undefined;
}

/** Lists bugs, newest change first; `state` filters by the store's state. */
export async function listBugs(
  db: Queryable,
  options: { state?: BugState } = {},
): Promise<StoredBug[]> {
  const result = await db.query<BugRow>(
    `SELECT ${BUG_COLUMNS} FROM bugs WHERE $1::text IS NULL OR state = $1 ORDER BY updated_at DESC, fingerprint`,
    [options.state ?? null],
  );
  return result.rows.map(toBug);
}

/** Fingerprints of bugs whose issue is missing or behind the store: to file, comment, reopen, close or relabel. */
export async function bugsToSync(db: Queryable): Promise<string[]> {
  const result = await db.query<{ fingerprint: string }>(
    `SELECT b.fingerprint FROM bugs b
     WHERE (b.github_issue_number IS NULL AND b.state = 'open')
        OR (b.github_issue_number IS NOT NULL AND (
             b.github_state IS DISTINCT FROM b.state
          OR b.github_labels IS DISTINCT FROM b.labels
          OR EXISTS (SELECT 1 FROM bug_runs r WHERE r.fingerprint = b.fingerprint AND r.outcome = 'seen'
                     AND (r.comment_id IS NULL OR r.commented_occurrences IS DISTINCT FROM r.occurrences))))
     ORDER BY b.created_at, b.fingerprint`,
  );
  return result.rows.map((row) => row.fingerprint);
}

/** A run that saw a bug and still needs its comment written or updated. */
export interface RunToComment {
  runId: string;
  occurrences: number;
  commentId: number | null;
  url: string | null;
  commit: string | null;
  tests: string[];
}

export async function runsToComment(db: Queryable, fingerprint: string): Promise<RunToComment[]> {
  const result = await db.query<{
    run_id: string;
    occurrences: number;
    comment_id: string | number | null;
    run_url: string | null;
    git_commit: string | null;
    tests: string[] | null;
  }>(
    `SELECT r.run_id, r.occurrences, r.comment_id, runs.run_url, runs.git_commit,
       (SELECT array_agg(DISTINCT o.test_path ORDER BY o.test_path) FROM bug_occurrences o
        WHERE o.fingerprint = r.fingerprint AND o.run_id = r.run_id) AS tests
     FROM bug_runs r LEFT JOIN runs ON runs.id = r.run_id
     WHERE r.fingerprint = $1 AND r.outcome = 'seen'
       AND (r.comment_id IS NULL OR r.commented_occurrences IS DISTINCT FROM r.occurrences)
     ORDER BY runs.started_at NULLS LAST, r.created_at`,
    [fingerprint],
  );
  return result.rows.map((row) => ({
    runId: row.run_id,
    occurrences: Number(row.occurrences),
    commentId: row.comment_id === null ? null : Number(row.comment_id),
    url: row.run_url,
    commit: row.git_commit,
    tests: (row.tests ?? []).filter((test): test is string => test !== null),
  }));
}

/**
 * Stores the issue of a bug. The runs seen so far are described by the body
 * (comment id 0), so that they get no comment of their own.
 */
export async function markFiled(
  db: Database,
  fingerprint: string,
  issue: { number: number; url: string; repo: string; state: BugState; labels: string[] },
  coveredRunId: string | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE bugs SET github_issue_number = $2, github_issue_url = $3, github_repo = $4, github_state = $5,
         github_labels = $6, updated_at = now() WHERE fingerprint = $1`,
      [fingerprint, issue.number, issue.url, issue.repo, issue.state, issue.labels],
    );
    if (coveredRunId !== null) {
      await tx.query(
        `UPDATE bug_runs SET comment_id = 0, commented_occurrences = occurrences
         WHERE fingerprint = $1 AND outcome = 'seen' AND comment_id IS NULL AND run_id = $2`,
        [fingerprint, coveredRunId],
      );
    }
  });
}

export async function markRunCommented(
  db: Queryable,
  fingerprint: string,
  runId: string,
  commentId: number,
  occurrences: number,
): Promise<void> {
  await db.query(
    'UPDATE bug_runs SET comment_id = $3, commented_occurrences = $4 WHERE fingerprint = $1 AND run_id = $2',
    [fingerprint, runId, commentId, occurrences],
  );
}

export async function markGithubState(
  db: Queryable,
  fingerprint: string,
  state: BugState,
  labels: string[],
): Promise<void> {
  await db.query(
    'UPDATE bugs SET github_state = $2, github_labels = $3, updated_at = now() WHERE fingerprint = $1',
    [fingerprint, state, labels],
  );
}

/** Run facts for comments: link, commit and branch. */
export async function runFacts(
  db: Queryable,
  runId: string,
): Promise<{ id: string; url: string | null; commit: string | null; branch: string | null }> {
  const status = await runStatus(db, runId);
  return { id: runId, url: status.url, commit: status.commit, branch: status.branch };
}

/** Ids of runs in the store that are complete, oldest first, for counting passes. */
export async function completeRunIds(
  db: Queryable,
  options: { branch: string; limit: number },
): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `SELECT r.id FROM runs r
     WHERE r.git_branch = $1
       AND EXISTS (SELECT 1 FROM run_shards s WHERE s.run_id = r.id)
       AND NOT EXISTS (
         SELECT 1 FROM (
           SELECT shard_total, count(*) FILTER (WHERE ended_at IS NOT NULL) AS ended
           FROM run_shards WHERE run_id = r.id GROUP BY shard_total) s
         WHERE s.ended < s.shard_total)
     ORDER BY r.started_at DESC, r.id DESC LIMIT $2`,
    [options.branch, options.limit],
  );
  return result.rows.map((row) => row.id).reverse();
}
