import { resolve } from 'node:path';

import { DEFAULT_ARTIFACTS_DIR } from './artifact-files.ts';
import { UsageError, parseIntegerInRange, parseOptionArgs } from './cli-args.ts';

export const DEFAULT_PORT = 3101;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_LOG_LEVEL = 'info';

/** Levels that Fastify's logger (pino) accepts. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const SERVER_HELP = `Usage: npm run sut:iris -- [--port N] [--host HOST] [--artifacts DIR]

Starts the Iris API. If the artifacts folder has no current.json, it first trains a model with seed 42.

Options (an option wins over its environment variable):
  --port N          TCP port, 0 to 65535, 0 picks a free port (env PORT, default ${DEFAULT_PORT}).
  --host HOST       Address to listen on (env HOST, default ${DEFAULT_HOST}).
  --artifacts DIR   Folder with current.json and the model artifacts (default ${DEFAULT_ARTIFACTS_DIR}).
  --help            Print this help.

Environment:
  LOG_LEVEL         Log level: ${LOG_LEVELS.join(', ')} (default ${DEFAULT_LOG_LEVEL}).`;

/** Settings of one server start, after command line and environment are merged. */
export interface ServerOptions {
  port: number;
  host: string;
  artifactsDir: string;
  logLevel: string;
  help: boolean;
}

/**
 * Reads --port, --host and --artifacts from `argv` and PORT, HOST and LOG_LEVEL from `env`.
 * Throws UsageError naming the invalid value and its source.
 */
export function parseServerOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ServerOptions {
  const args = parseOptionArgs(argv, ['port', 'host', 'artifacts']);

  const portFromArgs = args.values.get('port');
  const portText = portFromArgs ?? env.PORT;
  const portSource = portFromArgs === undefined ? 'PORT environment value' : '--port value';
  const port =
    portText === undefined
      ? DEFAULT_PORT
      : parseIntegerInRange(portText, 0, 65535, portSource, '--port 3101');

  const hostFromArgs = args.values.get('host');
  const host = hostFromArgs ?? env.HOST ?? DEFAULT_HOST;
  if (host.trim() === '') {
    const source = hostFromArgs === undefined ? 'HOST environment value' : '--host value';
    throw new UsageError(`Invalid ${source} "${host}": pass an address such as --host 127.0.0.1.`);
  }

  const artifactsText = args.values.get('artifacts');
  if (artifactsText === '') {
    throw new UsageError(
      'Invalid --artifacts value "": pass a folder path, for example --artifacts ./artifacts.',
    );
  }

  const logLevel = env.LOG_LEVEL ?? DEFAULT_LOG_LEVEL;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new UsageError(
      `Invalid LOG_LEVEL "${logLevel}": expected one of ${LOG_LEVELS.join(', ')}. Unset it to use ${DEFAULT_LOG_LEVEL}.`,
    );
  }

  return {
    port,
    host,
    artifactsDir: resolve(artifactsText ?? DEFAULT_ARTIFACTS_DIR),
    logLevel,
    help: args.help,
  };
}
