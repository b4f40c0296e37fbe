/**
 * Starts the source service: npm run sut:pipeline-source -- [--port N] [--host H]
 * [--rate-limit N] [--rate-window-ms MS] [--fail-every N] [--seed FILE].
 * Prints one line `listening on <url>` when ready.
 */
import { parseArgs } from 'node:util';

import { readSeed, DEFAULT_SEED_FILE } from './seed.ts';
import { buildSourceApp } from './source-app.ts';
import { integerOption } from '../options.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3103' },
    host: { type: 'string', default: '127.0.0.1' },
    'rate-limit': { type: 'string', default: '0' },
    'rate-window-ms': { type: 'string', default: '1000' },
    'fail-every': { type: 'string', default: '7' },
    seed: { type: 'string' },
  },
});

try {
  const app = buildSourceApp({
    seed: readSeed(values.seed ?? DEFAULT_SEED_FILE),
    rateLimit: integerOption('--rate-limit', values['rate-limit'], 0, 100_000),
    rateWindowMs: integerOption('--rate-window-ms', values['rate-window-ms'], 1, 3_600_000),
    failEvery: integerOption('--fail-every', values['fail-every'], 0, 1_000_000),
  });
  const address = await app.listen({
    port: integerOption('--port', values.port, 0, 65_535),
    host: values.host,
  });
  process.stdout.write(`listening on ${address}\n`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  process.stderr.write(`Error: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
