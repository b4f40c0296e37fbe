/** Command line and environment of `npm run sut:vision`. */

export const DEFAULT_PORT = 3105;
export const DEFAULT_HOST = '127.0.0.1';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const SERVER_HELP = `Usage: npm run sut:vision -- [--port N] [--host HOST]

Starts the vision service: image operations, QR reading and document scanning over HTTP,
with an upload page at /.

Options (an option wins over its environment variable):
  --port N      TCP port, 0 to 65535, 0 picks a free port (env PORT, default ${DEFAULT_PORT}).
  --host HOST   Address to listen on (env HOST, default ${DEFAULT_HOST}).
  --help        Print this help.

Environment:
  LOG_LEVEL     ${LOG_LEVELS.join(', ')} (default info).
  NOVA_FAULTS   Seeded faults to switch on, for example vision.resize-off-by-one (see faults.json).`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ServerOptions {
  port: number;
  host: string;
  logLevel: string;
  help: boolean;
}

function parsePort(text: string, source: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(
      `Invalid ${source} "${text}": expected an integer from 0 to 65535, for example --port ${DEFAULT_PORT}.`,
    );
  }
  return port;
}

/** Reads --port and --host (or PORT, HOST) and LOG_LEVEL; throws UsageError naming a bad value. */
export function parseServerOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ServerOptions {
  const values = new Map<string, string>();
  let help = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const match = /^--(port|host)(?:=(.*))?$/s.exec(arg);
    if (match === null) {
      throw new UsageError(`Unknown argument "${arg}". Known options: --port, --host, --help.`);
    }
    const value = match[2] ?? argv[++index];
    if (value === undefined)
      throw new UsageError(`Option --${match[1]} needs a value, for example --${match[1]}=VALUE.`);
    values.set(match[1]!, value);
  }

  const portArg = values.get('port');
  const port =
    portArg !== undefined
      ? parsePort(portArg, '--port value')
      : env.PORT !== undefined
        ? parsePort(env.PORT, 'PORT environment value')
        : DEFAULT_PORT;

  const host = values.get('host') ?? env.HOST ?? DEFAULT_HOST;
  if (host.trim() === '')
    throw new UsageError(`Invalid host "${host}": pass an address such as --host 127.0.0.1.`);

  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new UsageError(
      `Invalid LOG_LEVEL "${logLevel}": expected one of ${LOG_LEVELS.join(', ')}.`,
    );
  }
  return { port, host, logLevel, help };
}
