/**
 * A source service of the test's own, on a free port, so that its request
 * counters and rate-limit windows belong to one test.
 */
import type { FastifyInstance } from 'fastify';

import { readSeed } from '../../../../systems-under-test/pipeline/src/source/seed.ts';
import {
  buildSourceApp,
  type SourceOptions,
} from '../../../../systems-under-test/pipeline/src/source/source-app.ts';

export interface SourceServer {
  url: string;
  close(): Promise<void>;
}

export async function startSource(
  options: Partial<Omit<SourceOptions, 'seed'>> = {},
): Promise<SourceServer> {
  const app: FastifyInstance = buildSourceApp({
    seed: readSeed(),
    rateLimit: 0,
    rateWindowMs: 1000,
    failEvery: 0,
    ...options,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}
