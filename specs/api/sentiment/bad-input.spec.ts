import type { Test } from 'supertest';

import { expect, test } from '../../fixtures.ts';
import {
  analysisSchema,
  errorSchema,
  healthSchema,
  MAX_BATCH_SIZE,
  MAX_TEXT_LENGTH,
} from './contract.ts';
import type { Analysis, ErrorResponse } from './contract.ts';

interface BadInputCase {
  name: string;
  /** A value is sent as JSON; a string or Buffer is sent as it is, to build malformed bodies. */
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** JSON pointer of the offending value and the rule it breaks; absent for non-validation errors. */
  field?: string;
  rule?: string;
  tag: string;
}

/** Sends a string or bytes as they are: superagent would turn a Buffer into JSON under a JSON content type. */
function sendRaw(request: Test, payload: string | Buffer): Test {
  if (typeof payload === 'string') return request.send(payload);
  return request.serialize(() => payload as unknown as string).send(payload as unknown as string);
}

const texts = (count: number) =>
  Array.from({ length: count }, (_, index) => `text ${index} is fine`);

// One row per case, kept on one line each so the table reads as a table.
// prettier-ignore
const CASES: BadInputCase[] = [
  { name: 'empty text', body: { text: '' }, status: 400, code: 'VALIDATION_ERROR', field: '/text', rule: 'notBlank', tag: '@SENTIMENT-012' },
  { name: 'whitespace text', body: { text: ' \t\n\u00A0' }, status: 400, code: 'VALIDATION_ERROR', field: '/text', rule: 'notBlank', tag: '@SENTIMENT-012' },
  { name: 'zero-width text', body: { text: '\u200B\u200D' }, status: 400, code: 'VALIDATION_ERROR', field: '/text', rule: 'notBlank', tag: '@SENTIMENT-012' },
  { name: 'blank text in batch', body: { texts: ['good', 'bad', '   '] }, status: 400, code: 'VALIDATION_ERROR', field: '/texts/2', rule: 'notBlank', tag: '@SENTIMENT-012' },
  { name: 'text over the limit', body: { text: 'a'.repeat(MAX_TEXT_LENGTH + 1) }, status: 400, code: 'VALIDATION_ERROR', field: '/text', rule: 'maxLength', tag: '@SENTIMENT-013' },
  { name: 'emoji text over the limit', body: { text: '😀'.repeat(MAX_TEXT_LENGTH + 1) }, status: 400, code: 'VALIDATION_ERROR', field: '/text', rule: 'maxLength', tag: '@SENTIMENT-013' },
  { name: 'long text in batch', body: { texts: ['ok', 'b'.repeat(MAX_TEXT_LENGTH + 1)] }, status: 400, code: 'VALIDATION_ERROR', field: '/texts/1', rule: 'maxLength', tag: '@SENTIMENT-013' },
  { name: 'empty batch', body: { texts: [] }, status: 400, code: 'VALIDATION_ERROR', field: '/texts', rule: 'minItems', tag: '@SENTIMENT-014' },
  { name: 'oversize batch', body: { texts: texts(MAX_BATCH_SIZE + 1) }, status: 400, code: 'VALIDATION_ERROR', field: '/texts', rule: 'maxItems', tag: '@SENTIMENT-014' },
  { name: 'non-UTF-8 bytes', body: Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0x63, 0x61, 0x66, 0xe9, 0x22, 0x7d]), status: 400, code: 'INVALID_UTF8', tag: '@SENTIMENT-015' },
  { name: 'overlong UTF-8', body: Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), status: 400, code: 'INVALID_UTF8', tag: '@SENTIMENT-015' },
  { name: 'lone surrogate', body: '{"text":"good \\ud83d day"}', status: 400, code: 'VALIDATION_ERROR', field: '/text', rule: 'wellFormed', tag: '@SENTIMENT-015' },
  { name: 'text as number', body: { text: 42 }, status: 400, code: 'VALIDATION_ERROR', field: '/text', rule: 'type', tag: '@SENTIMENT-016' },
  { name: 'text as null', body: { text: null }, status: 400, code: 'VALIDATION_ERROR', field: '/text', rule: 'type', tag: '@SENTIMENT-016' },
  { name: 'number in batch', body: { texts: ['good', 7] }, status: 400, code: 'VALIDATION_ERROR', field: '/texts/1', rule: 'type', tag: '@SENTIMENT-016' },
  { name: 'texts as string', body: { texts: 'good' }, status: 400, code: 'VALIDATION_ERROR', field: '/texts', rule: 'type', tag: '@SENTIMENT-016' },
  { name: 'missing text', body: {}, status: 400, code: 'VALIDATION_ERROR', field: '/text', rule: 'required', tag: '@SENTIMENT-016' },
  { name: 'text and texts', body: { text: 'good', texts: ['bad'] }, status: 400, code: 'VALIDATION_ERROR', field: '/', rule: 'oneOf', tag: '@SENTIMENT-016' },
  { name: 'extra field', body: { text: 'good', language: 'en' }, status: 400, code: 'VALIDATION_ERROR', field: '/language', rule: 'additionalProperties', tag: '@SENTIMENT-016' },
  { name: 'array body', body: '["good"]', status: 400, code: 'VALIDATION_ERROR', field: '/', rule: 'type', tag: '@SENTIMENT-016' },
  { name: 'null body', body: 'null', status: 400, code: 'VALIDATION_ERROR', field: '/', rule: 'type', tag: '@SENTIMENT-016' },
  { name: 'malformed JSON', body: '{"text": "good"', status: 400, code: 'INVALID_JSON', tag: '@SENTIMENT-016' },
  { name: 'empty body', body: '', status: 400, code: 'EMPTY_BODY', tag: '@SENTIMENT-016' },
  { name: 'plain text body', body: 'I love it', contentType: 'text/plain', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', tag: '@SENTIMENT-017' },
  { name: 'Latin-1 charset', body: '{"text":"good"}', contentType: 'application/json; charset=iso-8859-1', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', tag: '@SENTIMENT-017' },
  { name: 'gzip encoding', body: '{"text":"good"}', headers: { 'content-encoding': 'gzip' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', tag: '@SENTIMENT-017' },
  { name: 'body over 3 MiB', body: JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) }), status: 413, code: 'PAYLOAD_TOO_LARGE', tag: '@SENTIMENT-017' },
];

