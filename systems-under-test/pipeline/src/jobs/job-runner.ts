/**
 * Runs the batch jobs (the API load and the scraper) one run per job at a
 * time: on the cron schedule (croner), from the trigger endpoint or from the
 * job CLI. A run first takes the job's lock, marks runs left `running` by a
 * dead process as interrupted, and records itself in pipeline_runs.
 */
import { Cron } from 'croner';

import type { PipelineMetrics } from '../status/metrics.ts';
import { API_JOB, runApiReadings } from './api-readings.ts';
import type { JobContext, JobOutcome } from './context.ts';
import { finishRun, markInterrupted, startRun, type RunRecord, type RunTrigger } from './runs.ts';
import { SCRAPER_JOB, runScraper } from './scraper.ts';

export const BATCH_JOBS: Record<
  string,
  (context: JobContext, runId: string) => Promise<JobOutcome>
> = {
  [API_JOB]: runApiReadings,
  [SCRAPER_JOB]: runScraper,
};

export interface StartedRun {
  runId: string;
  /** Settles with the finished run; never rejects, because a failure is a run status. */
  finished: Promise<RunRecord>;
}

function recordMetrics(metrics: PipelineMetrics | undefined, run: RunRecord): void {
  metrics?.runs.inc({ job: run.job, status: run.status });
  metrics?.rowsWritten.inc({ job: run.job }, run.rowsWritten);
  metrics?.rowsQuarantined.inc({ job: run.job }, run.rowsQuarantined);
}

export class JobRunner {
  readonly #context: JobContext;
  readonly #crons: Cron[] = [];
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(context: JobContext) {
    this.#context = context;
  }

  /** Starts a run, or returns undefined when the job is running already. */
  async trigger(job: string, trigger: RunTrigger): Promise<StartedRun | undefined> {
    const work = BATCH_JOBS[job];
    if (work === undefined)
      throw new Error(`Unknown job "${job}"; known jobs: ${Object.keys(BATCH_JOBS).join(', ')}.`);
    const { db, log } = this.#context;

    let announce: (runId: string) => void = () => undefined;
    const started = new Promise<string>((resolve) => (announce = resolve));

    const finished = db.withJobLock(job, async () => {
      const interrupted = await markInterrupted(db, job);
      if (interrupted > 0)
        log.warn('marked runs of a dead process as interrupted', { job, interrupted });
      const runId = await startRun(db, job, trigger);
      announce(runId);
      log.info('job run started', { job, runId, trigger });

      let run: RunRecord;
      try {
        const outcome = await work(this.#context, runId);
        run = await finishRun(db, runId, outcome.status, outcome.problem);
      } catch (error) {
        log.error('job run failed', { job, runId, error });
        run = await finishRun(db, runId, 'failed', (error as Error).message);
      }
      recordMetrics(this.#context.metrics, run);
      log.info('job run finished', {
        job,
        runId,
        status: run.status,
        rowsWritten: run.rowsWritten,
      });
      return run;
    });
    // Marks the promise handled: a caller that does not wait for the run must not crash the process.
    const settled = finished.catch((error: unknown) =>
      log.error('job run could not be recorded', { job, error }),
    );
    this.#inFlight.add(settled);
    void settled.then(() => this.#inFlight.delete(settled));

    // The lock was busy when `finished` settles first with undefined; a failure before the run existed rejects.
    const runId = await Promise.race([started, finished.then(() => undefined)]);
    if (runId === undefined) return undefined;
    return { runId, finished: finished as Promise<RunRecord> };
  }

  /** Runs the API job on a cron expression (5 fields, or 6 with seconds), in UTC. */
  schedule(expression: string): Cron {
    const cron = new Cron(
      expression,
      { timezone: 'UTC', protect: true, name: API_JOB },
      async () => {
        const started = await this.trigger(API_JOB, 'schedule').catch(() => undefined);
        if (started === undefined)
          this.#context.log.info('scheduled run skipped: the job is running', { job: API_JOB });
        else await started.finished;
      },
    );
    this.#crons.push(cron);
    return cron;
  }

  nextRunAt(job: string): string | null {
    const cron = this.#crons.find((candidate) => candidate.name === job);
    return cron?.nextRun()?.toISOString() ?? null;
  }

  /** Stops the schedule and waits for the runs in progress, so that shutdown closes no database under a run. */
  async stop(): Promise<void> {
    for (const cron of this.#crons) cron.stop();
    await Promise.all([...this.#inFlight]);
  }
}
