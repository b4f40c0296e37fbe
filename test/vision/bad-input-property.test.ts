/**
 * The property that the service never fails on untrusted input: 1,000 generated hostile
 * requests per upload endpoint (random bytes, mutated and truncated images, forged headers,
 * wrong content types, random query strings) each get a 2xx or a 4xx with an error body,
 * never a 5xx, and the app still answers /health afterwards. The seed is fixed so that a
 * failure replays; fast-check prints the shrunk counterexample.
 */
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { UPLOAD_PATHS, hostileRequestFor } from '../../specs/api/vision/bad-input-arbitraries.ts';
import { buildTestApp } from './test-app.ts';

const RUNS_PER_ENDPOINT = 1_000;

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('1,000 generated bad inputs per endpoint', () => {
  for (const [index, path] of UPLOAD_PATHS.entries()) {
    it(`POST ${path} answers each with 2xx or 4xx, never 5xx`, { timeout: 240_000 }, async () => {
      const statuses = new Map<number, number>();

      await fc.assert(
        fc.asyncProperty(hostileRequestFor(path), async (request) => {
          const response = await app.inject({
            method: 'POST',
            url: path,
            query: request.query,
            headers:
              request.contentType === undefined ? {} : { 'content-type': request.contentType },
            payload: request.body,
          });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);

          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode >= 400) {
            const body = response.json<{ code: string; message: string }>();
            expect(body.code).toMatch(/^[A-Z_]+$/);
            expect(body.message.length).toBeGreaterThan(20);
          }
        }),
        { numRuns: RUNS_PER_ENDPOINT, seed: 4_120_000 + index },
      );

      const total = [...statuses.values()].reduce((sum, count) => sum + count, 0);
      expect(total).toBe(RUNS_PER_ENDPOINT);
      // The generators reach every stage: refusals for the header, the query, the size and the
      // pixels, and damaged files that still decode and are processed.
      expect([...statuses.keys()].sort()).toEqual(
        expect.arrayContaining([200, 400, 413, 415, 422]),
      );
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    });
  }
});
