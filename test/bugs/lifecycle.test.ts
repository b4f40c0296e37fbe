/**
 * A bug's life on the stand-in GitHub, with a real results store (a
 * `nova_bugs_*` PostgreSQL database): opened once, one comment per run that sees it again,
 * closed after three passing runs on the default branch, reopened when it
 * comes back, labelled flaky instead of bug, and cut to GitHub's size limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  BugFiler,
  MAX_BODY_LENGTH,
  Redactor,
  countPassingRun,
  fingerprintMarker,
  listBugs,
  runBugStep,
  type FailureReport,
  type SyncResult,
} from '../../framework/bugs/index.ts';
import { openResultsDatabase, type Database } from '../../framework/results/index.ts';
import {
  clientFor,
  createBugsDatabase,
  failureOf,
  openApiProblems,
  startStandIn,
  writeRun,
  type TestOutcome,
} from '../support/bug-fixtures.ts';
import type { GitHubStandIn } from '../support/github-server.ts';

const ROOT = process.cwd();
const redactor = new Redactor();

/** Bug A fails five tests through one page object; bug B fails one test. */
function seededFailures(runId: string): FailureReport[] {
  const bugA = Array.from({ length: 5 }, (_, index) =>
    failureOf({
      title: `lists page ${index + 1}`,
      message: `Error: order ${1000 + index} has no total`,
      frame: `OrdersPage.total (${ROOT}/pages/shop/orders-page.ts:40:11)`,
      attemptId: `${runId}-a${index}`,
    }),
  );
  const bugB = failureOf({
    title: 'refunds an order',
    message: 'Error: expect(received).toBe(expected)\n\nExpected: 200\nReceived: 500',
    attemptId: `${runId}-b`,
  });
  return [...bugA, bugB];
}

function outcomesOf(
  failures: readonly FailureReport[],
  status: 'passed' | 'failed',
): TestOutcome[] {
  return failures.map((failure) => ({ testId: failure.testId, status }));
}

