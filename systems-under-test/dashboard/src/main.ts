/**
 * Starts the data dashboard: npm run sut:dashboard -- [--port N] [--host HOST].
 * Exit codes: 0 after a graceful shutdown, 2 for an invalid option, 1 when the port cannot be bound.
 */
import { parseArgs } from 'node:util';

import { buildApp } from './app.ts';

export const DEFAULT_PORT = 3104;

const HELP = `Usage: npm run sut:dashboard -- [--port N] [--host HOST]

Starts the data dashboard on its seeded data set.

Options:
  --port N      TCP port from 0 to 65535; 0 picks a free one (env PORT, default ${DEFAULT_PORT}).
  --host HOST   Address to listen on (env HOST, default 127.0.0.1).
  --help        Print this help.`;

function fail(message: string, code: number): void {
  process.stderr.write(`Error: ${message}\n`);
  process.exitCode = code;
}

async function start(): Promise<void> {
  let values: { port?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    fail(`${(error as Error).message}. Run with --help for the options.`, 2);
    return;
  }
  if (values.help === true) {
    process.stdout.write(`${HELP}\n`);
    return;
  }

  const portText = values.port ?? process.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) {
    fail(`Invalid port "${portText}": pass --port with a whole number from 0 to 65535.`, 2);
    return;
  }
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';

  const app = await buildApp({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  try {
    await app.listen({ port, host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(
      code === 'EADDRINUSE'
        ? `Port ${port} on ${host} is already in use: pass --port with a free port (0 picks one).`
        : `Cannot listen on ${host}:${port}: ${(error as Error).message}.`,
      1,
    );
    await app.close();
    return;
  }

  const shutdown = (): void => {
    app.close().then(
      () => (process.exitCode = 0),
      () => (process.exitCode = 1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

await start();
