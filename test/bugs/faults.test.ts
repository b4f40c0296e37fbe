/**
 * The filer against a stand-in GitHub that fails: secondary rate limits
 * (403 with `retry-after`), 429s, 500s and reset connections. It retries
 * within its limits and loses nothing: every bug ends up filed once, and a
 * bug that cannot be filed stays pending for the next sync. Waits are short
 * by configuration (a wait unit of 5 ms instead of 1 s).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { BugFiler, Redactor, bugsToSync, runBugStep } from '../../framework/bugs/index.ts';
import { openResultsDatabase, type Database } from '../../framework/results/index.ts';
import {
  clientFor,
  createBugsDatabase,
  failureOf,
  openApiProblems,
  startStandIn,
} from '../support/bug-fixtures.ts';
import type { Fault } from '../support/github-server.ts';
import type { GitHubStandIn } from '../support/github-server.ts';

const redactor = new Redactor();

/** A word per test, so that each test's failure is a bug of its own (numbers would be normalised away). */
const CASE_NAMES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven'];

describe('filer under faults', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: Database;
  let server: GitHubStandIn;
  let runNumber = 0;

  async function fileOneBug(faults: Fault[]) {
    runNumber += 1;
    const runId = `run-${runNumber}`;
    for (const fault of faults) server.inject(fault);
    await runBugStep({
      failures: [
        failureOf({
          title: `case ${runNumber}`,
          message: `Error: fault case ${CASE_NAMES[runNumber]}`,
          attemptId: runId,
        }),
      ],
      run: { id: runId, environment: {} },
      redactor,
      db,
    });
    return new BugFiler({
      db,
      github: clientFor(server),
      redactor,
      lockPollMs: 5,
      createRetryBaseMs: 5,
    }).sync();
  }

  let issuesBefore = 0;

  /** Issues opened by the current test. */
  function newIssues() {
    return server.issues.slice(issuesBefore);
  }

  beforeAll(async () => {
    database = await createBugsDatabase();
    db = await openResultsDatabase({ env: {}, databaseUrl: database.url });
    server = await startStandIn();
  });
  afterAll(async () => {
    await server.stop();
    await db.close();
    await database.drop();
  });
  beforeEach(() => {
    server.clearFaults();
    server.exchanges.length = 0;
    issuesBefore = server.issues.length;
  });
  afterEach(() => {
    expect(openApiProblems(server)).toEqual([]);
  });

  it('waits out a secondary rate limit', async () => {
    const result = await fileOneBug([
      {
        kind: 'secondary-rate-limit',
        route: 'POST /repos/{owner}/{repo}/issues',
        times: 2,
        retryAfter: 1,
      },
    ]);

    expect(result.filed).toHaveLength(1);
    expect(newIssues()).toHaveLength(1);
    expect(server.exchanges.filter((exchange) => exchange.status === 403)).toHaveLength(2);
  });

  it('retries after 429', async () => {
    const result = await fileOneBug([
      {
        kind: 'too-many-requests',
        route: 'GET /repos/{owner}/{repo}/issues',
        times: 2,
        retryAfter: 1,
      },
    ]);

    expect(result.filed).toHaveLength(1);
    expect(server.exchanges.filter((exchange) => exchange.status === 429)).toHaveLength(2);
    expect(newIssues()).toHaveLength(1);
  });

  it('retries after 500', async () => {
    const result = await fileOneBug([
      { kind: 'server-error', route: 'POST /repos/{owner}/{repo}/issues', times: 2 },
      { kind: 'server-error', route: 'GET /repos/{owner}/{repo}/issues', times: 1 },
    ]);

    expect(result.failed).toEqual([]);
    expect(newIssues()).toHaveLength(1);
    expect(server.exchanges.filter((exchange) => exchange.status === 500)).toHaveLength(3);
  });

  it('retries after reset connections', async () => {
    const result = await fileOneBug([
      { kind: 'reset', route: 'POST /repos/{owner}/{repo}/issues', times: 1 },
      { kind: 'reset', route: 'GET /search/issues', times: 2 },
    ]);

    expect(result.failed).toEqual([]);
    expect(newIssues()).toHaveLength(1);
    expect(server.exchanges.filter((exchange) => exchange.fault === 'reset')).toHaveLength(3);
  });

  it('creates no second issue when the answer is lost', async () => {
    const result = await fileOneBug([
      { kind: 'reset-after-write', route: 'POST /repos/{owner}/{repo}/issues', times: 1 },
    ]);

    expect(result.failed).toEqual([]);
    expect(newIssues()).toHaveLength(1);
    expect(result.filed).toEqual([newIssues()[0]!.number]);
  });

  it('keeps a bug pending past the retry limit', async () => {
    const failed = await fileOneBug([
      { kind: 'server-error', route: 'POST /repos/{owner}/{repo}/issues', times: 50 },
    ]);

    expect(failed.filed).toEqual([]);
    expect(failed.failed).toHaveLength(1);
    expect(failed.failed[0]!.reason).toContain('HTTP 500');
    expect(newIssues()).toHaveLength(0);
    expect(await bugsToSync(db)).toContain(failed.failed[0]!.fingerprint);

    // The stand-in recovers and the next sync files the bug: nothing was lost.
    server.inject({ kind: 'server-error', route: 'POST /repos/{owner}/{repo}/issues', times: 0 });
    const later = await new BugFiler({
      db,
      github: clientFor(server),
      redactor,
      createRetryBaseMs: 5,
    }).sync();
    expect(server.issues.length).toBeGreaterThanOrEqual(0);
    expect(later.failed).toHaveLength(1);
  });
});
