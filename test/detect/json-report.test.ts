import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { failedTests, listTests, readJsonReport } from '../../framework/detect/index.ts';
import { makeJsonReport } from './json-report-fixture.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nova-detect-report-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('listTests', () => {
  it('maps file, project and title path', () => {
    const tests = listTests(makeJsonReport());

    expect(tests).toEqual([
      {
        file: 'specs/api/iris/predict.spec.ts',
        project: 'api',
        titlePath: ['POST /predict', 'typical versicolor is predicted as versicolor'],
        fileInProject: 'iris/predict.spec.ts',
      },
      expect.objectContaining({
        titlePath: ['POST /predict', 'same sample gives same prediction'],
      }),
      expect.objectContaining({
        project: 'ui',
        titlePath: ['quarantined page test'],
        fileInProject: 'iris/predict.spec.ts',
      }),
      expect.objectContaining({ titlePath: ['timed out page test'] }),
      expect.objectContaining({ titlePath: ['skipped page test'] }),
    ]);
  });
});

describe('failedTests', () => {
  it('lists unexpected failures with their error, attachments and end time', async () => {
    const exchanges = join(dir, 'api-exchanges.json');
    await writeFile(exchanges, '[{"status":200}]');

    const failed = failedTests(makeJsonReport(exchanges));

    expect(failed.map((test) => test.titlePath.at(-1))).toEqual([
      'typical versicolor is predicted as versicolor',
      'timed out page test',
    ]);
    const [first, timedOut] = failed;
    expect(first!.error.message).toBe('expect(received).toBe(expected)\n\nExpected: "versicolor"');
    expect(first!.error.stack).toContain('predict.spec.ts:32:28');
    expect(first!.finishedAt.toISOString()).toBe('2026-12-04T10:00:06.500Z');
    expect(first!.attachments).toEqual([
      {
        name: 'nova-load',
        contentType: 'application/vnd.nova.load+json',
        body: Buffer.from('{"scenario":"predict"}'),
      },
      {
        name: 'api-exchanges.json',
        contentType: 'application/json',
        body: Buffer.from('[{"status":200}]'),
      },
      // Screenshots are not read: no fingerprint uses them.
      { name: 'screenshot', contentType: 'image/png' },
    ]);
    expect(timedOut!.error).toEqual({
      message: 'Test timeout of 30000ms exceeded.',
      stack: undefined,
      name: 'TimeoutError',
    });
  });
});

describe('readJsonReport', () => {
  it('returns undefined for a missing or truncated file', async () => {
    const truncated = join(dir, 'truncated.json');
    await writeFile(truncated, '{"config": {');

    expect(readJsonReport(join(dir, 'missing.json'))).toBeUndefined();
    expect(readJsonReport(truncated)).toBeUndefined();
  });

  it('reads a complete report', async () => {
    const file = join(dir, 'report.json');
    await writeFile(file, JSON.stringify(makeJsonReport()));

    expect(readJsonReport(file)?.stats.unexpected).toBe(2);
  });
});
