import fc from 'fast-check';

import { expect, test } from '../../fixtures.ts';
import { errorSchema, healthSchema } from './contract.ts';
import { UPLOAD_PATHS, hostileRequestFor } from './bad-input-arbitraries.ts';

/**
 * A sample of generated hostile requests over real HTTP; the unit property test in
 * test/vision sends 1,000 per endpoint in-process. The seed is fixed so that a failure replays.
 */
const RUNS_PER_ENDPOINT = 40;

test.describe('generated bad input over HTTP', () => {
  for (const [index, path] of UPLOAD_PATHS.entries()) {
    test(
      `POST ${path}: ${RUNS_PER_ENDPOINT} hostile requests, no 5xx`,
      { tag: '@VISION-020' },
      async ({ visionApi }) => {
        await fc.assert(
          fc.asyncProperty(hostileRequestFor(path), async (request) => {
            const response = await visionApi
              .post(path)
              .query(request.query)
              .set('content-type', request.contentType ?? '')
              .send(request.body);

            expect(response.status).toBeLessThan(500);
            if (response.status >= 400) expect(response.body).toMatchSchema(errorSchema);
          }),
          { numRuns: RUNS_PER_ENDPOINT, seed: 20261204 + index },
        );

        const health = await visionApi.get('/health');
        expect(health.body).toMatchSchema(healthSchema);
      },
    );
  }
});
