/**
 * Runs the results store in a worker thread and gives the writer a proxy with
 * the store methods that it calls. The runner's main thread only clones
 * records into messages, so no database work, PGlite's synchronous
 * WebAssembly above all, holds up the dispatch of tests to Playwright's
 * workers. A store error rejects the call that caused it, and a worker that
 * dies rejects every pending and later call. Either way the writer spools, as
 * it does on any database error.
 */
import { Worker } from 'node:worker_threads';

import type { Logger } from '../logging/index.ts';
import {
  deserializeError,
  type StoreMethod,
  type StoreRequest,
  type StoreResponse,
} from './results-store-protocol.ts';
import type { WriterStore } from './results-writer.ts';

/** Plain JavaScript entry that registers the TypeScript loader inside the thread. */
export const RESULTS_STORE_WORKER_ENTRY = new URL(
  './results-store-worker-entry.js',
  import.meta.url,
);

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export interface ResultsStoreThreadOptions {
  log: Logger;
  /** Worker script; tests replace it to simulate a crashing worker. */
  entry?: URL;
  /** Environment of the worker, where the store reads `DATABASE_URL`; defaults to a copy of `process.env`. */
  env?: NodeJS.ProcessEnv;
}

export class ResultsStoreThread {
  readonly #worker: Worker;
  readonly #log: Logger;

  readonly #opened: Promise<void>;
  #resolveOpen: () => void = () => undefined;
  #rejectOpen: (error: Error) => void = () => undefined;
  #opening = true;

  readonly #calls = new Map<number, PendingCall>();
  #nextCallId = 1;

  /** Set when `terminate` was called, so that the exit that follows is not reported as a crash. */
  #terminating = false;
  /** Uncaught error of the worker, reported by the 'error' event just before 'exit'. */
  #uncaughtError: Error | undefined;
  /** Set once the worker has exited; every later call rejects with it. */
  #exitError: Error | undefined;

  /** The proxy that the writer uses in place of the store. */
  readonly store: WriterStore = {
    upsertRun: (run) => this.#call('upsertRun', [run]),
    upsertShard: (shard) => this.#call('upsertShard', [shard]),
    upsertTests: (tests) => this.#call('upsertTests', [tests]),
    insertAttempts: (attempts) => this.#call('insertAttempts', [attempts]),
    close: () => this.#close(),
  };

  /**
   * Starts the worker, which begins to open the store at once.
   *
   * NOTE: this is where most of the remaining overhead sits. Starting the
   * thread, tsx's loader and the store modules costs about 300 ms of CPU, and
   * opening PGlite about 400 ms more. On a 2-core machine that CPU is taken
   * from the test workers even at a lower priority: about +5 % on the 500-test
   * benchmark with PGlite and +3 % with PostgreSQL, above the 3 % target.
   */
  constructor(options: ResultsStoreThreadOptions) {
    this.#log = options.log;
    this.#opened = new Promise<void>((resolve, reject) => {
      this.#resolveOpen = resolve;
      this.#rejectOpen = reject;
    });
    // Until `open` is called, a rejection would count as unhandled.
    this.#opened.catch(() => undefined);

    this.#worker = new Worker(options.entry ?? RESULTS_STORE_WORKER_ENTRY, { env: options.env });
    this.#worker.on('message', (response: StoreResponse) => this.#receive(response));
    this.#worker.on('error', (error) => {
      this.#uncaughtError = error;
    });
    this.#worker.on('exit', (code) => this.#onExit(code));
    this.#updateKeepAlive();
  }

  /** Resolves with the proxy once the worker has opened the store; rejects when it could not. */
  async open(): Promise<WriterStore> {
    await this.#opened;
    return this.store;
  }

  /** Stops the worker at once; calls still pending reject. Safe to call more than once. */
  async terminate(): Promise<void> {
    this.#terminating = true;
    await this.#worker.terminate();
  }

  #receive(response: StoreResponse): void {
    if (response.kind === 'opened' || response.kind === 'open-failed') {
      this.#opening = false;
      if (response.kind === 'opened') this.#resolveOpen();
      else this.#rejectOpen(deserializeError(response.error));
      this.#updateKeepAlive();
      return;
    }

    const call = this.#calls.get(response.id);
    if (!call) return;
    this.#calls.delete(response.id);
    if (response.kind === 'result') call.resolve(response.value);
    else call.reject(deserializeError(response.error));
    this.#updateKeepAlive();
  }

  #call<Method extends StoreMethod>(
    method: Method,
    args: Parameters<WriterStore[Method]>,
  ): ReturnType<WriterStore[Method]> {
    const result = new Promise<unknown>((resolve, reject) => {
      if (this.#exitError) {
        reject(this.#exitError);
        return;
      }
      const id = this.#nextCallId;
      this.#nextCallId += 1;
      const request = { id, method, args } as StoreRequest;
      // Throws synchronously, for example on a record that cannot be cloned.
      this.#worker.postMessage(request);
      this.#calls.set(id, { resolve, reject });
      this.#updateKeepAlive();
    });
    return result as ReturnType<WriterStore[Method]>;
  }

  /**
   * Closes the store, then stops the worker without waiting for it, which
   * takes about 30 ms that would add to the end of every run. The worker is
   * unreferenced by then, so it cannot keep the process alive.
   */
  async #close(): Promise<void> {
    try {
      await this.#call('close', []);
    } finally {
      void this.terminate();
    }
  }

  #onExit(code: number): void {
    const cause = this.#uncaughtError;
    this.#exitError = this.#terminating
      ? new Error('The results store worker thread was stopped')
      : new Error(
          `The results store worker thread exited with code ${code}` +
            (cause ? `: ${cause.message}` : ' without an error'),
          { cause },
        );
    if (!this.#terminating) this.#log('%s', cause?.stack ?? this.#exitError.message);

    this.#opening = false;
    this.#rejectOpen(this.#exitError);
    for (const call of this.#calls.values()) call.reject(this.#exitError);
    this.#calls.clear();
  }

  /**
   * Keeps the runner's process alive only while a call is pending, so that
   * an idle worker never delays the exit, and a pending write is never cut
   * off by it.
   */
  #updateKeepAlive(): void {
    if (this.#opening || this.#calls.size > 0) this.#worker.ref();
    else this.#worker.unref();
  }
}
