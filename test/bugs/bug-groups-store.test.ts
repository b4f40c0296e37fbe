/**
 * Symptoms and bugs in a real results store, a `nova_bugs_*` PostgreSQL
 * database. Symptoms filed together keep their bug in later runs. A later
 * shard of the same run joins the bug. A regression in a later run becomes a
 * bug of its own.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  Redactor,
  bugsOfSymptoms,
  fingerprintFailure,
  listBugs,
  runBugStep,
  symptomsOfBug,
  type FailureReport,
} from '../../framework/bugs/index.ts';
import {
  openResultsDatabase,
  type Database,
  type Queryable,
} from '../../framework/results/index.ts';
import { createBugsDatabase, failureOf } from '../support/bug-fixtures.ts';

const redactor = new Redactor();

function irisFailure(title: string, expected: string, received: string, runId: string) {
  return failureOf({
    title,
    file: 'specs/api/iris/predict.spec.ts',
    message: `Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: ${expected}\nReceived: ${received}`,
    attemptId: `${runId}-${title}`,
  });
}

describe('bug symptoms in the store', () => {
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let db: Database;

  async function step(runId: string, failures: FailureReport[]) {
    return runBugStep({ failures, run: { id: runId, environment: {} }, redactor, db });
  }

  beforeAll(async () => {
    database = await createBugsDatabase();
    db = await openResultsDatabase({ env: {}, databaseUrl: database.url });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('files two shards of one run as one bug with both symptoms', async () => {
    const shardOne = [irisFailure('versicolor', '"versicolor"', '"virginica"', 'run-1')];
    const shardTwo = [irisFailure('virginica', '"virginica"', '"versicolor"', 'run-1')];
    const first = await step('run-1', shardOne);
    const second = await step('run-1', shardTwo);

    expect(first.bugs).toHaveLength(1);
    expect(second.bugs.map((bug) => bug.fingerprint)).toEqual([first.bugs[0]!.fingerprint]);
    const bugs = await listBugs(db);
    expect(bugs).toHaveLength(1);
    expect(bugs[0]!.occurrences).toBe(2);
    expect(await symptomsOfBug(db, bugs[0]!.fingerprint)).toEqual(
      [...shardOne, ...shardTwo].map((failure) => fingerprintFailure(failure)).sort(),
    );
  });

  it('keeps each symptom with its bug in the next run', async () => {
    const [bug] = await listBugs(db);
    const again = [irisFailure('virginica', '"virginica"', '"versicolor"', 'run-2')];
    const result = await step('run-2', again);

    expect(result.bugs.map((report) => report.fingerprint)).toEqual([bug!.fingerprint]);
    expect(await bugsOfSymptoms(db, [fingerprintFailure(again[0]!)])).toEqual(
      new Map([[fingerprintFailure(again[0]!), bug!.fingerprint]]),
    );
    expect(await listBugs(db)).toHaveLength(1);
  });

  it('files a later regression as a new bug', async () => {
    const [bug] = await listBugs(db);
    const regression = [irisFailure('batch size', '1000', '999', 'run-3')];
    const result = await step('run-3', regression);

    expect(result.bugs).toHaveLength(1);
    expect(result.bugs[0]!.fingerprint).not.toBe(bug!.fingerprint);
    expect(await listBugs(db)).toHaveLength(2);
  });

  it('files shards that end at the same moment as one bug', async () => {
    const shards = ['one', 'two', 'three'].map((name) => [
      irisFailure(`race ${name}`, `"${name}"`, '"other"', 'run-4'),
    ]);
    const results = await Promise.all(shards.map((failures) => step('run-4', failures)));

    const bugs = new Set(results.flatMap((result) => result.bugs.map((bug) => bug.fingerprint)));
    expect(bugs.size).toBe(1);
    const [bug] = [...bugs];
    expect(await symptomsOfBug(db, bug!)).toHaveLength(3);
  });

  it('keeps the first labels when a UI shard joins', async () => {
    const api = irisFailure('labels api', '"setosa"', '"virginica"', 'run-5');
    const ui = failureOf({
      title: 'labels page',
      file: 'specs/ui/iris/predict.spec.ts',
      project: 'ui',
      message: 'Test timeout of 30000ms exceeded.',
      attemptId: 'run-5-ui',
    });
    const [first] = (await step('run-5', [api])).bugs;
    await step('run-5', [ui]);

    const stored = (await listBugs(db)).find((bug) => bug.fingerprint === first!.fingerprint)!;
    expect(stored.layer).toBe('api');
    expect(stored.labels).toEqual(['nova', 'bug', 'layer:api', 'kind:assertion']);
    expect(await symptomsOfBug(db, first!.fingerprint)).toHaveLength(2);
  });

  it('records nothing and keeps the drafts when the symptoms cannot be read', async () => {
    const draftsDir = await mkdtemp(join(tmpdir(), 'nova-drafts-'));
    const failing = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== 'transaction') return Reflect.get(target, property, receiver) as unknown;
        return <T>(work: (tx: Queryable) => Promise<T>) =>
          target.transaction((tx) =>
            work({
              query: (sql: string, params?: unknown[]) =>
                sql.includes('FROM bug_symptoms')
                  ? Promise.reject(new Error('canceling statement due to statement timeout'))
                  : tx.query(sql, params),
            } as Queryable),
          );
      },
    });
    const before = await listBugs(db);

    await expect(
      runBugStep({
        failures: [irisFailure('read fails', '1', '2', 'run-6')],
        run: { id: 'run-6', environment: {} },
        redactor,
        db: failing,
        draftsDir,
      }),
    ).rejects.toThrow('statement timeout');
    expect(await listBugs(db)).toHaveLength(before.length);
    expect(await readdir(draftsDir)).toHaveLength(1);
    await rm(draftsDir, { recursive: true, force: true });
  });
});
