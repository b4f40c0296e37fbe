import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { INSERT_BATCH_SIZE, openResultsStore } from '../../framework/results/index.ts';
import type { AttemptRecord, ResultsStore } from '../../framework/results/index.ts';
import { backends } from './backends.ts';
import { makeAttempt, makeRun, makeShard, makeTest } from './records-fixture.ts';

describe.each(backends())('store writes on $name', (backend) => {
  let store: ResultsStore;

  beforeAll(async () => {
    store = await openResultsStore(await backend.createDatabase());
  });

  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('reports its backend', () => {
    expect(store.backend).toBe(backend.name);
  });

  it('merges a run upserted by two shards', async () => {
    await store.upsertRun(
      makeRun({
        id: 'two-shards',
        startedAt: new Date('2024-06-01T12:00:05Z'),
        gitBranch: 'main',
        environment: { node: '20.9.0', os: 'linux' },
      }),
    );
    await store.upsertRun(
      makeRun({
        id: 'two-shards',
        startedAt: new Date('2024-06-01T12:00:00Z'),
        gitCommit: 'c0ffee',
        gitBranch: 'feature',
        ciProvider: 'github-actions',
        runUrl: 'https://ci.example.test/runs/1',
        environment: { node: '20.10.0', browser: 'chromium' },
      }),
    );
    await store.upsertShard(
      makeShard({
        runId: 'two-shards',
        shardIndex: 1,
        shardTotal: 2,
        startedAt: new Date('2024-06-01T12:00:05Z'),
      }),
    );

    // One shard of two has reported: the run has no status or duration yet.
    const [open] = await store.listRuns({ limit: 1 });
    expect(open?.id).toBe('two-shards');
    expect(open?.shardCount).toBe(1);
    expect(open?.shardTotal).toBe(2);
    expect(open?.status).toBeUndefined();
    expect(open?.durationMs).toBeUndefined();

    await store.upsertShard(
      makeShard({
        runId: 'two-shards',
        shardIndex: 1,
        shardTotal: 2,
        startedAt: new Date('2024-06-01T12:00:05Z'),
        endedAt: new Date('2024-06-01T12:03:00Z'),
        status: 'passed',
        totals: { expected: 10, unexpected: 0, flaky: 1, skipped: 2 },
      }),
    );
    await store.upsertShard(
      makeShard({
        runId: 'two-shards',
        shardIndex: 2,
        shardTotal: 2,
        startedAt: new Date('2024-06-01T12:00:00Z'),
        endedAt: new Date('2024-06-01T12:04:00Z'),
        status: 'failed',
        totals: { expected: 7, unexpected: 2, flaky: 0, skipped: 1 },
      }),
    );

    const [run] = await store.listRuns({ limit: 1 });
    expect(run?.startedAt).toEqual(new Date('2024-06-01T12:00:00Z'));
    expect(run?.gitCommit).toBe('c0ffee');
    expect(run?.gitBranch).toBe('main');
    expect(run?.ciProvider).toBe('github-actions');
    expect(run?.runUrl).toBe('https://ci.example.test/runs/1');
    expect(run?.shardCount).toBe(2);
    expect(run?.status).toBe('failed');
    expect(run?.endedAt).toEqual(new Date('2024-06-01T12:04:00Z'));
    expect(run?.durationMs).toBe(240_000);
    expect(run?.totals).toEqual({ expected: 17, unexpected: 2, flaky: 1, skipped: 3 });
  });

  it('keeps shard totals on a later upsert without them', async () => {
    await store.upsertRun(makeRun({ id: 'replayed-shard' }));
    const ended = makeShard({
      runId: 'replayed-shard',
      endedAt: new Date('2024-05-01T10:01:00Z'),
      status: 'passed',
      totals: { expected: 4, unexpected: 0, flaky: 0, skipped: 0 },
    });
    await store.upsertShard(ended);
    await store.upsertShard(makeShard({ runId: 'replayed-shard' }));

    const runs = await store.listRuns({ limit: 100 });
    const run = runs.find((candidate) => candidate.id === 'replayed-shard');
    expect(run?.status).toBe('passed');
    expect(run?.totals.expected).toBe(4);
    expect(run?.durationMs).toBe(60_000);
  });

  it('updates test tags and keeps title', async () => {
    await store.upsertTests([
      { ...makeTest('tagged', ['Predict', 'rejects bad input']), tags: ['@smoke'] },
    ]);
    await store.upsertTests([
      { ...makeTest('tagged', ['Predict', 'rejects bad input']), tags: ['@smoke', '@api'] },
      { ...makeTest('tagged', ['Predict', 'rejects bad input']), tags: ['@regression'] },
    ]);

    const [history] = await store.testHistory('tagged');
    expect(history?.test.tags).toEqual(['@regression']);
    expect(history?.test.title).toBe('rejects bad input');
    expect(history?.test.titlePath).toEqual(['Predict', 'rejects bad input']);
    expect(history?.test.firstSeenAt).toBeInstanceOf(Date);
  });

  it('inserts attempts once', async () => {
    const count = INSERT_BATCH_SIZE * 2 + 37;
    await store.upsertRun(makeRun({ id: 'idempotent' }));
    await store.upsertTests([makeTest('many-attempts', ['retried a lot'])]);
    const attempts: AttemptRecord[] = Array.from({ length: count }, (_, index) =>
      makeAttempt({
        id: `idempotent-${index}`,
        runId: 'idempotent',
        testId: 'many-attempts',
        repeatEachIndex: index,
        startedAt: new Date(Date.UTC(2024, 4, 1, 10, 0, 0, index)),
        errorMessage: index % 2 === 0 ? `failure ${index}\nsecond line` : undefined,
        attachments: [
          {
            name: 'trace',
            contentType: 'application/zip',
            path: `t${index}.zip`,
            sizeBytes: index,
          },
        ],
        annotations: [{ type: 'issue', description: `#${index}` }],
      }),
    );

    expect(await store.insertAttempts(attempts)).toBe(count);
    expect(await store.insertAttempts(attempts)).toBe(0);
    expect(await store.insertAttempts(attempts.slice(0, 10))).toBe(0);
    expect(await store.insertAttempts([])).toBe(0);

    const [history] = await store.testHistory('many-attempts', { limit: count * 2 });
    expect(history?.attempts).toHaveLength(count);
    expect(history?.attempts[0]?.attemptId).toBe(`idempotent-${count - 1}`);
    const first = history?.attempts.at(-1);
    expect(first?.attemptId).toBe('idempotent-0');
    expect(first?.errorMessage).toBe('failure 0');
    expect(first?.startedAt).toEqual(new Date(Date.UTC(2024, 4, 1, 10, 0, 0, 0)));
  });

  it('inserts only the new attempts of a mixed batch', async () => {
    await store.upsertRun(makeRun({ id: 'mixed' }));
    await store.upsertTests([makeTest('mixed-test', ['mixed'])]);
    const old = makeAttempt({ id: 'mixed-0', runId: 'mixed', testId: 'mixed-test' });
    await store.insertAttempts([old]);

    const fresh = makeAttempt({ id: 'mixed-1', runId: 'mixed', testId: 'mixed-test', retry: 1 });
    expect(await store.insertAttempts([old, fresh, fresh])).toBe(1);
  });

  it('rejects an attempt of an unknown run', async () => {
    await store.upsertTests([makeTest('orphan-test', ['orphan'])]);
    const orphan = makeAttempt({ id: 'orphan-0', runId: 'no-such-run', testId: 'orphan-test' });

    await expect(store.insertAttempts([orphan])).rejects.toThrow(/foreign key/);
    // The failed transaction left nothing behind, and the store still works.
    expect((await store.testHistory('orphan-test'))[0]?.attempts).toEqual([]);
  });
});
