import path from 'node:path';
import { parseArgs } from 'node:util';

import { Cron } from 'croner';

import { UsageError, integerOption } from './options.ts';

export interface ServiceOptions {
  port: number;
  host: string;
  sourceUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  inboxDir: string;
  archiveDir: string;
  csvStabilityMs: number;
  /** Cron expression of the API job, or null when scheduling is off. */
  schedule: string | null;
  /** Empty the pipeline's tables at start, so that no earlier run's rows remain. */
  fresh: boolean;
  natsUrl: string | undefined;
  stream: string;
  ackWaitMs: number;
  pageSize: number;
  help: boolean;
}

export const SERVICE_HELP = `Usage: npm run sut:pipeline -- [options]

  --port N               status API port (PORT; default 3102 plus NOVA_PORT_OFFSET; 0 picks a free one)
  --host HOST            address to listen on (default 127.0.0.1)
  --source-url URL       source service (PIPELINE_SOURCE_URL; default http://127.0.0.1:3103 plus NOVA_PORT_OFFSET)
  --data-dir DIR         embedded database folder (PIPELINE_DATA_DIR; default systems-under-test/pipeline/artifacts/db)
  --inbox DIR            CSV inbox folder (default artifacts/inbox)
  --archive DIR          folder processed CSV files move to (default artifacts/archive)
  --csv-stability-ms MS  time a CSV file's size must hold still before it is read (default 2000)
  --schedule CRON        cron expression of the API job in UTC, 5 or 6 fields, or "off" (default "0 * * * *")
  --fresh                empty the pipeline's tables at start (test runs; CSV files in the inbox stay)
  --nats-url URL         NATS server of the sensor stream (PIPELINE_NATS_URL; the stream job is off without it)
  --stream NAME          JetStream stream of sensor events (default nova_pipeline_sensors)
  --ack-wait-ms MS       time JetStream waits for an ack before redelivering (default 30000)
  --page-size N          records per source API page (default 20)

PIPELINE_DATABASE_URL selects PostgreSQL instead of the embedded database.`;

const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;

export function parseServiceOptions(argv: string[], env: NodeJS.ProcessEnv): ServiceOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: env.HOST ?? '127.0.0.1' },
        'source-url': { type: 'string' },
        'data-dir': { type: 'string' },
        inbox: { type: 'string' },
        archive: { type: 'string' },
        'csv-stability-ms': { type: 'string', default: '2000' },
        schedule: { type: 'string', default: '0 * * * *' },
        fresh: { type: 'boolean', default: false },
        'nats-url': { type: 'string' },
        stream: { type: 'string', default: 'nova_pipeline_sensors' },
        'ack-wait-ms': { type: 'string', default: '30000' },
        'page-size': { type: 'string', default: '20' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run with --help for the options.`);
  }

  const offset = integerOption('NOVA_PORT_OFFSET', env.NOVA_PORT_OFFSET || '0', 0, 60_000);
  const sourceUrl = (
    values['source-url'] ??
    env.PIPELINE_SOURCE_URL ??
    `http://127.0.0.1:${3103 + offset}`
  ).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(sourceUrl)) {
    throw new UsageError(
      `--source-url must be an http(s) base URL such as http://127.0.0.1:3103, received "${sourceUrl}".`,
    );
  }

  const schedule = values.schedule === 'off' ? null : values.schedule;
  if (schedule !== null) {
    try {
      new Cron(schedule, { paused: true }).stop();
    } catch (error) {
      throw new UsageError(
        `--schedule "${schedule}" is not a cron expression (${(error as Error).message}); use 5 or 6 fields, or "off".`,
      );
    }
  }

  const stream = values.stream;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(stream)) {
    throw new UsageError(`--stream must be letters, digits, _ or -, received "${stream}".`);
  }

  const dataDir = values['data-dir'] ?? env.PIPELINE_DATA_DIR ?? path.join(ARTIFACTS, 'db');
  return {
    port: integerOption('--port', values.port ?? env.PORT ?? String(3102 + offset), 0, 65_535),
    host: values.host,
    sourceUrl,
    databaseUrl: env.PIPELINE_DATABASE_URL || undefined,
    dataDir,
    inboxDir: values.inbox ?? path.join(ARTIFACTS, 'inbox'),
    archiveDir: values.archive ?? path.join(ARTIFACTS, 'archive'),
    csvStabilityMs: integerOption('--csv-stability-ms', values['csv-stability-ms'], 10, 600_000),
    schedule,
    fresh: values.fresh,
    natsUrl: values['nats-url'] ?? (env.PIPELINE_NATS_URL || undefined),
    stream,
    ackWaitMs: integerOption('--ack-wait-ms', values['ack-wait-ms'], 100, 3_600_000),
    pageSize: integerOption('--page-size', values['page-size'], 1, 100),
    help: values.help,
  };
}
