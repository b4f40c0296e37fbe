import type { ApiClient } from '../../../framework/api/index.ts';
import { expect, test } from '../../fixtures.ts';
import { errorSchema, sourcePageSchema } from './contract.ts';

interface ErrorBody {
  error: { code: string; message: string };
}

/** GETs a readings URL again after the 503 that the source sends on every seventh readings request. */
async function getReadings(api: ApiClient, query: Record<string, string | number>) {
  for (let attempt = 1; attempt < 5; attempt++) {
    const response = await api.get('/api/v1/readings').query(query);
    if (response.status !== 503) return response;
  }
  return api.get('/api/v1/readings').query(query);
}

test.describe('pipeline source service', () => {
  test(
    'cursor pages cover every record once',
    { tag: '@PIPELINE-060' },
    async ({ pipelineSourceApi }) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await getReadings(
          pipelineSourceApi,
          cursor === null ? { limit: 50 } : { limit: 50, cursor },
        );
        expect(response.status).toBe(200);
        expect(response.body).toMatchSchema(sourcePageSchema);
        const page = response.body as { data: { id: string }[]; next_cursor: string | null };
        ids.push(...page.data.map((record) => record.id));
        cursor = page.next_cursor;
        pages += 1;
      } while (cursor !== null && pages < 100);

      expect(pages).toBe(6);
      expect(ids).toHaveLength(251);
      // One record is repeated on purpose: a feed that shifts under its cursor does that.
      expect(new Set(ids).size).toBe(250);
    },
  );

  test(
    'bad cursor and limit are rejected',
    { tag: '@PIPELINE-061' },
    async ({ pipelineSourceApi }) => {
      const cursorResponse = await getReadings(pipelineSourceApi, { cursor: 'not-issued' });
      const limitResponse = await getReadings(pipelineSourceApi, { limit: 1000 });

      expect(cursorResponse.status).toBe(400);
      expect(cursorResponse.body).toMatchSchema(errorSchema);
      expect((cursorResponse.body as ErrorBody).error.code).toBe('INVALID_CURSOR');
      expect(limitResponse.status).toBe(400);
      expect((limitResponse.body as ErrorBody).error.message).toContain('received "1000"');
    },
  );

  test(
    'site pages link on to a broken page',
    { tag: '@PIPELINE-062' },
    async ({ pipelineSourceApi }) => {
      const first = await pipelineSourceApi.get('/site/stations?page=1');
      const last = await pipelineSourceApi.get('/site/stations?page=4');
      const broken = await pipelineSourceApi.get('/site/stations?page=5');

      expect(first.status).toBe(200);
      expect(first.text).toContain('<a rel="next" href="/site/stations?page=2">');
      expect(last.text).toContain('<a rel="next" href="/site/stations?page=5">');
      expect(broken.status).toBe(500);
    },
  );
});
