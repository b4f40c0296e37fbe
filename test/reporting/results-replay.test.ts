/**
 * The writer and replay against an in-memory store that behaves like the
 * real one on ids: upserts replace, attempts already stored are skipped.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { replaySpool } from '../../framework/reporting/replay.ts';
import { ResultsWriter, type WriterStore } from '../../framework/reporting/results-writer.ts';
import { SpoolFile, type SpoolEntry } from '../../framework/reporting/spool.ts';
import type {
  AttemptRecord,
  RunRecord,
  ShardRecord,
  TestRecord,
} from '../../framework/results/index.ts';

const RUN: RunRecord = {
  id: 'run-1',
  startedAt: new Date('2026-01-02T03:04:05.000Z'),
  gitCommit: 'abc',
  environment: { node: 'v20' },
};
const SHARD: ShardRecord = {
  runId: 'run-1',
  shardIndex: 1,
  shardTotal: 1,
  startedAt: RUN.startedAt,
};

function testRecord(index: number): TestRecord {
  return {
    id: `test-${index}`,
    file: 'a.spec.ts',
    project: 'api',
    titlePath: [`case ${index}`],
    tags: [],
  };
}

function attempt(index: number): AttemptRecord {
  return {
    id: `attempt-${index}`,
    runId: 'run-1',
    testId: `test-${index}`,
    shardIndex: 1,
    retry: 0,
    repeatEachIndex: 0,
    status: 'passed',
    expectedStatus: 'passed',
    startedAt: new Date('2026-01-02T03:04:06.000Z'),
    durationMs: 12,
    workerIndex: 0,
    attachments: [{ name: 'log', contentType: 'text/plain', path: 'out/log.txt', sizeBytes: 3 }],
    annotations: [{ type: 'issue', description: 'BUG-1' }],
  };
}

/** An in-memory store; `failAfter` makes every call after that many attempts fail or hang. */
class MemoryStore implements WriterStore {
  runs = new Map<string, RunRecord>();
  shards: ShardRecord[] = [];
  tests = new Map<string, TestRecord>();
  attempts = new Map<string, AttemptRecord>();
  closed = false;

  constructor(private readonly failure?: { afterAttempts: number; mode: 'reject' | 'hang' }) {}

  #check(): Promise<void> {
    if (!this.failure || this.attempts.size < this.failure.afterAttempts) return Promise.resolve();
    if (this.failure.mode === 'hang') return new Promise(() => undefined);
    return Promise.reject(new Error('Connection terminated unexpectedly'));
  }

  async upsertRun(run: RunRecord): Promise<void> {
    await this.#check();
    this.runs.set(run.id, run);
  }

  async upsertShard(shard: ShardRecord): Promise<void> {
    await this.#check();
    this.shards.push(shard);
  }

  async upsertTests(tests: readonly TestRecord[]): Promise<void> {
    await this.#check();
    for (const test of tests) this.tests.set(test.id, test);
  }

  async insertAttempts(attempts: readonly AttemptRecord[]): Promise<number> {
    await this.#check();
    let inserted = 0;
    for (const record of attempts) {
      if (!this.tests.has(record.testId)) throw new Error(`foreign key: no test ${record.testId}`);
      if (this.attempts.has(record.id)) continue;
      this.attempts.set(record.id, record);
      inserted += 1;
    }
    return inserted;
  }

  async close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

const silentLog = Object.assign(() => undefined, { namespace: 'nova:test' });

let spoolDir: string;

beforeEach(async () => {
  spoolDir = await mkdtemp(join(tmpdir(), 'nova-results-spool-'));
});

afterEach(async () => {
  await rm(spoolDir, { recursive: true, force: true });
});

function newWriter(store: WriterStore, operationTimeoutMs = 5_000): ResultsWriter {
  return new ResultsWriter({
    openStore: () => Promise.resolve(store),
    spool: new SpoolFile(spoolDir, 'run-1-1-100.ndjson'),
    run: RUN,
    batchSize: 5,
    flushIntervalMs: 10_000,
    operationTimeoutMs,
    log: silentLog,
  });
}

