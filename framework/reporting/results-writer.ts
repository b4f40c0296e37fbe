/**
 * The write side of the results reporter: queues records, writes them to the
 * store in batches off Playwright's callbacks, and switches to the spool file
 * for good at the first failed write.
 */
import type { Logger } from '../logging/index.ts';
import type {
  AttemptRecord,
  ResultsStore,
  RunRecord,
  ShardRecord,
  TestRecord,
} from '../results/index.ts';
import { measureAttachments, type MappedAttempt } from './attempt-mapping.ts';
import type { SpoolEntry, SpoolFile } from './spool.ts';

/** The store methods that the writer calls. */
export type WriterStore = Pick<
  ResultsStore,
  'upsertRun' | 'upsertShard' | 'upsertTests' | 'insertAttempts' | 'close'
>;

export interface ResultsWriterOptions {
  /** Opens the store; called once, at `start`. */
  openStore: () => Promise<WriterStore>;
  spool: SpoolFile;
  run: RunRecord;
  batchSize: number;
  flushIntervalMs: number;
  /** Maximum time of one store call, opening included, before the writer gives up on the database. */
  operationTimeoutMs: number;
  log: Logger;
}

export interface WriterSummary {
  /** Attempts that the store confirmed as new rows. */
  attemptsInserted: number;
  spooledRecords: number;
  spooledAttempts: number;
  spoolPath: string;
  /** Error that made the writer switch to the spool; undefined when every write succeeded. */
  failure?: Error;
  /** Records that reached neither the database nor the spool file, for example on a full disk. */
  lostRecords: number;
  /** True when `finish` ran out of time and spooled what was still in flight. */
  timedOut: boolean;
}

/** Records taken from the queue for one write. */
interface Batch {
  shards: ShardRecord[];
  tests: TestRecord[];
  attempts: MappedAttempt[];
}

class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Resolves or rejects like `promise`, or rejects with a TimeoutError after `ms`. */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function batchToEntries(batch: Batch): SpoolEntry[] {
  const entries: SpoolEntry[] = batch.shards.map((record) => ({ kind: 'shard', record }));
  if (batch.tests.length > 0) entries.push({ kind: 'tests', records: batch.tests });
  if (batch.attempts.length > 0) {
    entries.push({ kind: 'attempts', records: batch.attempts.map((mapped) => mapped.attempt) });
  }
  return entries;
}

function countBatch(batch: Batch): number {
  return batch.shards.length + batch.tests.length + batch.attempts.length;
}

export class ResultsWriter {
  readonly #options: ResultsWriterOptions;
  #storePromise: Promise<WriterStore> | undefined;

  #mode: 'database' | 'spool' = 'database';
  #failure: Error | undefined;
  #finished = false;
  /** Set when `finish` timed out: a write still in flight must not append to the spool any more. */
  #abandoned = false;

  #pending: Batch = { shards: [], tests: [], attempts: [] };
  #inFlight: Batch | undefined;
  #flushQueued = false;
  #chain: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;

  #runConfirmed = false;
  /** Records that the store confirmed; they head the spool file so that it can be replayed on its own. */
  readonly #confirmedShards: ShardRecord[] = [];
  readonly #confirmedTests: TestRecord[] = [];

  #attemptsInserted = 0;
  #lostRecords = 0;

  constructor(options: ResultsWriterOptions) {
    this.#options = options;
  }

  /** Opens the store in the background and queues the shard's first record. */
  start(shard: ShardRecord): void {
    const opening = this.#options.openStore();
    // Until the first flush awaits it, a rejection would count as unhandled.
    opening.catch(() => undefined);
    this.#storePromise = opening;

    this.#pending.shards.push(shard);
    this.#timer = setInterval(() => this.#scheduleFlush(), this.#options.flushIntervalMs);
    // The timer must not keep the runner's process alive after the run.
    this.#timer.unref();
  }

  addTest(test: TestRecord): void {
    this.#pending.tests.push(test);
  }

