/**
 * Four filers, each with its own connection to one `nova_bugs_*` PostgreSQL
 * results database, report the same 20 failures at once, as shards of one
 * run would: the fingerprint's unique key and the store's lock leave exactly
 * one issue, and one comment per later run. A fresh store falls back on the
 * marker in the issue body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  BugFiler,
  Redactor,
  listBugs,
  runBugStep,
  type FailureReport,
} from '../../framework/bugs/index.ts';
import { openResultsDatabase, type Database } from '../../framework/results/index.ts';
import {
  clientFor,
  createBugsDatabase,
  failureOf,
  startStandIn,
  writeRun,
} from '../support/bug-fixtures.ts';
import type { GitHubStandIn } from '../support/github-server.ts';

const FILERS = 4;
const redactor = new Redactor();

/** Twenty tests failing through one helper: one bug. */
function twentyFailures(runId: string): FailureReport[] {
  return Array.from({ length: 20 }, (_, index) =>
    failureOf({
      title: `checkout ${index}`,
      message: `Error: basket ${index * 7} lost its items`,
      frame: `Basket.items (${process.cwd()}/pages/shop/basket.ts:12:3)`,
      attemptId: `${runId}-${index}`,
    }),
  );
}

describe('four concurrent filers', () => {
  let server: GitHubStandIn;
  const databases: { url: string; drop: () => Promise<void> }[] = [];
  const connections: Database[] = [];

  async function openFilers(url: string): Promise<{ db: Database; filer: BugFiler }[]> {
    const filers = [];
    for (let index = 0; index < FILERS; index += 1) {
      const db = await openResultsDatabase({ env: {}, databaseUrl: url });
      connections.push(db);
      filers.push({
        db,
        filer: new BugFiler({
          db,
          github: clientFor(server),
          redactor,
          lockPollMs: 5,
          createRetryBaseMs: 5,
        }),
      });
    }
    return filers;
  }

  async function runConcurrently(
    filers: { db: Database; filer: BugFiler }[],
    runId: string,
    day: number,
  ): Promise<void> {
    const failures = twentyFailures(runId);
    await writeRun(
      filers[0]!.db,
      { id: runId, branch: 'main', startedAt: new Date(Date.UTC(2026, 10, day)) },
      failures.map((failure) => ({ testId: failure.testId, status: 'failed' })),
    );
    await Promise.all(
      filers.map(async ({ db, filer }) => {
        await runBugStep({ failures, run: { id: runId, environment: {} }, redactor, db });
        const result = await filer.sync();
        expect(result.failed).toEqual([]);
      }),
    );
  }

  beforeAll(async () => {
    server = await startStandIn();
    // Each write takes a while, so that the filers' requests overlap.
    server.writeDelayMs = 40;
  });
  afterAll(async () => {
    await Promise.all(connections.map((db) => db.close()));
    await server.stop();
    for (const database of databases) await database.drop();
  });

  it('open one issue and one comment per run', async () => {
    databases.push(await createBugsDatabase());
    const filers = await openFilers(databases[0]!.url);

    await runConcurrently(filers, 'run-1', 1);

    expect(server.issues).toHaveLength(1);
    expect(server.comments).toHaveLength(0);
    expect(server.issues[0]!.body).toContain('Seen 20 times in run `run-1`, in 20 tests.');

    await runConcurrently(filers, 'run-2', 2);

    expect(server.issues).toHaveLength(1);
    expect(server.comments).toHaveLength(1);
    expect(server.comments[0]!.body).toContain('Run `run-2`: 20 occurrences (40 in all).');
    const [bug] = await listBugs(filers[0]!.db);
    expect(bug?.occurrences).toBe(40);
  });

  it('find the issue by its marker in a fresh store', async () => {
    databases.push(await createBugsDatabase());
    const filers = await openFilers(databases[1]!.url);

    await runConcurrently(filers, 'run-3', 3);

    expect(server.issues).toHaveLength(1);
    expect(server.comments).toHaveLength(2);
    expect(server.comments[1]!.body).toContain('Run `run-3`: 20 occurrences (20 in all).');
    const [bug] = await listBugs(filers[0]!.db);
    expect(bug?.githubIssueNumber).toBe(server.issues[0]!.number);
  });
});
