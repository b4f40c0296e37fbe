import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiClient } from '../../framework/api/index.ts';

let server: Server;
let baseURL: string;

beforeAll(async () => {
  // Echoes the request body length, so that the test can check what was sent.
  server = createServer((request, response) => {
    let length = 0;
    request.on('data', (chunk: Buffer) => (length += chunk.length));
    request.on('end', () => {
      response.writeHead(request.url === '/missing' ? 404 : 200, {
        'content-type': 'application/json',
      });
      response.end(JSON.stringify({ method: request.method, length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('createApiClient', () => {
  it('records each exchange', async () => {
    const client = createApiClient(baseURL);

    await client.post('/predict').send({ sepalLength: 5.1 });
    await client.get('/missing');

    expect(client.exchanges).toHaveLength(2);
    expect(client.exchanges[0]).toMatchObject({
      method: 'POST',
      url: `${baseURL}/predict`,
      requestBody: '{"sepalLength":5.1}',
      status: 200,
      responseBody: '{"method":"POST","length":19}',
    });
    expect(client.exchanges[0]!.durationMs).toBeGreaterThan(0);
    expect(client.exchanges[1]).toMatchObject({ method: 'GET', status: 404 });
    expect(client.exchanges[1]!.requestBody).toBeUndefined();
  });

  it('cuts large bodies in the record only', async () => {
    const client = createApiClient(baseURL);
    const large = 'x'.repeat(100_000);

    const response = await client.post('/echo').set('content-type', 'text/plain').send(large);

    expect((response.body as { length: number }).length).toBe(100_000);
    expect(client.exchanges[0]!.requestBody).toHaveLength(4_000 + '… (100000 chars in all)'.length);
    expect(client.exchanges[0]!.requestBody!.endsWith('… (100000 chars in all)')).toBe(true);
  });

  it('rejects a path without a leading slash', () => {
    const client = createApiClient(baseURL);

    expect(() => client.get('health')).toThrow(
      `API path must start with "/", received "health". The base URL ${baseURL} comes from configuration.`,
    );
  });

  it('records a connection error', async () => {
    const client = createApiClient('http://127.0.0.1:1');

    await expect(client.get('/health')).rejects.toThrow(/ECONNREFUSED/);

    expect(client.exchanges[0]!.error).toMatch(/ECONNREFUSED/);
  });
});
