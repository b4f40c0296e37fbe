import { parseArgs } from 'node:util';

export const DEFAULT_PORT = 3106;
export const DEFAULT_HOST = '127.0.0.1';

/** Levels that Fastify's logger (pino) accepts. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const SERVER_HELP = `Usage: npm run sut:sentiment -- [--port N] [--host HOST]

Starts the sentiment app: the page at / and the API at POST /sentiment.

Options (an option wins over its environment variable):
  --port N      TCP port, 0 to 65535; 0 picks a free port (env PORT, default ${DEFAULT_PORT}).
  --host HOST   Address to listen on (env HOST, default ${DEFAULT_HOST}).
  --help        Print this help.

Environment:
  LOG_LEVEL     Log level: ${LOG_LEVELS.join(', ')} (default info).
  NOVA_FAULTS   Comma-separated seeded faults to switch on, ids from faults.json.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ServerOptions {
  port: number;
  host: string;
  logLevel: string;
  help: boolean;
}

/** Reads --port and --host from `argv` and PORT, HOST and LOG_LEVEL from `env`. */
export function parseServerOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ServerOptions {
  let values: { port?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(
      `${error instanceof Error ? error.message : String(error)}. Run with --help for the options.`,
    );
  }

  const portSource = values.port === undefined ? 'PORT environment value' : '--port value';
  const portText = values.port ?? env.PORT;
  let port = DEFAULT_PORT;
  if (portText !== undefined) {
    port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65_535) {
      throw new UsageError(
        `Invalid ${portSource} "${portText}": expected a whole number from 0 to 65535, for example --port ${DEFAULT_PORT}.`,
      );
    }
  }

  const hostSource = values.host === undefined ? 'HOST environment value' : '--host value';
  const host = values.host ?? env.HOST ?? DEFAULT_HOST;
  if (host.trim() === '') {
    throw new UsageError(
      `Invalid ${hostSource} "${host}": pass an address such as --host 127.0.0.1.`,
    );
  }

  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new UsageError(
      `Invalid LOG_LEVEL "${logLevel}": expected one of ${LOG_LEVELS.join(', ')}. Unset it to use info.`,
    );
  }

  return { port, host, logLevel, help: values.help === true };
}
