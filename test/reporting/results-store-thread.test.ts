/**
 * The results store in its worker thread: the writer through the real worker
 * on PGlite, a worker that crashes or stops mid-run, and the reporter under
 * the real Playwright runner.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ResultsStoreThread } from '../../framework/reporting/results-store-thread.ts';
import { ResultsWriter, type WriterStore } from '../../framework/reporting/results-writer.ts';
import { SpoolFile } from '../../framework/reporting/spool.ts';
import type {
  AttemptRecord,
  RunRecord,
  ShardRecord,
  TestRecord,
} from '../../framework/results/index.ts';

import { makeAttempt, makeTest } from '../results/records-fixture.ts';

const REPOSITORY_ROOT = join(import.meta.dirname, '..', '..');
const PLAYWRIGHT_CLI = join(REPOSITORY_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const REPORTER = join(REPOSITORY_ROOT, 'framework', 'reporting', 'results-reporter.ts');

const RUN: RunRecord = {
  id: 'thread-run',
  startedAt: new Date('2026-01-02T03:04:05.000Z'),
  environment: { node: 'v20' },
};
const SHARD: ShardRecord = {
  runId: RUN.id,
  shardIndex: 1,
  shardTotal: 1,
  startedAt: RUN.startedAt,
};

const testRecord = (index: number): TestRecord =>
  makeTest(`test-${index}`, [`case ${index}`], 'a.spec.ts');

const attempt = (index: number): AttemptRecord =>
  makeAttempt({
    id: `attempt-${index}`,
    runId: RUN.id,
    testId: `test-${index}`,
    startedAt: new Date('2026-01-02T03:04:06.000Z'),
    durationMs: 12,
  });

/**
 * A worker that speaks the store protocol, confirms the first batch of
 * attempts and throws an uncaught error on the second.
 */
const CRASHING_WORKER = `
import { parentPort } from 'node:worker_threads';

let attemptBatches = 0;
parentPort.postMessage({ kind: 'opened' });
parentPort.on('message', (request) => {
  let value;
  if (request.method === 'insertAttempts') {
    attemptBatches += 1;
    if (attemptBatches > 1) throw new Error('simulated crash of the store worker');
    value = request.args[0].length;
  }
  parentPort.postMessage({ kind: 'result', id: request.id, value });
});
`;

const silentLog = Object.assign(() => undefined, { namespace: 'nova:test' });

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nova-results-thread-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Builds a worker environment that points the store at a PGlite folder in the temp folder. */
function pgliteEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NOVA_RESULTS_DB_DIR: join(dir, 'results-db') };
  delete env.DATABASE_URL;
  return env;
}

function newWriter(
  thread: ResultsStoreThread,
  openStore: () => Promise<WriterStore> = () => thread.open(),
): ResultsWriter {
  return new ResultsWriter({
    openStore,
    spool: new SpoolFile(join(dir, 'spool'), 'thread-run-1-100.ndjson'),
    run: RUN,
    batchSize: 5,
    flushIntervalMs: 10_000,
    operationTimeoutMs: 10_000,
    log: silentLog,
  });
}

