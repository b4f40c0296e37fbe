import { readFileSync } from 'node:fs';

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MAX_UPLOAD_BYTES } from '../../systems-under-test/vision/src/limits.ts';
import { FIXTURES, buildTestApp } from './test-app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const bomb = readFileSync(new URL('bad/bomb-20000x20000.png', FIXTURES));

describe('memory stays bounded', () => {
  it('refuses 20 decompression bombs without decoding them: memory grows by less than 100 MiB', async () => {
    // Each bomb would decode to 1.6 GB of RGBA pixels; decoding even one would show here.
    const before = process.memoryUsage().rss;

    for (let round = 0; round < 20; round++) {
      const response = await app.inject({
        method: 'POST',
        url: '/scan',
        headers: { 'content-type': 'image/png' },
        payload: bomb,
      });
      expect(response.statusCode).toBe(413);
    }

    const grownMiB = (process.memoryUsage().rss - before) / 1024 / 1024;
    expect(grownMiB).toBeLessThan(100);
  });

  it('refuses a body over the upload limit with 413 after reading it, without keeping it', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/images/grayscale',
      headers: { 'content-type': 'image/png' },
      payload: Buffer.alloc(MAX_UPLOAD_BYTES + 1),
    });

    expect(response.statusCode).toBe(413);
    expect(response.json<{ code: string }>().code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('seeded faults', () => {
  it('every fault in faults.json is switched in the source, and is off by default', async () => {
    const catalogue = JSON.parse(
      readFileSync(new URL('../../systems-under-test/vision/faults.json', import.meta.url), 'utf8'),
    ) as { id: string }[];
    const sources = [
      'src/routes/images.ts',
      'src/routes/qr.ts',
      'src/routes/scan.ts',
      'src/app.ts',
      'public/app.js',
    ]
      .map((path) =>
        readFileSync(new URL(`../../systems-under-test/vision/${path}`, import.meta.url), 'utf8'),
      )
      .join('\n');

    expect(catalogue.length).toBeGreaterThanOrEqual(5);
    for (const fault of catalogue) expect(sources, fault.id).toContain(`'${fault.id}'`);

    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.body).toContain('data-faults=""');
  });

  it('a page fault is announced to the page, where app.js reads it', async () => {
    const { buildTestApp: build } = await import('./test-app.ts');
    const faulty = await build(['vision.page-stale-result']);

    const response = await faulty.inject({ method: 'GET', url: '/' });
    await faulty.close();

    expect(response.body).toContain('data-faults="vision.page-stale-result"');
  });
});
