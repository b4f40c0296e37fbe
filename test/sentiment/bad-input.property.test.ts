/**
 * Sends 1,000 generated bad inputs per endpoint over HTTP to the sentiment app, which runs as
 * its own process. No response may be a 5xx, and every 4xx must be the documented JSON error.
 * Afterwards the process must still run, return 200 on /health and have logged no error.
 */
import { Agent, request } from 'node:http';
import { connect } from 'node:net';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSentimentProcess } from './sentiment-process.ts';
import type { SentimentProcess } from './sentiment-process.ts';

const RUNS_PER_ENDPOINT = 1000;

interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

interface RawResponse {
  status: number;
  contentType: string | undefined;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/**
 * Sends one well-formed HTTP request. A body always gets its Content-Length, because Node's
 * client sends a DELETE or OPTIONS body without one, which the server must read as the start of
 * the next request.
 */
function send(baseURL: string, raw: RawRequest): Promise<RawResponse> {
  const headers =
    raw.body === undefined
      ? raw.headers
      : { ...raw.headers, 'content-length': String(raw.body.length) };
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${baseURL}${raw.path}`,
      { method: raw.method, headers, agent },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            contentType: incoming.headers['content-type'],
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(raw.body === undefined ? undefined : Buffer.from(raw.body));
  });
}

/** Printable ASCII, which Node accepts in header values and in a request path. */
const printable = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 40,
});

const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/JSON',
  ),
  printable,
);

/** Texts that break a rule, or look odd: blank, invisible, lone surrogates, huge, not strings. */
const badText = fc.oneof(
  fc.constantFrom('', ' ', '\t\n', '\u200B', '\uFEFF', '\u0000', 'a\uD800', '\uDC00b'),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({
    unit: fc.constantFrom('😀', '\u200D', '\uFE0F', '🏽', 'é', '\u0301', ' '),
    maxLength: 30,
  }),
  fc.constant('x'.repeat(2001)),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** Texts that are valid but odd: emoji sequences, joiners, modifiers, flags, combining marks. */
const oddText = fc.string({
  unit: fc.constantFrom(
    '😀',
    '👨',
    '👩',
    '\u200D',
    '🏽',
    '\uFE0F',
    '🇫',
    '🇷',
    'é',
    '\u0301',
    'not',
    'good',
    ' ',
    ',',
  ),
  minLength: 1,
  maxLength: 20,
});

/** Bodies of POST /sentiment: broken bytes, JSON of the wrong shape, objects with bad texts. */
const sentimentBody = fc.oneof(
  fc.record({ text: oddText }).map((value) => new TextEncoder().encode(JSON.stringify(value))),
  fc.uint8Array({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => new TextEncoder().encode(JSON.stringify(value))),
  fc
    .record({ text: badText }, { requiredKeys: [] })
    .map((value) => new TextEncoder().encode(JSON.stringify(value))),
  fc
    .record({
      texts: fc.oneof(
        fc.array(badText, { maxLength: 5 }),
        badText,
        fc.constant(Array(101).fill('ok')),
      ),
    })
    .map((value) => new TextEncoder().encode(JSON.stringify(value))),
  fc
    .tuple(fc.string({ maxLength: 10 }), badText, fc.string({ maxLength: 10 }))
    .map(([key, value, text]) => new TextEncoder().encode(JSON.stringify({ text, [key]: value }))),
  fc.string({ unit: 'binary', maxLength: 60 }).map((text) => new TextEncoder().encode(text)),
);

// Most requests are POSTs with a JSON content type, so that the bodies reach the validator and
// the model. The other methods and headers test the layers in front of them.
const postSentiment = fc
  .record({
    body: fc.option(sentimentBody, { freq: 10, nil: undefined }),
    contentType: fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 8 },
      { arbitrary: fc.constant(undefined), weight: 1 },
      { arbitrary: contentType, weight: 1 },
    ),
    contentEncoding: fc.option(fc.constantFrom('gzip', 'identity', 'br', 'x'), {
      freq: 10,
      nil: undefined,
    }),
    method: fc.oneof(
      { arbitrary: fc.constant('POST'), weight: 8 },
      { arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'), weight: 1 },
    ),
    query: fc.option(printable, { freq: 10, nil: undefined }),
  })
  .map(({ body, contentType, contentEncoding, method, query }): RawRequest => {
    const headers: Record<string, string> = {};
    if (contentType !== undefined) headers['content-type'] = contentType;
    if (contentEncoding !== undefined) headers['content-encoding'] = contentEncoding;
    return { method, path: `/sentiment${query === undefined ? '' : `?${query}`}`, headers, body };
  });

/** Requests to a GET endpoint: other methods, odd queries and headers, bodies it does not expect. */
function getEndpoint(path: string): fc.Arbitrary<RawRequest> {
  return fc
    .record({
      method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
      query: fc.option(printable, { nil: undefined }),
      accept: fc.option(printable, { nil: undefined }),
      contentType: fc.option(contentType, { nil: undefined }),
      body: fc.option(fc.uint8Array({ maxLength: 100 }), { nil: undefined }),
    })
    .map(({ method, query, accept, contentType, body }): RawRequest => {
      const headers: Record<string, string> = {};
      if (accept !== undefined) headers.accept = accept;
      if (contentType !== undefined) headers['content-type'] = contentType;
      return { method, path: `${path}${query === undefined ? '' : `?${query}`}`, headers, body };
    });
}

/** Checks one response: never 5xx, and a 4xx is the documented JSON error of that status. */
function checkResponse(raw: RawRequest, response: RawResponse): void {
  const context = `${raw.method} ${raw.path} -> ${response.status} ${response.body.slice(0, 300)}`;
  expect(response.status, context).toBeLessThan(500);

  if (response.status >= 400 && raw.method !== 'HEAD') {
    expect(response.contentType, context).toBe('application/json; charset=utf-8');
    const error = JSON.parse(response.body) as {
      statusCode: unknown;
      code: unknown;
      message: unknown;
    };
    expect(error.statusCode, context).toBe(response.status);
    expect(error.code, context).toMatch(/^[A-Z0-9_]+$/);
    expect(typeof error.message, context).toBe('string');
  }
}

describe('sentiment app under generated bad input', () => {
  let app: SentimentProcess;

  beforeAll(async () => {
    app = await startSentimentProcess();
  });

  afterAll(async () => {
    agent.destroy();
    await app?.stop();
  });

  const endpoints: [string, fc.Arbitrary<RawRequest>][] = [
    ['POST /sentiment', postSentiment],
    ['GET /health', getEndpoint('/health')],
    ['GET /', getEndpoint('/')],
  ];

  for (const [name, requests] of endpoints) {
    it(`${name}: 1,000 inputs give no 5xx`, { timeout: 120_000 }, async () => {
      let rejected = 0;

      await fc.assert(
        fc.asyncProperty(requests, async (raw) => {
          const response = await send(app.baseURL, raw);
          checkResponse(raw, response);
          if (response.status >= 400) rejected += 1;
        }),
        { numRuns: RUNS_PER_ENDPOINT },
      );

      // Most generated requests must really be bad, or the property would test little.
      expect(rejected).toBeGreaterThan(RUNS_PER_ENDPOINT / 2);
      expect(app.child.exitCode).toBeNull();
    });
  }

  it('malformed HTTP gets a JSON 400', async () => {
    const { port } = new URL(app.baseURL);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /sentiment HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n',
        );
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });

    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(reply).toContain('Connection: close');
    expect(JSON.parse(reply.split('\r\n\r\n')[1]!)).toMatchObject({
      statusCode: 400,
      code: 'BAD_REQUEST',
    });
  });

  it('process survives and logged no error', async () => {
    const health = await send(app.baseURL, { method: 'GET', path: '/health', headers: {} });

    expect(health.status).toBe(200);
    expect(app.child.exitCode).toBeNull();
    expect(app.errorLines).toEqual([]);
  });
});