test.describe('POST /sentiment rejects bad input', () => {
  for (const badInput of CASES) {
    test(
      `${badInput.name} gives ${badInput.status} ${badInput.code}`,
      { tag: badInput.tag },
      async ({ sentimentApi }) => {
        const request = sentimentApi
          .post('/sentiment')
          .set('content-type', badInput.contentType ?? 'application/json')
          .set(badInput.headers ?? {});
        const body = badInput.body;
        const payload =
          typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);

        const response = await sendRaw(request, payload);

        expect(response.status).toBe(badInput.status);
        expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(response.body).toMatchSchema(errorSchema);
        const error = response.body as ErrorResponse;
        expect(error.code).toBe(badInput.code);

        if (badInput.field !== undefined) {
          expect(error.details[0]).toMatchObject({ field: badInput.field, rule: badInput.rule });
          // The message names the field and the rule, so a reader needs no second look at details.
          const subject = badInput.field === '/' ? 'Request body ' : `field ${badInput.field} `;
          expect(error.message).toContain(subject);
          expect(error.message).toContain(`"${badInput.rule}"`);
        }
      },
    );
  }

  test(
    'text of exactly the limit is accepted',
    { tag: '@SENTIMENT-013' },
    async ({ sentimentApi }) => {
      // 2,000 code points, 4,000 UTF-16 units: the limit counts characters, not units.
      const response = await sentimentApi
        .post('/sentiment')
        .send({ text: '😀'.repeat(MAX_TEXT_LENGTH) });

      expect(response.status).toBe(200);
      expect(response.body).toMatchSchema(analysisSchema);
      expect((response.body as Analysis).tokenCount).toBe(MAX_TEXT_LENGTH);
    },
  );

  test('limit error names the length', { tag: '@SENTIMENT-013' }, async ({ sentimentApi }) => {
    const response = await sentimentApi.post('/sentiment').send({ text: 'a'.repeat(2345) });

    expect(response.status).toBe(400);
    expect((response.body as ErrorResponse).message).toContain('2,345 characters');
    expect((response.body as ErrorResponse).message).toContain('2,000');
  });

  test('every problem is listed', { tag: '@SENTIMENT-016' }, async ({ sentimentApi }) => {
    const response = await sentimentApi.post('/sentiment').send({ texts: ['', 5, 'fine', ' '] });

    expect(response.status).toBe(400);
    const body = response.body as ErrorResponse;
    expect(body.details.map((detail) => [detail.field, detail.rule])).toEqual([
      ['/texts/0', 'notBlank'],
      ['/texts/1', 'type'],
      ['/texts/3', 'notBlank'],
    ]);
    expect(body.message).toContain('2 more problems');
  });

  test(
    'service stays healthy after bad input',
    { tag: '@SENTIMENT-020' },
    async ({ sentimentApi }) => {
      await sendRaw(
        sentimentApi.post('/sentiment').set('content-type', 'application/json'),
        Buffer.from([0xff, 0xfe, 0x00]),
      );
      await sentimentApi
        .post('/sentiment')
        .set('content-type', 'application/json')
        .send('{"text":');

      const health = await sentimentApi.get('/health');

      expect(health.status).toBe(200);
      expect(health.body).toMatchSchema(healthSchema);
    },
  );
});
