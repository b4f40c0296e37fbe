/**
 * Playwright reporter that records every attempt of every test in the results
 * store. In playwright.config.ts:
 *
 * ```ts
 * reporter: [['list'], ['./framework/reporting/results-reporter.ts', { batchSize: 200 }]],
 * ```
 *
 * `onTestEnd` only queues records, and the writes run in the background. A
 * database error or a write that times out never fails the run: the records
 * go to an NDJSON spool file instead, which `nova results replay` loads later.
 * Invalid options or an invalid `NOVA_RUN_ID` do stop the run before it starts.
 */
import { dirname, relative, resolve } from 'node:path';
import type {
  FullConfig,
  FullResult,
  Reporter,
  Suite,
  TestCase,
  TestResult,
} from '@playwright/test/reporter';

import { createLogger } from '../logging/index.ts';
import {
  openResultsStore,
  validateStoreSettings,
  type RunTotals,
  type TestRecord,
} from '../results/index.ts';
import { mapAttempt, mapTest } from './attempt-mapping.ts';
import { detectCiRun } from './ci-run.ts';
import { LoadSummaryCollector } from './load-summaries.ts';
import {
  resolveResultsReporterOptions,
  type ResolvedResultsReporterOptions,
} from './results-reporter-options.ts';
import { setCurrentRunId } from './current-run.ts';
import { ResultsStoreThread } from './results-store-thread.ts';
import { ResultsWriter, type WriterSummary } from './results-writer.ts';
import { resolveRunId, resolveRunIdentity, type RunId } from './run-identity.ts';
import { SpoolFile, spoolFileName } from './spool.ts';

const log = createLogger('reporting');

/** Maximum time of one store call before the reporter treats the database as unreachable. */
const OPERATION_TIMEOUT_MS = 10_000;

/** Playwright modes in which no test runs: `--list`, and `merge-reports`, whose shards recorded their own results. */
const MODES_WITHOUT_RUN = new Set(['list', 'merge']);

/** Masks `user:password@` in any URL inside a message. */
function maskUrlPasswords(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:@/\s]*):[^@/\s]*@/gi, '$1:***@');
}

/** Formats the one-line notice printed when records went to the spool. */
export function formatSpoolNotice(summary: WriterSummary, cwd: string): string {
  // Only the first sentence, which names the failure, fits on one line. The store's advice after it is left out.
  const reason = maskUrlPasswords(summary.failure?.message ?? 'no reason given')
    .split(/\.\s|\n/)[0]!
    .slice(0, 300);
  const file = relative(cwd, summary.spoolPath) || summary.spoolPath;
  const lost =
    summary.lostRecords > 0 ? ` ${summary.lostRecords} records could not be written at all.` : '';
  return (
    `[nova results] The results database could not be written (${reason}), so ${summary.spooledRecords} records ` +
    `(${summary.spooledAttempts} attempts) were spooled to ${file}.${lost} ` +
    'Run `nova results replay` to load them into the database.\n'
  );
}