describe('bug lifecycle', () => {
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let db: Database;
  let server: GitHubStandIn;
  let filer: BugFiler;
  let day = 1;

  async function run(
    runId: string,
    failures: FailureReport[],
    options: { branch?: string; passing?: FailureReport[] } = {},
  ): Promise<SyncResult> {
    await writeRun(
      db,
      {
        id: runId,
        branch: options.branch ?? 'main',
        startedAt: new Date(Date.UTC(2026, 10, day++)),
      },
      [...outcomesOf(failures, 'failed'), ...outcomesOf(options.passing ?? [], 'passed')],
    );
    await runBugStep({
      failures,
      run: { id: runId, branch: options.branch ?? 'main', environment: { node: 'v20' } },
      redactor,
      db,
    });
    await countPassingRun(db, runId, { defaultBranch: 'main', passesToClose: 3 });
    return filer.sync();
  }

  beforeAll(async () => {
    database = await createBugsDatabase();
    db = await openResultsDatabase({ env: {}, databaseUrl: database.url });
    server = await startStandIn();
    filer = new BugFiler({
      db,
      github: clientFor(server),
      redactor,
      lockPollMs: 5,
      createRetryBaseMs: 5,
    });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await server.stop();
    await database?.drop();
  });

  it('opens one issue per bug on the first run', async () => {
    const result = await run('run-1', seededFailures('run-1'));

    expect(result.filed).toEqual([1, 2]);
    expect(server.issues).toHaveLength(2);
    expect(server.comments).toHaveLength(0);
    const [issueA, issueB] = server.issues;
    expect(issueA!.title).toBe('[api] order <n> has no total'.replace(' <n>', ' 1000'));
    expect(issueA!.labels).toEqual(['nova', 'bug', 'layer:api', 'kind:exception']);
    expect(issueB!.title).toBe('[api] toBe failed: expected 200, received 500');
    expect(issueB!.labels).toEqual(['nova', 'bug', 'layer:api', 'kind:assertion']);
    expect(issueA!.body).toContain('Seen 5 times in run `run-1`, in 5 tests.');
    expect(issueA!.body).toContain('1. check the total **← failed here**');
    expect(issueA!.body).toMatch(/<!-- nova-fingerprint: [0-9a-f]{24} -->/);
  });

  it('comments once per bug on the second run', async () => {
    const result = await run('run-2', seededFailures('run-2'));

    expect(result.filed).toEqual([]);
    expect(result.commentsCreated).toBe(2);
    expect(server.issues).toHaveLength(2);
    expect(server.commentsOf(1)).toHaveLength(1);
    expect(server.commentsOf(2)).toHaveLength(1);
    expect(server.commentsOf(1)[0]!.body).toContain('Run `run-2`: 5 occurrences (10 in all).');
    expect(server.commentsOf(2)[0]!.body).toContain('Run `run-2`: 1 occurrence (2 in all).');
  });

  it('does nothing when synced again', async () => {
    const before = server.exchanges.filter((exchange) => exchange.method !== 'GET').length;

    const result = await filer.sync();

    expect(result).toMatchObject({ filed: [], commentsCreated: 0, commentsUpdated: 0, closed: [] });
    expect(server.exchanges.filter((exchange) => exchange.method !== 'GET')).toHaveLength(before);
  });

  it('counts no pass on another branch', async () => {
    await run('feature-1', [], { branch: 'feature/x', passing: seededFailures('feature-1') });

    const bugs = await listBugs(db);

    expect(bugs.map((bug) => bug.consecutivePasses)).toEqual([0, 0]);
  });

  it('closes both after three passing runs', async () => {
    const passing = seededFailures('pass');
    const third = await run('run-3', [], { passing });
    expect(third.closed).toEqual([]);
    const fourth = await run('run-4', [], { passing });
    expect(fourth.closed).toEqual([]);

    const fifth = await run('run-5', [], { passing });

    expect(fifth.closed).toEqual([1, 2]);
    expect(server.issues.map((issue) => [issue.state, issue.stateReason])).toEqual([
      ['closed', 'completed'],
      ['closed', 'completed'],
    ]);
    expect(server.commentsOf(1).at(-1)!.body).toContain(
      'passed in 3 consecutive runs on `main`, the last being run `run-5`',
    );
    expect((await listBugs(db, { state: 'closed' })).map((bug) => bug.closedByRunId)).toEqual([
      'run-5',
      'run-5',
    ]);
  });

  it('reopens a closed bug that comes back', async () => {
    const bugA = seededFailures('run-6').slice(0, 2);

    const result = await run('run-6', bugA);

    expect(result.reopened).toEqual([1]);
    expect(result.filed).toEqual([]);
    expect(server.issues[0]!.state).toBe('open');
    expect(server.issues[1]!.state).toBe('closed');
    expect(server.commentsOf(1).at(-1)!.body).toContain(
      'Seen again after it was closed, so the issue is open again.',
    );
  });

  it('labels a flaky bug flaky, with one issue', async () => {
    const flaky = failureOf({
      title: 'coupon',
      message: 'Error: coupon total not ready',
      passedOnRetry: true,
      attemptId: 'f1',
    });
    const first = await run('run-7', [flaky]);
    const issue = server.issues.at(-1)!;
    expect(first.filed).toEqual([issue.number]);
    expect(issue.labels).toContain('flaky');
    expect(issue.labels).not.toContain('bug');

    const again = await run('run-8', [{ ...flaky, passedOnRetry: false, attemptId: 'f2' }]);

    expect(again.filed).toEqual([]);
    expect(server.issues.filter((item) => item.title === issue.title)).toHaveLength(1);
    expect(server.issues.at(-1)!.labels).toContain('flaky');
  });

  it('relabels a filed bug that turns flaky', async () => {
    const bugB = seededFailures('run-9')[5]!;
    await run('run-9', [{ ...bugB, passedOnRetry: true }]);

    const issueB = server.issues[1]!;

    expect(issueB.labels).toContain('flaky');
    expect(issueB.labels).not.toContain('bug');
    expect(issueB.state).toBe('open');
  });

  it('cuts a huge body to the limit with a note', async () => {
    const huge = failureOf({
      title: 'huge',
      message: `Error: payload mismatch\n${'x'.repeat(200_000)}`,
      attemptId: 'h1',
    });
    huge.error.stack = `${'at frame\n'.repeat(20_000)}`;
    huge.steps = Array.from({ length: 3_000 }, (_, index) => ({
      title: `step ${index} ${'y'.repeat(30)}`,
      failed: false,
      steps: [],
    }));

    const result = await run('run-10', [huge]);

    const issue = server.issues.find((item) => item.number === result.filed[0]);
    expect(issue?.body?.length).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    expect(issue?.body).toContain("This body was cut to 65,536 characters, GitHub's limit.");
    expect(issue?.body?.startsWith(fingerprintMarker(''))).toBe(false);
    expect(issue?.body).toMatch(/^<!-- nova-fingerprint: [0-9a-f]{24} -->/);
  });

  it('answers every call as GitHub documents it', () => {
    expect(openApiProblems(server)).toEqual([]);
  });
});
