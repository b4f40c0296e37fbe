import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import RedactionReporter from '../../framework/bugs/redaction-reporter.ts';

const SECRET = 'sk-live-8c1f2e3d4b5a6978';

describe('RedactionReporter', () => {
  let folder: string;
  const saved = process.env.PAYMENT_API_KEY;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'nova-bugs-redaction-'));
    process.env.PAYMENT_API_KEY = SECRET;
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.PAYMENT_API_KEY;
    else process.env.PAYMENT_API_KEY = saved;
    await rm(folder, { recursive: true, force: true });
  });

  it('removes secrets from errors, output and text attachments', async () => {
    const file = join(folder, 'exchange.json');
    await writeFile(file, JSON.stringify({ headers: { 'x-api-key': SECRET } }));
    const error = {
      message: `charge failed with key ${SECRET}`,
      stack: `Error\nAuthorization: Bearer ${SECRET}`,
    };
    const result = {
      errors: [error],
      error,
      stdout: [`using ${SECRET}`],
      stderr: [Buffer.from(`key=${SECRET}`)],
      attachments: [
        { name: 'log', contentType: 'text/plain', body: Buffer.from(`secret ${SECRET}`) },
        { name: 'exchange', contentType: 'application/json', path: file },
        { name: 'shot', contentType: 'image/png', body: Buffer.from(SECRET) },
      ],
    } as unknown as TestResult;

    new RedactionReporter().onTestEnd({} as TestCase, result);

    expect(result.errors[0]!.message).toBe('charge failed with key [REDACTED]');
    expect(result.errors[0]!.stack).toBe('Error\nAuthorization: [REDACTED]');
    expect(result.stdout).toEqual(['using [REDACTED]']);
    expect(result.stderr.map(String)).toEqual(['key=[REDACTED]']);
    expect(result.attachments[0]!.body!.toString()).toBe('secret [REDACTED]');
    expect(await readFile(file, 'utf8')).not.toContain(SECRET);
    // Binary attachments are left alone: a secret in pixels cannot be found by text.
    expect(result.attachments[2]!.body!.toString()).toBe(SECRET);
  });
});
