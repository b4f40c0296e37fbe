/**
 * Runs one batch job once in this process and exits: the way a crash test
 * kills a load mid-way and runs it again.
 *
 *   npm run pipeline:job -- api-readings [--source-url URL] [--data-dir DIR] [--page-size N]
 *
 * Prints the finished run as one JSON line. Exit codes: 0 succeeded or
 * partial, 1 failed, 2 invalid arguments, 3 the job is running elsewhere.
 */
import { parseArgs } from 'node:util';

import { openDatabase } from './db/open-database.ts';
import { BATCH_JOBS, JobRunner } from './jobs/job-runner.ts';
import { createLogger } from './log.ts';
import { UsageError } from './options.ts';
import { parseServiceOptions } from './service-options.ts';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        'source-url': { type: 'string' },
        'data-dir': { type: 'string' },
        'page-size': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message}. Options: --source-url URL, --data-dir DIR, --page-size N.`,
    );
  }
  const { positionals, values } = parsed;
  const job = positionals[0];
  if (job === undefined || !(job in BATCH_JOBS)) {
    throw new UsageError(
      `Name the job to run: ${Object.keys(BATCH_JOBS).join(' or ')}; received ${JSON.stringify(job ?? null)}.`,
    );
  }
  const passThrough = Object.entries(values).flatMap(([name, value]) => [
    `--${name}`,
    String(value),
  ]);
  const options = parseServiceOptions([...passThrough, '--schedule', 'off'], process.env);

  const db = await openDatabase(options);
  try {
    const runner = new JobRunner({
      db,
      sourceUrl: options.sourceUrl,
      pageSize: options.pageSize,
      log: createLogger('jobs'),
      metrics: undefined,
    });
    const started = await runner.trigger(job, 'cli');
    if (started === undefined) {
      process.stderr.write(
        `Error: job ${job} is running in another process; wait for it to finish.\n`,
      );
      return 3;
    }
    const run = await started.finished;
    process.stdout.write(JSON.stringify(run) + '\n');
    return run.status === 'failed' ? 1 : 0;
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`Error: ${(error as Error).message}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
