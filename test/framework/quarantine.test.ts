/**
 * Runs the real Playwright runner on a small project that uses the framework's
 * fixtures, and checks that a quarantined test runs and is reported but cannot
 * fail the run.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  computeTestId,
  loadQuarantineList,
  openResultsStore,
} from '../../framework/results/index.ts';

const REPOSITORY_ROOT = join(import.meta.dirname, '..', '..');
const PLAYWRIGHT_CLI = join(REPOSITORY_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const FIXTURES = join(REPOSITORY_ROOT, 'framework', 'fixtures', 'index.ts');

const SPEC = `import { test, expect } from ${JSON.stringify(FIXTURES)};
test.describe('checkout', () => {
  test('flaky total', async () => {
    expect(1 + 1).toBe(3);
  });
  test('stable total', async () => {
    expect(1 + 1).toBe(2);
  });
});
`;

interface JsonReport {
  stats: { expected: number; unexpected: number };
  suites: Array<{
    suites: Array<{
      specs: Array<{
        title: string;
        tests: Array<{
          expectedStatus: string;
          annotations: Array<{ type: string; description?: string }>;
          results: Array<{ status: string }>;
        }>;
      }>;
    }>;
  }>;
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nova-quarantine-'));
  await mkdir(join(dir, 'tests'));
  await symlink(join(REPOSITORY_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  await writeFile(join(dir, 'tests', 'checkout.spec.ts'), SPEC);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runSuite(
  quarantinedTitles: string[],
  options: { retries?: number; env?: NodeJS.ProcessEnv; reporter?: string } = {},
): Promise<{ exitCode: number; report: JsonReport; stdout: string }> {
  const quarantine = quarantinedTitles.map((title) => ({
    testId: computeTestId('tests/checkout.spec.ts', 'unit', ['checkout', title]),
    file: 'tests/checkout.spec.ts',
    project: 'unit',
    title: `checkout › ${title}`,
    flakeRate: 0.4,
    reason: 'flaky in 12 of 30 runs (40%)',
  }));
  await writeFile(
    join(dir, 'playwright.config.ts'),
    `import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: './tests',
  retries: ${options.retries ?? 0},
  reporter: [['json', { outputFile: 'report.json' }]${options.reporter ? `, [${JSON.stringify(options.reporter)}]` : ''}],
  projects: [{ name: 'unit', use: { quarantine: ${JSON.stringify(quarantine)} } }],
});
`,
  );

  const { exitCode, stdout } = await new Promise<{ exitCode: number; stdout: string }>(
    (resolve) => {
      execFile(
        process.execPath,
        [PLAYWRIGHT_CLI, 'test', '-c', join(dir, 'playwright.config.ts')],
        { cwd: dir, env: { ...process.env, CI: '', NOVA_RESULTS: 'off', ...options.env } },
        (error, output) =>
          resolve({
            exitCode: error ? Number((error as { code?: number }).code ?? 1) : 0,
            stdout: output,
          }),
      );
    },
  );
  const { readFile } = await import('node:fs/promises');
  const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as JsonReport;
  return { exitCode, report, stdout };
}

function testNamed(report: JsonReport, title: string) {
  const spec = report.suites[0]!.suites[0]!.specs.find((candidate) => candidate.title === title);
  return spec!.tests[0]!;
}

describe('quarantine', () => {
  it('failing test fails the run without it', async () => {
    const { exitCode, report } = await runSuite([]);

    expect(exitCode).toBe(1);
    expect(report.stats.unexpected).toBe(1);
  });

  it('quarantined failure does not fail the run', async () => {
    const { exitCode, report } = await runSuite(['flaky total']);

    expect(exitCode).toBe(0);
    expect(report.stats.unexpected).toBe(0);
    const flaky = testNamed(report, 'flaky total');
    expect(flaky.results[0]!.status).toBe('failed');
    expect(flaky.expectedStatus).toBe('failed');
    expect(flaky.annotations).toContainEqual({
      type: 'quarantined',
      description: 'flaky in 12 of 30 runs (40%)',
    });
    expect(flaky.annotations).toContainEqual({
      type: 'quarantined-failure',
      description: 'Failed (failed) while quarantined; it does not fail the run.',
    });
  });

  it('quarantined pass is annotated only', async () => {
    const { exitCode, report } = await runSuite(['stable total', 'flaky total']);

    expect(exitCode).toBe(0);
    const stable = testNamed(report, 'stable total');
    expect(stable.expectedStatus).toBe('passed');
    expect(stable.annotations.map((annotation) => annotation.type)).toEqual(['quarantined']);
  });
});

describe('quarantine with retries', () => {
  it('retries before the failure is expected', async () => {
    const { exitCode, report } = await runSuite(['flaky total'], { retries: 1 });

    expect(exitCode).toBe(0);
    const flaky = testNamed(report, 'flaky total');
    expect(flaky.results.map((result) => result.status)).toEqual(['failed', 'failed']);
    expect(flaky.expectedStatus).toBe('failed');
  });

  it('store keeps the failure as a failure', async () => {
    const databaseDir = join(dir, 'results-db');

    const { exitCode } = await runSuite(['flaky total'], {
      env: { NOVA_RESULTS: '', DATABASE_URL: '', NOVA_RESULTS_DB_DIR: databaseDir },
      reporter: join(REPOSITORY_ROOT, 'framework', 'reporting', 'results-reporter.ts'),
    });

    expect(exitCode).toBe(0);
    const store = await openResultsStore({ env: {}, dataDir: databaseDir });
    try {
      const [history] = await store.testHistory('flaky total');
      expect(history?.attempts).toHaveLength(1);
      expect(history?.attempts[0]).toMatchObject({ status: 'failed', expectedStatus: 'passed' });
    } finally {
      await store.close();
    }
  });
});

describe('quarantine summary', () => {
  it('lists quarantined failures at the end', async () => {
    const { exitCode, stdout } = await runSuite(['flaky total', 'stable total'], {
      reporter: join(REPOSITORY_ROOT, 'framework', 'reporting', 'quarantine-summary-reporter.ts'),
    });

    expect(exitCode).toBe(0);
    expect(stdout).toContain(
      'nova: 1 quarantined test(s) failed; quarantine.json keeps them from failing the run:\n' +
        '  unit › checkout.spec.ts › checkout › flaky total: flaky in 12 of 30 runs (40%)\n',
    );
  });
});

describe('loadQuarantineList', () => {
  it('missing file is an empty list', () => {
    expect(loadQuarantineList(join(tmpdir(), 'no-such-dir', 'quarantine.json'))).toEqual([]);
  });

  it('rejects malformed JSON with the fix', async () => {
    const path = join(dir, 'quarantine.json');
    await writeFile(path, '{ "tests": [');

    expect(() => loadQuarantineList(path)).toThrow(
      /quarantine\.json is not valid JSON .*Regenerate it with `npx nova quarantine --write` or delete it\./,
    );
  });

  it('rejects entries without testId', async () => {
    const path = join(dir, 'quarantine.json');
    await writeFile(path, JSON.stringify({ tests: [{ title: 'x' }] }));

    expect(() => loadQuarantineList(path)).toThrow(
      'must be an object with a "tests" array whose entries each have a "testId" string',
    );
  });
});
