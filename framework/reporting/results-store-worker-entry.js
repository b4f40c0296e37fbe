// Entry point of the results store's worker thread. Playwright's TypeScript
// loader applies only to the runner's main thread, and on Node.js 20 a worker
// started with `--import tsx` still cannot load .ts files, so this plain
// JavaScript file registers tsx's loader for this thread first. `tsx` and the
// tsconfig resolve from this file's folder, so any working directory works.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

import { register } from 'tsx/esm/api';

/**
 * Nice value of this thread. The test workers need the CPU more than the
 * store, whose writes only have to finish before the end of the run.
 */
const STORE_THREAD_NICE = 10;

/**
 * Lowers the scheduling priority of this thread alone, before tsx starts its
 * loader thread, which inherits it. Linux keeps a nice value per thread, and
 * `/proc/thread-self` names this thread's id. Elsewhere `setPriority` would
 * lower the whole runner, so the thread keeps the default priority there.
 */
function lowerThreadPriority() {
  if (process.platform !== 'linux') return;
  try {
    const threadId = Number(basename(readlinkSync('/proc/thread-self')));
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, STORE_THREAD_NICE);
  } catch {
    // Without /proc or permission the thread runs at the default priority, which is only slower for the tests.
  }
}

lowerThreadPriority();
register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
await import('./results-store-worker.ts');
