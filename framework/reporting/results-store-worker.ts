/**
 * The worker-thread side of the results store: opens the store as soon as
 * the thread starts and runs the store calls that the reporter sends. It
 * runs in its own thread because PGlite executes its WebAssembly build of
 * PostgreSQL synchronously on the calling thread. On the runner's main thread
 * that would stall the event loop that dispatches tests to the workers.
 *
 * Loaded by results-store-worker-entry.js, which registers the TypeScript loader first.
 */
import { setFlagsFromString } from 'node:v8';
import { parentPort, threadId, type MessagePort } from 'node:worker_threads';

import { createLogger } from '../logging/index.ts';
import { openResultsStore, type ResultsStore } from '../results/index.ts';
import { serializeError, type StoreRequest, type StoreResponse } from './results-store-protocol.ts';

const log = createLogger('reporting');

function callStore(store: ResultsStore, request: StoreRequest): Promise<unknown> {
  switch (request.method) {
    case 'upsertRun':
      return store.upsertRun(...request.args);
    case 'upsertShard':
      return store.upsertShard(...request.args);
    case 'upsertTests':
      return store.upsertTests(...request.args);
    case 'insertAttempts':
      return store.insertAttempts(...request.args);
    case 'close':
      return store.close();
  }
}

/** Opens the store and replies to every request on `port` with a result or an error. */
function serveResultsStore(port: MessagePort): void {
  const started = Date.now();
  const opening = openResultsStore();
  const send = (response: StoreResponse): void => port.postMessage(response);

  opening.then(
    (store) => {
      log(
        'results store open on %s in worker thread %d (%d ms)',
        store.backend,
        threadId,
        Date.now() - started,
      );
      send({ kind: 'opened' });
    },
    (error: unknown) => {
      log('opening the results store in worker thread %d failed: %s', threadId, String(error));
      send({ kind: 'open-failed', error: serializeError(error) });
    },
  );

  port.on('message', (request: StoreRequest) => {
    opening
      .then((store) => callStore(store, request))
      .then(
        (value) => send({ kind: 'result', id: request.id, value }),
        (error: unknown) => send({ kind: 'error', id: request.id, error: serializeError(error) }),
      );
  });
}

// V8 compiles WebAssembly with its baseline compiler, Liftoff, then
// recompiles hot functions with TurboFan on background threads. For the few
// hundred statements of a run, that recompilation cost about 1 s of CPU that
// the test workers lost (PGlite 0.5.17, Node.js 20.20, 2 cores). Lazy
// compilation compiles each function at its first call, on this lower-priority
// thread, instead of the whole module up front on V8's shared threads. Both
// flags are process-wide and apply to modules compiled later, so WebAssembly
// that the runner's main thread might compile stays unoptimized too.
setFlagsFromString('--liftoff-only');
setFlagsFromString('--wasm-lazy-compilation');

if (!parentPort) {
  throw new Error(
    'results-store-worker.ts runs only as a worker thread; start it with ResultsStoreThread.',
  );
}
serveResultsStore(parentPort);
