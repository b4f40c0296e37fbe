import { expect, test } from '../../fixtures.ts';
import { errorSchema } from './contract.ts';

interface BadRequestCase {
  name: string;
  method: 'get' | 'post';
  path: string;
  body?: unknown;
  status: number;
  code: string;
  /** A fragment the message must contain: the rejected value or the fix. */
  mentions: string;
}

// prettier-ignore
const CASES: BadRequestCase[] = [
  { name: 'unknown job', method: 'post', path: '/jobs/nightly/runs', status: 404, code: 'UNKNOWN_JOB', mentions: '"nightly"' },
  { name: 'continuous job', method: 'post', path: '/jobs/sensor-stream/runs', status: 409, code: 'NOT_TRIGGERABLE', mentions: 'runs continuously' },
  { name: 'trigger with a body', method: 'post', path: '/jobs/scraper/runs', body: { force: true }, status: 400, code: 'UNEXPECTED_BODY', mentions: 'takes no body' },
  { name: 'trigger with a bad wait', method: 'post', path: '/jobs/scraper/runs?wait=yes', status: 400, code: 'INVALID_QUERY', mentions: 'wait=true|false' },
  { name: 'runs limit zero', method: 'get', path: '/runs?limit=0', status: 400, code: 'INVALID_LIMIT', mentions: 'received "0"' },
  { name: 'runs limit text', method: 'get', path: '/runs?limit=ten', status: 400, code: 'INVALID_LIMIT', mentions: 'received "ten"' },
  { name: 'runs of unknown job', method: 'get', path: '/runs?job=nightly', status: 400, code: 'UNKNOWN_JOB', mentions: '"nightly"' },
  { name: 'malformed run id', method: 'get', path: '/runs/42', status: 400, code: 'INVALID_RUN_ID', mentions: 'received "42"' },
  { name: 'unknown run id', method: 'get', path: '/runs/00000000-0000-4000-8000-000000000000', status: 404, code: 'RUN_NOT_FOUND', mentions: 'GET /runs' },
  { name: 'unknown quarantine source', method: 'get', path: '/quarantine?source=ftp', status: 400, code: 'UNKNOWN_SOURCE', mentions: 'received "ftp"' },
  { name: 'unknown analysis query', method: 'get', path: '/analysis/top-secret', status: 404, code: 'UNKNOWN_QUERY', mentions: 'warmest-hours' },
  { name: 'analysis n too large', method: 'get', path: '/analysis/warmest-hours?n=500', status: 400, code: 'INVALID_PARAMETER', mentions: 'received "500"' },
  { name: 'analysis bad station', method: 'get', path: '/analysis/warmest-hours?station=oslo', status: 400, code: 'INVALID_PARAMETER', mentions: 'received "oslo"' },
  { name: 'analysis unknown parameter', method: 'get', path: '/analysis/daily-precipitation?n=3', status: 400, code: 'INVALID_PARAMETER', mentions: 'no parameter "n"' },
  { name: 'unknown route', method: 'get', path: '/admin', status: 404, code: 'NOT_FOUND', mentions: 'GET /admin' },
];

test.describe('pipeline status API bad requests', () => {
  for (const badCase of CASES) {
    test(`${badCase.name} is rejected`, { tag: '@PIPELINE-057' }, async ({ pipelineApi }) => {
      const request =
        badCase.method === 'get' ? pipelineApi.get(badCase.path) : pipelineApi.post(badCase.path);
      const response =
        badCase.body === undefined ? await request : await request.send(badCase.body as object);

      expect(response.status).toBe(badCase.status);
      expect(response.body).toMatchSchema(errorSchema);
      const { error } = response.body as { error: { code: string; message: string } };
      expect(error.code).toBe(badCase.code);
      expect(error.message).toContain(badCase.mentions);
    });
  }
});
