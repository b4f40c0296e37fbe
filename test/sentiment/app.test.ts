import { readFileSync } from 'node:fs';

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadFaults } from '../../systems-under-test/shared/faults.ts';
import { buildApp } from '../../systems-under-test/sentiment/src/app.ts';
import {
  NO_FAULTS,
  SENTIMENT_FAULT_CATALOGUE,
} from '../../systems-under-test/sentiment/src/faults.ts';

const faultsOn = (id: string) =>
  loadFaults('sentiment', SENTIMENT_FAULT_CATALOGUE, { NOVA_FAULTS: id });

describe('sentiment app', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp({ faults: NO_FAULTS });
  });

  afterAll(async () => {
    await app.close();
  });

  it('analyzes one text', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/sentiment',
      payload: { text: 'so happy' },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ label: 'positive', score: 3.879 });
  });

  it('keeps batch order', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/sentiment',
      payload: { texts: ['bad', 'fine', 'okay then'] },
    });

    const body = response.json<{ results: { label: string }[]; count: number }>();
    expect(body.count).toBe(3);
    expect(body.results.map((result) => result.label)).toEqual(['negative', 'positive', 'neutral']);
  });

  it('names the offset of a bad UTF-8 byte', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/sentiment',
      headers: { 'content-type': 'application/json' },
      payload: Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'INVALID_UTF8',
      message: expect.stringContaining('byte 0xE9 at offset 12') as unknown,
    });
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/sentiment',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"text":"good"}')]),
    });

    expect(response.statusCode).toBe(200);
  });

  it('rejects a missing content type', async () => {
    const response = await app.inject({ method: 'POST', url: '/sentiment', payload: 'text=good' });

    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('rejects a POST without body', async () => {
    const response = await app.inject({ method: 'POST', url: '/sentiment' });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ field: '/', rule: 'required' }],
    });
  });

  it('gives 405 with Allow on the page', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/' });

    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('serves the page without fault meta', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });

    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('nova-faults');
  });
});

describe('sentiment app faults', () => {
  it('guards every catalogued fault in the source', () => {
    const sources = [
      'src/model/analyzer.ts',
      'src/request-validation.ts',
      'src/routes/sentiment.ts',
      'src/routes/page.ts',
      'public/app.js',
    ].map((path) =>
      readFileSync(new URL(`../../systems-under-test/sentiment/${path}`, import.meta.url), 'utf8'),
    );

    for (const fault of SENTIMENT_FAULT_CATALOGUE) {
      const marked = sources.some((source) => source.includes(`Seeded fault ${fault.id}:`));
      expect(marked, `"// Seeded fault ${fault.id}:" comment`).toBe(true);
    }
  });

  it('renames the batch field', async () => {
    const app = await buildApp({ faults: faultsOn('sentiment.batch-field-renamed') });

    const response = await app.inject({
      method: 'POST',
      url: '/sentiment',
      payload: { texts: ['good'] },
    });

    expect(Object.keys(response.json<object>())).toEqual(['sentiments', 'count']);
    await app.close();
  });

  it('accepts empty text', async () => {
    const app = await buildApp({ faults: faultsOn('sentiment.empty-text-accepted') });

    const response = await app.inject({ method: 'POST', url: '/sentiment', payload: { text: '' } });

    expect(response.statusCode).toBe(200);
    await app.close();
  });

  it('crashes on a ZWJ emoji', async () => {
    const app = await buildApp({ faults: faultsOn('sentiment.zwj-emoji-crash') });

    const response = await app.inject({
      method: 'POST',
      url: '/sentiment',
      payload: { text: '👨‍👩‍👧' },
    });

    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'INTERNAL_ERROR' });
    await app.close();
  });

  it('marks the page for the label fault', async () => {
    const app = await buildApp({ faults: faultsOn('sentiment.page-label-hidden') });

    const response = await app.inject({ method: 'GET', url: '/' });

    expect(response.body).toContain(
      '<meta name="nova-faults" content="sentiment.page-label-hidden" />',
    );
    await app.close();
  });
});
