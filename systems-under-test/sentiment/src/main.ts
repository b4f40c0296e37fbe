/**
 * Starts the sentiment app: npm run sut:sentiment -- [--port N] [--host HOST].
 * Exit codes: 0 after a graceful shutdown, 2 for an invalid option, environment value or
 * NOVA_FAULTS entry, 1 when the port cannot be bound.
 *
 * Messages before the logger exists go to stderr directly, because the lint rules forbid
 * console output in src/ outside *-cli.ts files.
 */
import type { FastifyInstance } from 'fastify';

import { FaultConfigError } from '../../shared/faults.ts';
import { buildApp } from './app.ts';
import { loadSentimentFaults } from './faults.ts';
import type { Faults } from './faults.ts';
import { parseServerOptions, SERVER_HELP, UsageError } from './server-options.ts';
import type { ServerOptions } from './server-options.ts';

/** Time allowed for in-flight requests to finish after SIGINT or SIGTERM. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

function printError(message: string): void {
  process.stderr.write(`Error: ${message}\n`);
}

function installShutdownHandlers(app: FastifyInstance): void {
  const shutdown = (signal: NodeJS.Signals): void => {
    app.log.info({ signal }, 'Shutdown signal received, closing the server');
    const forceExit = setTimeout(() => {
      app.log.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'Graceful shutdown timed out, exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    forceExit.unref();

    app.close().then(
      () => app.log.info('Server closed'),
      (error: unknown) => {
        app.log.error({ err: error }, 'Closing the server failed');
        process.exitCode = 1;
      },
    );
  };

  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function start(): Promise<void> {
  let options: ServerOptions;
  let faults: Faults;
  try {
    options = parseServerOptions(process.argv.slice(2), process.env);
    faults = loadSentimentFaults(process.env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof FaultConfigError) {
      printError(error.message);
      process.exitCode = 2;
      return;
    }
    throw error;
  }

  if (options.help) {
    process.stdout.write(`${SERVER_HELP}\n`);
    return;
  }

  const app = await buildApp({ faults, logger: { level: options.logLevel } });
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    const listenError = error as NodeJS.ErrnoException;
    app.log.error(
      { code: listenError.code, port: options.port, host: options.host },
      'Cannot listen',
    );
    printError(
      listenError.code === 'EADDRINUSE'
        ? `Port ${options.port} on ${options.host} is already in use. Pass --port N or set PORT to a free port (0 picks one).`
        : `Cannot listen on ${options.host}:${options.port}: ${listenError.message}.`,
    );
    await app.close();
    process.exitCode = 1;
    return;
  }

  installShutdownHandlers(app);
}

await start();
