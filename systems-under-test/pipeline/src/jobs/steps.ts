import { writeSync } from 'node:fs';

/** Names of the points where a job can be paused, in the order a batch passes them. */
export type StepKind = 'fetch' | 'row' | 'commit' | 'committed' | 'before-ack';

export type Step = (kind: StepKind) => void;

/**
 * Counts a job's steps. With PIPELINE_PAUSE_AT=<job>:<n>, the process stops
 * at that job's nth step: it prints `paused <job> step <n> <kind>` to stderr
 * and blocks its only thread, with any open transaction left open. Crash tests
 * then kill it from outside at an exact, reproducible point of the load.
 */
export function createStepper(job: string, env: NodeJS.ProcessEnv = process.env): Step {
  const [pauseJob, pauseStepText] = (env.PIPELINE_PAUSE_AT ?? '').split(':');
  const pauseStep = pauseJob === job ? Number(pauseStepText) : Number.NaN;
  let count = 0;

  return (kind) => {
    count += 1;
    if (count !== pauseStep) return;
    writeSync(2, `paused ${job} step ${count} ${kind}\n`);
    // Blocks without a timeout: only a signal ends the process from here.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  };
}
