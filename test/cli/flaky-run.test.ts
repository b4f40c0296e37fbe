/**
 * End to end: a real Playwright run with the results reporter, where one test
 * fails and then passes on retry, and `nova flaky` lists that test.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPOSITORY_ROOT = join(import.meta.dirname, '..', '..');
const PLAYWRIGHT_CLI = join(REPOSITORY_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const REPORTER = join(REPOSITORY_ROOT, 'framework', 'reporting', 'results-reporter.ts');
const NOVA = join(REPOSITORY_ROOT, 'bin', 'nova.js');

const SPEC = `import { test, expect } from '@playwright/test';
test('coupon total', async ({}, testInfo) => {
  // Fails on the first attempt only, as a race in the product would.
  expect(testInfo.retry).toBe(1);
});
test('cart total', async () => {
  expect(2 + 2).toBe(4);
});
`;

function run(command: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, command, { cwd, env }, (error, stdout, stderr) => {
      resolve({
        exitCode: error ? Number((error as { code?: number }).code ?? 1) : 0,
        stdout,
        stderr,
      });
    });
  });
}

describe('flaky test in a real run', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nova-flaky-run-'));
    await mkdir(join(dir, 'tests'));
    await symlink(join(REPOSITORY_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    await writeFile(join(dir, 'tests', 'cart.spec.ts'), SPEC);
    await writeFile(
      join(dir, 'playwright.config.ts'),
      `import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: './tests',
  retries: 1,
  workers: 1,
  reporter: [['dot'], [${JSON.stringify(REPORTER)}]],
  projects: [{ name: 'unit' }],
});
`,
    );
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NOVA_RESULTS_DB_DIR: join(dir, 'results-db'),
    };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('nova flaky lists the retried test', async () => {
    const playwright = await run(
      [PLAYWRIGHT_CLI, 'test', '-c', join(dir, 'playwright.config.ts')],
      dir,
      env,
    );
    expect(playwright.exitCode).toBe(0);
    expect(playwright.stdout).toContain('1 flaky');

    const flaky = await run([NOVA, 'flaky', '--json'], dir, env);

    expect(flaky.exitCode).toBe(0);
    const tests = JSON.parse(flaky.stdout) as Array<{
      test: { file: string; titlePath: string[] };
      verdict: { state: string; flakyRuns: number; runs: number; outcomes: string[] };
    }>;
    expect(tests).toHaveLength(1);
    expect(tests[0]!.test.file).toBe('tests/cart.spec.ts');
    expect(tests[0]!.test.titlePath).toEqual(['coupon total']);
    expect(tests[0]!.verdict).toMatchObject({
      state: 'flaky',
      flakyRuns: 1,
      runs: 1,
      outcomes: ['flaky'],
    });
  });
});
