/**
 * Starts the Iris API: npm run sut:iris -- [--port N] [--host HOST] [--artifacts DIR].
 * Exit codes: 0 after a graceful shutdown, 2 for an invalid option or environment value,
 * 1 when the model cannot be loaded or the port cannot be bound.
 *
 * Messages before the logger exists go to stderr directly, because the lint rules forbid
 * console output in src/ outside *-cli.ts files.
 */
import type { FastifyInstance } from 'fastify';

import { buildApp } from './app.ts';
import { UsageError } from './cli-args.ts';
import { loadIrisFaults } from './faults.ts';
import type { Faults } from './faults.ts';
import { SERVER_HELP, parseServerOptions } from './server-options.ts';
import type { ServerOptions } from './server-options.ts';

/** Time allowed for in-flight requests to finish after SIGINT or SIGTERM. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

function printError(message: string): void {
  process.stderr.write(`Error: ${message}\n`);
}

/** Describes a listen failure in terms of what the user can change. */
function describeListenError(error: NodeJS.ErrnoException, options: ServerOptions): string {
  const address = `${options.host}:${options.port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return (
        `Port ${options.port} on ${options.host} is already in use. ` +
        'Stop the other process, or pass --port N or set PORT to a free port (0 picks one).'
      );
    case 'EACCES':
      return `Permission denied to listen on ${address}. Pass --port with a port above 1023 or set PORT.`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `Host "${options.host}" is not an address of this machine. Pass --host 127.0.0.1 or set HOST.`;
    default:
      return `Cannot listen on ${address}: ${error.message}.`;
  }
}

function installShutdownHandlers(app: FastifyInstance): void {
  let closing = false;

  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) {
      app.log.warn({ signal }, 'Second shutdown signal received, exiting without waiting');
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'Shutdown signal received, closing the server');

    const forceExit = setTimeout(() => {
      app.log.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'Graceful shutdown timed out, exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    forceExit.unref();

    app.close().then(
      () => {
        app.log.info('Server closed');
        process.exitCode = 0;
      },
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
  try {
    options = parseServerOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) {
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

  // NOVA_FAULTS switches seeded faults on for test runs; an unknown id or production mode is
  // a configuration error, like an invalid option.
  let faults: Faults;
  try {
    faults = loadIrisFaults(process.env);
  } catch (error) {
    printError(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
    return;
  }
  if (faults.active.length > 0) {
    process.stderr.write(`iris: seeded faults on: ${faults.active.join(', ')}\n`);
  }

  let app: FastifyInstance;
  try {
    app = await buildApp({
      artifactsDir: options.artifactsDir,
      trainIfMissing: true,
      logger: { level: options.logLevel },
      faults,
    });
  } catch (error) {
    printError(
      `Cannot start the Iris API: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
    return;
  }

  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    // The friendly message goes to stderr only. The log line keeps the error code for log
    // search but not the stack, which points into Node's net module and adds nothing.
    const listenError = error as NodeJS.ErrnoException;
    app.log.error(
      { code: listenError.code, port: options.port, host: options.host },
      `Cannot listen on ${options.host}:${options.port}`,
    );
    printError(describeListenError(listenError, options));
    await app.close();
    process.exitCode = 1;
    return;
  }

  installShutdownHandlers(app);
}

await start();
