/**
 * Runs the real Playwright CLI on a tiny suite in a temporary folder: one run that passes and
 * one that hangs until runPlaywrightProcess stops it.
 */
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readJsonReport, runPlaywrightProcess } from '../../framework/detect/index.ts';

const PROJECT_DIR = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nova-detect-process-'));
  await symlink(join(PROJECT_DIR, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(
    join(dir, 'playwright.config.mjs'),
    "export default { testDir: '.', timeout: 0 };\n",
  );
  await writeFile(
    join(dir, 'pass.spec.mjs'),
    "import { test, expect } from '@playwright/test';\ntest('adds', () => { console.log('adding'); expect(1 + 1).toBe(2); });\n",
  );
  await writeFile(
    join(dir, 'hang.spec.mjs'),
    "import { test } from '@playwright/test';\ntest('hangs', async () => { await new Promise(() => {}); });\n",
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runPlaywrightProcess', () => {
  it('writes the JSON report and the log', async () => {
    const result = await runPlaywrightProcess({
      cwd: dir,
      args: ['--reporter=json,line', 'pass.spec'],
      env: { ...process.env, CI: '1' },
      reportFile: join(dir, 'pass', 'report.json'),
      logFile: join(dir, 'pass', 'output.log'),
      timeoutMs: 120_000,
    });

    expect(result.exitCode).toBe(0);
    expect(result.timedOut).toBe(false);
    expect(readJsonReport(join(dir, 'pass', 'report.json'))?.stats.expected).toBe(1);
    expect(await readFile(join(dir, 'pass', 'output.log'), 'utf8')).toContain('adding');
  });

  it('stops a run that takes too long', async () => {
    const result = await runPlaywrightProcess({
      cwd: dir,
      args: ['--reporter=json', 'hang.spec'],
      env: { ...process.env, CI: '1' },
      reportFile: join(dir, 'hang', 'report.json'),
      logFile: join(dir, 'hang', 'output.log'),
      timeoutMs: 5_000,
    });

    expect(result.timedOut).toBe(true);
    expect(result.exitCode).not.toBe(0);
  });
});
