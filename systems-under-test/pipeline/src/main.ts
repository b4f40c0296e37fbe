/**
 * Starts the pipeline service: the status API, the API job's schedule, the
 * CSV inbox watcher and, with --nats-url, the sensor stream consumer.
 * Prints `listening on <url>` on stdout when ready. Exit codes: 0 after
 * SIGTERM or SIGINT, 1 when start-up fails, 2 for an invalid option.
 */
import { openDatabase } from './db/open-database.ts';
import { ALL_TABLES } from './db/schema.ts';
import { faults } from './faults.ts';
import { CsvInbox } from './jobs/csv-inbox.ts';
import { JobRunner } from './jobs/job-runner.ts';
import { SensorStream } from './jobs/sensor-stream.ts';
import { createLogger } from './log.ts';
import { UsageError } from './options.ts';
import { SERVICE_HELP, parseServiceOptions, type ServiceOptions } from './service-options.ts';
import { createMetrics } from './status/metrics.ts';
import { buildStatusApp } from './status/status-app.ts';

const log = createLogger('service');

let options: ServiceOptions;
try {
  options = parseServiceOptions(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`Error: ${error.message}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${SERVICE_HELP}\n`);
  process.exit(0);
}

const db = await openDatabase(options);
log.info('database open', { backend: db.backend, location: db.location, faults: faults.active });
if (options.fresh) {
  // A test run starts from nothing: rows that an earlier run left, with a seeded fault on
  // for example, would change the counts its specs assert.
  await db.query(`TRUNCATE ${ALL_TABLES.join(', ')} RESTART IDENTITY`);
  log.info('tables emptied (--fresh)', { tables: ALL_TABLES.length });
}

const metrics = createMetrics();
const context = {
  db,
  sourceUrl: options.sourceUrl,
  pageSize: options.pageSize,
  log: createLogger('jobs'),
  metrics,
};
const runner = new JobRunner(context);
if (options.schedule !== null) runner.schedule(options.schedule);

const inbox = new CsvInbox({
  db,
  inboxDir: options.inboxDir,
  archiveDir: options.archiveDir,
  stabilityMs: options.csvStabilityMs,
  log: createLogger('csv-inbox'),
  metrics,
});
await inbox.start();

let stream: SensorStream | undefined;
if (options.natsUrl !== undefined) {
  stream = new SensorStream({
    db,
    natsUrl: options.natsUrl,
    stream: options.stream,
    durable: 'pipeline',
    ackWaitMs: options.ackWaitMs,
    log: createLogger('sensor-stream'),
    metrics,
  });
  await stream.start();
}

const app = buildStatusApp({ db, runner, metrics, stream, schedule: options.schedule });
const address = await app.listen({ port: options.port, host: options.host });
process.stdout.write(`listening on ${address}\n`);

let closing = false;
const shutdown = (signal: string) => {
  if (closing) process.exit(1);
  closing = true;
  log.info('shutting down', { signal });
  void (async () => {
    await app.close();
    await runner.stop();
    await inbox.close();
    await stream?.close();
    await db.close();
    process.exit(0);
  })().catch((error: unknown) => {
    log.error('shutdown failed', { error });
    process.exit(1);
  });
};
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