  /** Queues an attempt; a full batch starts a write, which runs after this call returns. */
  addAttempt(attempt: MappedAttempt): void {
    this.#pending.attempts.push(attempt);
    if (this.#pending.attempts.length >= this.#options.batchSize) this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (this.#flushQueued || this.#abandoned) return;
    this.#flushQueued = true;
    this.#chain = this.#chain.then(() => {
      this.#flushQueued = false;
      return this.#flush();
    });
  }

  #takePending(): Batch | undefined {
    const batch = this.#pending;
    if (countBatch(batch) === 0 && this.#runConfirmed) return undefined;
    this.#pending = { shards: [], tests: [], attempts: [] };
    return batch;
  }

  /** Writes one batch; never rejects, because every failure moves the records to the spool. */
  async #flush(): Promise<void> {
    const batch = this.#takePending();
    if (!batch) return;
    this.#inFlight = batch;

    try {
      await measureAttachments(batch.attempts.flatMap((mapped) => mapped.attachmentsToMeasure));

      if (this.#mode === 'database') {
        try {
          await this.#writeToStore(batch);
          return;
        } catch (error) {
          this.#switchToSpool(error);
          await this.#appendToSpool([...this.#spoolHeader(), ...batchToEntries(batch)], batch);
          return;
        }
      }

      await this.#appendToSpool(batchToEntries(batch), batch);
    } finally {
      this.#inFlight = undefined;
    }
  }

  async #writeToStore(batch: Batch): Promise<void> {
    const timeoutMs = this.#options.operationTimeoutMs;
    const store = await withTimeout(this.#storePromise!, timeoutMs, 'Opening the results store');

    if (!this.#runConfirmed) {
      await withTimeout(store.upsertRun(this.#options.run), timeoutMs, 'Writing the run');
      this.#runConfirmed = true;
    }
    for (const shard of batch.shards) {
      await withTimeout(store.upsertShard(shard), timeoutMs, 'Writing the shard');
      this.#confirmedShards.push(shard);
    }
    if (batch.tests.length > 0) {
      await withTimeout(store.upsertTests(batch.tests), timeoutMs, 'Writing tests');
      this.#confirmedTests.push(...batch.tests);
    }
    if (batch.attempts.length > 0) {
      const attempts: AttemptRecord[] = batch.attempts.map((mapped) => mapped.attempt);
      this.#attemptsInserted += await withTimeout(
        store.insertAttempts(attempts),
        timeoutMs,
        'Writing attempts',
      );
    }
    this.#options.log(
      'wrote %d shard, %d test and %d attempt records',
      batch.shards.length,
      batch.tests.length,
      batch.attempts.length,
    );
  }

  #switchToSpool(error: unknown): void {
    this.#mode = 'spool';
    this.#failure = error instanceof Error ? error : new Error(String(error));
    this.#options.log(
      'results store failed, spooling from now on to %s: %s',
      this.#options.spool.path,
      this.#failure.message,
    );
  }

  /** The run and every confirmed shard and test: what the spooled attempts refer to. */
  #spoolHeader(): SpoolEntry[] {
    const header: SpoolEntry[] = [{ kind: 'run', record: this.#options.run }];
    for (const record of this.#confirmedShards) header.push({ kind: 'shard', record });
    if (this.#confirmedTests.length > 0) {
      header.push({ kind: 'tests', records: [...this.#confirmedTests] });
    }
    return header;
  }

  async #appendToSpool(entries: SpoolEntry[], batch: Batch): Promise<void> {
    if (this.#abandoned) return;
    try {
      await this.#options.spool.append(entries);
    } catch (error) {
      this.#lostRecords += countBatch(batch);
      this.#options.log(
        'failed to append %d records to %s: %s',
        countBatch(batch),
        this.#options.spool.path,
        (error as Error).message,
      );
    }
  }

  /**
   * Queues the shard's last record, writes everything left and closes the
   * store, within `timeoutMs`. What is not confirmed by then goes to the
   * spool synchronously, so a hanging database cannot hold up the run.
   */
  async finish(shard: ShardRecord, timeoutMs: number): Promise<WriterSummary> {
    if (this.#finished) throw new Error('ResultsWriter.finish() was called twice');
    this.#finished = true;
    clearInterval(this.#timer);

    this.#pending.shards.push(shard);
    this.#scheduleFlush();
    const drained = this.#chain.then(() => this.#closeStore());

    let timedOut = false;
    try {
      await withTimeout(drained, timeoutMs, 'Writing the last results');
    } catch (error) {
      timedOut = true;
      this.#spoolRemainingNow(error as Error);
    }

    return {
      attemptsInserted: this.#attemptsInserted,
      spooledRecords: this.#options.spool.records,
      spooledAttempts: this.#options.spool.attempts,
      spoolPath: this.#options.spool.path,
      failure: this.#failure,
      lostRecords: this.#lostRecords,
      timedOut,
    };
  }

  async #closeStore(): Promise<void> {
    try {
      const store = await this.#storePromise!;
      await store.close();
    } catch (error) {
      // A store that never opened has nothing to close, and a failing close loses no record.
      this.#options.log('closing the results store failed: %s', (error as Error).message);
    }
  }

  /** Spools, synchronously, the write in flight and everything still queued. */
  #spoolRemainingNow(reason: Error): void {
    const inFlight = this.#inFlight;
    const pending = this.#pending;
    this.#abandoned = true;
    this.#pending = { shards: [], tests: [], attempts: [] };

    // Only closing the store timed out: every record is confirmed already.
    if (!inFlight && countBatch(pending) === 0) {
      this.#options.log('%s; every record was written before', reason.message);
      return;
    }

    const entries: SpoolEntry[] = [];
    if (this.#mode === 'database') {
      this.#switchToSpool(reason);
      entries.push(...this.#spoolHeader());
    }
    // The in-flight batch may already be partly or wholly in the database or
    // the spool; replay drops the copies.
    if (inFlight) entries.push(...batchToEntries(inFlight));
    entries.push(...batchToEntries(pending));

    try {
      this.#options.spool.appendSync(entries);
    } catch (error) {
      this.#lostRecords += (inFlight ? countBatch(inFlight) : 0) + countBatch(pending);
      this.#options.log(
        'failed to write %s: %s',
        this.#options.spool.path,
        (error as Error).message,
      );
    }
  }
}
