/**
 * Starts the vision service: npm run sut:vision -- [--port N] [--host HOST].
 * Exit codes: 0 after a graceful shutdown, 2 for an invalid option, 1 when OpenCV cannot load
 * or the port cannot be bound.
 */
import type { FastifyInstance } from 'fastify';

import { buildApp } from './app.ts';
import { SERVER_HELP, UsageError, parseServerOptions } from './server-options.ts';
import type { ServerOptions } from './server-options.ts';

/** Time allowed for requests in flight to finish after SIGINT or SIGTERM. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

function printError(message: string): void {
  process.stderr.write(`Error: ${message}\n`);
}

function installShutdownHandlers(app: FastifyInstance): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    app.log.info({ signal }, 'Shutdown signal received, closing the server');
    const forceExit = setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS);
    forceExit.unref();
    app.close().then(
      () => {
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
    if (!(error instanceof UsageError)) throw error;
    printError(error.message);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(`${SERVER_HELP}\n`);
    return;
  }

  let app: FastifyInstance;
  try {
    app = await buildApp({ logger: { level: options.logLevel } });
  } catch (error) {
    printError(
      `Cannot start the vision service: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = error instanceof Error && error.name === 'FaultConfigError' ? 2 : 1;
    return;
  }

  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    printError(
      code === 'EADDRINUSE'
        ? `Port ${options.port} on ${options.host} is already in use. Pass --port N or set PORT to a free port (0 picks one).`
        : `Cannot listen on ${options.host}:${options.port}: ${error instanceof Error ? error.message : String(error)}.`,
    );
    await app.close();
    process.exitCode = 1;
    return;
  }
  installShutdownHandlers(app);
}

await start();
