/**
 * The run id that the results reporter chose, shared with other reporters of
 * the same Playwright process (the bug step), which must record under the
 * same run. A global symbol, because Playwright may load each reporter's
 * modules separately.
 */
const CURRENT_RUN_ID = Symbol.for('elysium-nova.current-run-id');

type WithRunId = typeof globalThis & { [CURRENT_RUN_ID]?: string };

export function setCurrentRunId(runId: string): void {
  (globalThis as WithRunId)[CURRENT_RUN_ID] = runId;
}

/** Returns the run id of the run in progress in this process, when the results reporter set one. */
export function currentRunId(): string | undefined {
  return (globalThis as WithRunId)[CURRENT_RUN_ID];
}