/** Queues `count` attempts, each of a new test, and lets the writes run. */
async function addAttempts(writer: ResultsWriter, from: number, count: number): Promise<void> {
  for (let index = from; index < from + count; index += 1) {
    writer.addTest(testRecord(index));
    writer.addAttempt({ attempt: attempt(index), attachmentsToMeasure: [] });
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function endShard(): ShardRecord {
  return { ...SHARD, endedAt: new Date('2026-01-02T03:05:00.000Z'), status: 'passed' };
}

describe('ResultsWriter', () => {
  it('writes everything when the store works', async () => {
    const store = new MemoryStore();
    const writer = newWriter(store);
    writer.start(SHARD);

    await addAttempts(writer, 0, 12);
    const summary = await writer.finish(endShard(), 2_000);

    expect(summary.attemptsInserted).toBe(12);
    expect(summary.spooledRecords).toBe(0);
    expect(store.attempts.size).toBe(12);
    expect(store.shards.at(-1)?.status).toBe('passed');
    expect(store.closed).toBe(true);
  });

  it('spools what the store did not confirm', async () => {
    const store = new MemoryStore({ afterAttempts: 5, mode: 'reject' });
    const writer = newWriter(store);
    writer.start(SHARD);

    await addAttempts(writer, 0, 12);
    const summary = await writer.finish(endShard(), 2_000);

    expect(summary.failure?.message).toBe('Connection terminated unexpectedly');
    expect(store.attempts.size).toBe(5);
    expect(summary.spooledAttempts).toBe(7);
    const replayStore = new MemoryStore();
    const replay = await replaySpool({ spoolDir, store: replayStore });
    expect(replay).toMatchObject({ files: 1, runs: 1, attempts: 7, inserted: 7, problems: [] });
    expect([...replayStore.attempts.keys()]).toEqual(
      Array.from({ length: 7 }, (_, index) => `attempt-${index + 5}`),
    );
    expect(replayStore.shards.at(-1)).toEqual(endShard());
  });

  it('stops waiting for a hanging store', async () => {
    const store = new MemoryStore({ afterAttempts: 5, mode: 'hang' });
    const writer = newWriter(store, 60_000);
    writer.start(SHARD);
    await addAttempts(writer, 0, 8);

    const started = Date.now();
    const summary = await writer.finish(endShard(), 300);

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(summary.timedOut).toBe(true);
    expect(summary.spooledAttempts).toBe(3);
  });
});

describe('replaySpool', () => {
  async function writeSpool(name: string, lines: string[]): Promise<string> {
    const path = join(spoolDir, name);
    await writeFile(path, lines.map((line) => `${line}\n`).join(''));
    return path;
  }

  function line(entry: SpoolEntry): string {
    return JSON.stringify(entry);
  }

  it('writes records as they were spooled', async () => {
    await writeSpool('a.ndjson', [
      line({ kind: 'run', record: RUN }),
      line({ kind: 'shard', record: SHARD }),
      line({ kind: 'tests', records: [testRecord(1)] }),
      line({ kind: 'attempts', records: [attempt(1)] }),
    ]);
    const store = new MemoryStore();

    await replaySpool({ spoolDir, store });

    expect(store.runs.get('run-1')).toEqual(RUN);
    expect(store.shards).toEqual([SHARD]);
    expect(store.attempts.get('attempt-1')).toEqual(attempt(1));
  });

  it('keeps a file with a malformed line', async () => {
    const path = await writeSpool('a.ndjson', [
      line({ kind: 'run', record: RUN }),
      line({ kind: 'tests', records: [testRecord(1), testRecord(2)] }),
      line({ kind: 'attempts', records: [attempt(1)] }),
      '{"kind":"attempts","records":[{"id":"broken"}',
      JSON.stringify({ kind: 'attempts', records: [{ ...attempt(3), status: 'green' }] }),
      line({ kind: 'attempts', records: [attempt(2)] }),
    ]);
    const store = new MemoryStore();

    const result = await replaySpool({ spoolDir, store });

    expect(result).toMatchObject({ files: 1, attempts: 2, inserted: 2, keptFiles: [path] });
    expect(result.problems.map((problem) => [problem.file, problem.line])).toEqual([
      [path, 4],
      [path, 5],
    ]);
    expect(result.problems[0]?.message).toMatch(/^invalid JSON/);
    expect(result.problems[1]?.message).toBe(
      'line.records[0].status: expected one of passed, failed, timedOut, skipped, interrupted, received "green"',
    );
    expect(await readdir(spoolDir)).toEqual(['a.ndjson']);
  });

  it('adds nothing the second time', async () => {
    const lines = [
      line({ kind: 'run', record: RUN }),
      line({ kind: 'tests', records: [testRecord(1), testRecord(2)] }),
      line({ kind: 'attempts', records: [attempt(1), attempt(2)] }),
      // The reporter may spool a batch that was in flight twice.
      line({ kind: 'attempts', records: [attempt(2)] }),
    ];
    await writeSpool('a.ndjson', lines);
    const store = new MemoryStore();

    const first = await replaySpool({ spoolDir, store });
    await writeSpool('a.ndjson', lines);
    const second = await replaySpool({ spoolDir, store });

    expect(first).toMatchObject({ files: 1, attempts: 2, inserted: 2, duplicates: 0 });
    expect(second).toMatchObject({ files: 1, attempts: 2, inserted: 0, duplicates: 2 });
    expect(store.attempts.size).toBe(2);
    expect((await readdir(join(spoolDir, 'replayed'))).length).toBe(2);
  });

  it('keeps the file when the store fails', async () => {
    const path = await writeSpool('a.ndjson', [
      line({ kind: 'run', record: RUN }),
      line({ kind: 'attempts', records: [attempt(9)] }),
    ]);

    await expect(replaySpool({ spoolDir, store: new MemoryStore() })).rejects.toThrow(
      `Failed to replay ${path}: foreign key: no test test-9. The file was kept`,
    );
    expect(await readFile(path, 'utf8')).toContain('attempt-9');
  });

  it('replays nothing without a spool folder', async () => {
    const result = await replaySpool({
      spoolDir: join(spoolDir, 'missing'),
      store: new MemoryStore(),
    });

    expect(result).toMatchObject({ files: 0, attempts: 0, inserted: 0 });
  });
});