function countOutcomes(tests: readonly TestCase[]): RunTotals {
  const totals: RunTotals = { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
  for (const test of tests) totals[test.outcome()] += 1;
  return totals;
}

export default class ResultsReporter implements Reporter {
  readonly #options: ResolvedResultsReporterOptions;
  readonly #runId: RunId | undefined;
  /** Folder of playwright.config.ts, which test file paths are relative to. */
  #configDir: string;
  readonly #cwd = process.cwd();

  #writer: ResultsWriter | undefined;
  /** Worker thread that owns the store, started with the writer in `onBegin`. */
  #storeThread: ResultsStoreThread | undefined;
  #suite: Suite | undefined;
  #shardIndex = 1;
  #shardTotal = 1;
  #startedAt = new Date();
  /** Test records by Playwright's test id, so that each test is mapped once. */
  readonly #tests = new Map<string, TestRecord>();
  /**
   * Ids of the test records queued so far. With `--repeat-each`, several
   * Playwright tests share one record id, which is queued once.
   */
  readonly #queuedTestIds = new Set<string>();
  /** `nova-load` attachments, written to load_summaries once the run has ended. */
  readonly #loadSummaries = new LoadSummaryCollector(log);

  /**
   * Validates the options and `NOVA_RUN_ID` here, so that a mistake in either
   * stops Playwright before any test runs, with the error message.
   */
  constructor(rawOptions: unknown = {}) {
    this.#options = resolveResultsReporterOptions(rawOptions);
    const mode = (rawOptions as { _mode?: unknown } | undefined)?._mode;
    if (typeof mode === 'string' && MODES_WITHOUT_RUN.has(mode)) this.#options.enabled = false;

    const configDir = (rawOptions as { configDir?: unknown } | undefined)?.configDir;
    this.#configDir = typeof configDir === 'string' ? configDir : this.#cwd;

    if (this.#options.enabled) {
      // An invalid setting is the user's to fix, not a database outage: it stops the run here.
      validateStoreSettings();
      this.#runId = resolveRunId(process.env, detectCiRun(process.env));
    }
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    if (!this.#options.enabled || !this.#runId) return;

    // A bug here must not fail the run, so the reporter turns itself off and logs the reason.
    try {
      this.#startedAt = new Date();
      this.#suite = suite;
      this.#shardIndex = config.shard?.current ?? 1;
      this.#shardTotal = config.shard?.total ?? 1;
      if (config.configFile) this.#configDir = dirname(config.configFile);

      const { run } = resolveRunIdentity({
        env: process.env,
        cwd: this.#configDir,
        startedAt: this.#startedAt,
        runId: this.#runId,
        facts: {
          playwrightVersion: config.version,
          projectNames: config.projects.map((project) => project.name),
          workers: config.workers,
        },
      });

      setCurrentRunId(run.id);

      const spool = new SpoolFile(
        resolve(this.#cwd, this.#options.spoolDir),
        spoolFileName(run.id, this.#shardIndex, process.pid),
      );
      this.#writer = new ResultsWriter({
        // Async, so that a worker that fails to start rejects, and the writer spools.
        openStore: async () => {
          this.#storeThread = new ResultsStoreThread({ log });
          return this.#storeThread.open();
        },
        spool,
        run,
        batchSize: this.#options.batchSize,
        flushIntervalMs: this.#options.flushIntervalMs,
        operationTimeoutMs: Math.min(OPERATION_TIMEOUT_MS, this.#options.endTimeoutMs),
        log,
      });
      this.#writer.start({
        runId: run.id,
        shardIndex: this.#shardIndex,
        shardTotal: this.#shardTotal,
        startedAt: this.#startedAt,
      });
      log(
        'recording run %s (id from %s), shard %d of %d',
        run.id,
        this.#runId.source,
        this.#shardIndex,
        this.#shardTotal,
      );
    } catch (error) {
      this.#writer = undefined;
      void this.#storeThread?.terminate();
      log('results reporter turned off: %s', (error as Error).stack ?? String(error));
    }
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const writer = this.#writer;
    if (!writer || !this.#runId) return;

    try {
      let testRecord = this.#tests.get(test.id);
      if (!testRecord) {
        testRecord = mapTest(test, this.#configDir);
        this.#tests.set(test.id, testRecord);
      }
      if (!this.#queuedTestIds.has(testRecord.id)) {
        this.#queuedTestIds.add(testRecord.id);
        writer.addTest(testRecord);
      }
      const mapped = mapAttempt(test, result, {
        runId: this.#runId.id,
        testId: testRecord.id,
        shardIndex: this.#shardIndex,
        cwd: this.#cwd,
      });
      writer.addAttempt(mapped);
      this.#loadSummaries.collect(result.attachments, {
        runId: this.#runId.id,
        testId: testRecord.id,
        attemptId: mapped.attempt.id,
      });
    } catch (error) {
      log('failed to record "%s": %s', test.title, (error as Error).stack ?? String(error));
    }
  }

  async onEnd(result: FullResult): Promise<void> {
    const writer = this.#writer;
    if (!writer || !this.#runId) return;
    this.#writer = undefined;

    try {
      const summary = await writer.finish(
        {
          runId: this.#runId.id,
          shardIndex: this.#shardIndex,
          shardTotal: this.#shardTotal,
          startedAt: this.#startedAt,
          endedAt: new Date(),
          status: result.status,
          totals: countOutcomes(this.#suite?.allTests() ?? []),
        },
        this.#options.endTimeoutMs,
      );
      log(
        'run %s: %d attempts inserted, %d records spooled',
        this.#runId.id,
        summary.attemptsInserted,
        summary.spooledRecords,
      );

      if (summary.spooledRecords > 0 || summary.lostRecords > 0) {
        process.stderr.write(formatSpoolNotice(summary, this.#cwd));
      }
      if (this.#loadSummaries.size > 0) {
        // The writer has closed the store by now, so this second opener does not meet PGlite's lock.
        await this.#loadSummaries
          .write(() => openResultsStore(), summary.spooledRecords === 0 && !summary.timedOut)
          .catch((error: unknown) => {
            process.stderr.write(
              `[nova results] ${this.#loadSummaries.size} load summaries were not stored (${maskUrlPasswords(String(error)).slice(0, 300)}); ` +
                'their nova-load attachments remain in the test results folder.\n',
            );
          });
      }
    } catch (error) {
      log('results reporter failed at the end of the run: %s', (error as Error).stack);
    } finally {
      // Closing the store stops the worker too, unless `finish` timed out and a write still hangs there.
      // Stopping it is not awaited: the run's end need not wait the 30 ms or so that it takes.
      void this.#storeThread?.terminate();
    }
  }
}