/** Queues attempts `from` to `to - 1`, each of a new test, pausing after every fifth so that the writer takes batches of five. */
async function addAttempts(writer: ResultsWriter, from: number, to: number): Promise<void> {
  for (let index = from; index < to; index += 1) {
    writer.addTest(testRecord(index));
    writer.addAttempt({ attempt: attempt(index), attachmentsToMeasure: [] });
    if ((index + 1) % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function endShard(): ShardRecord {
  return { ...SHARD, endedAt: new Date('2026-01-02T03:05:00.000Z'), status: 'passed' };
}

async function readAttemptIds(dataDir: string): Promise<string[]> {
  const db = await PGlite.create(dataDir);
  try {
    const result = await db.query<{ id: string }>('SELECT id FROM attempts ORDER BY id');
    return result.rows.map((row) => row.id);
  } finally {
    await db.close();
  }
}

async function readSpooledAttemptIds(spoolDir: string): Promise<string[]> {
  const ids: string[] = [];
  for (const name of await readdir(spoolDir)) {
    for (const line of (await readFile(join(spoolDir, name), 'utf8')).split('\n')) {
      if (line.trim() === '') continue;
      const entry = JSON.parse(line) as { kind: string; records?: Array<{ id: string }> };
      if (entry.kind === 'attempts') ids.push(...(entry.records ?? []).map((record) => record.id));
    }
  }
  return ids.sort();
}

describe('ResultsStoreThread', () => {
  it('writes every attempt through the worker', async () => {
    const thread = new ResultsStoreThread({ log: silentLog, env: pgliteEnv() });
    const writer = newWriter(thread);
    writer.start(SHARD);

    await addAttempts(writer, 0, 12);
    const summary = await writer.finish(endShard(), 10_000);

    expect(summary.failure).toBeUndefined();
    expect(summary.attemptsInserted).toBe(12);
    expect(summary.spooledRecords).toBe(0);
    const ids = await readAttemptIds(join(dir, 'results-db'));
    expect(ids).toHaveLength(12);
  });

  it('spools after the worker crashes', async () => {
    const entry = join(dir, 'crashing-worker.mjs');
    await writeFile(entry, CRASHING_WORKER);
    const thread = new ResultsStoreThread({ log: silentLog, entry: pathToFileURL(entry) });
    const writer = newWriter(thread);
    writer.start(SHARD);

    await addAttempts(writer, 0, 12);
    const summary = await writer.finish(endShard(), 5_000);

    expect(summary.failure?.message).toBe(
      'The results store worker thread exited with code 1: simulated crash of the store worker',
    );
    expect(summary.attemptsInserted).toBe(5);
    expect(summary.spooledAttempts).toBe(7);
    expect(summary.timedOut).toBe(false);
    expect(await readSpooledAttemptIds(join(dir, 'spool'))).toEqual(
      Array.from({ length: 7 }, (_, index) => `attempt-${index + 5}`).sort(),
    );
  });

  it('spools after the worker stops mid-run', async () => {
    const thread = new ResultsStoreThread({ log: silentLog, env: pgliteEnv() });
    // Resolves once the worker has confirmed the first batch of attempts.
    let confirmFirstBatch: () => void = () => undefined;
    const firstBatchConfirmed = new Promise<void>((resolve) => {
      confirmFirstBatch = resolve;
    });
    const writer = newWriter(thread, async () => {
      const store = await thread.open();
      return {
        ...store,
        insertAttempts: async (attempts) => {
          const inserted = await store.insertAttempts(attempts);
          confirmFirstBatch();
          return inserted;
        },
      };
    });
    writer.start(SHARD);

    await addAttempts(writer, 0, 5);
    await firstBatchConfirmed;
    await thread.terminate();
    await addAttempts(writer, 5, 12);
    const summary = await writer.finish(endShard(), 5_000);

    expect(summary.failure?.message).toBe('The results store worker thread was stopped');
    expect(summary.attemptsInserted).toBe(5);
    expect(summary.spooledAttempts).toBe(7);
    expect(await readAttemptIds(join(dir, 'results-db'))).toHaveLength(5);
  });
});

describe('results reporter with its store thread', () => {
  it('records every attempt off the main thread', async () => {
    await mkdir(join(dir, 'tests'), { recursive: true });
    await symlink(join(REPOSITORY_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    await writeFile(
      join(dir, 'playwright.config.ts'),
      `import { defineConfig } from '@playwright/test';
export default defineConfig({ testDir: './tests', workers: 1, reporter: [['null'], [${JSON.stringify(REPORTER)}]] });
`,
    );
    const tests = Array.from(
      { length: 30 },
      (_, index) => `test('case ${index}', () => { expect(${index}).toBe(${index}); });`,
    );
    await writeFile(
      join(dir, 'tests', 'quick.spec.ts'),
      `import { expect, test } from '@playwright/test';\n${tests.join('\n')}\n`,
    );
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', DEBUG: 'nova:reporting' };
    for (const name of [
      'DATABASE_URL',
      'NOVA_RUN_ID',
      'NOVA_RESULTS',
      'NOVA_RESULTS_DB_DIR',
      'CI',
    ]) {
      delete env[name];
    }

    // Runs from a folder outside the repository: the worker must find tsx and the tsconfig from its own path.
    const { stderr } = await promisify(execFile)(
      process.execPath,
      [PLAYWRIGHT_CLI, 'test', '-c', join(dir, 'playwright.config.ts')],
      { cwd: dir, env, timeout: 60_000 },
    );

    expect(stderr).toMatch(/results store open on pglite in worker thread [1-9]\d*/);
    expect(stderr).toContain('30 attempts inserted, 0 records spooled');
    expect(await readAttemptIds(join(dir, '.nova', 'results-db'))).toHaveLength(30);
  });
});
