import { defineConfig, devices, type ReporterDescription } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  BrowserNotFoundError,
  chromiumLaunchOptions,
  loadBrowserChoice,
} from './framework/browser/index.ts';
import {
  checkSystems,
  parseStartedSystems,
  resolveSystems,
  systemNeeds,
} from './framework/config/index.ts';
import { loadQuarantineList } from './framework/results/index.ts';
import type { NovaWorkerOptions } from './framework/fixtures/index.ts';
import { systems as systemDefinitions } from './nova.config.ts';

const rootDir = dirname(fileURLToPath(import.meta.url));
const stateDir = join(rootDir, '.nova');
const isCI = Boolean(process.env.CI);

const systems = resolveSystems(systemDefinitions);
/** NOVA_START_SYSTEMS=iris,... starts only these systems; `nova detect` sets it per run. */
const startedSystems = parseStartedSystems(
  process.env.NOVA_START_SYSTEMS,
  Object.keys(systems),
  systemNeeds(systemDefinitions),
);

// One mark for the whole run: workers inherit it, and the visual layer's baseline usage records carry it.
process.env.NOVA_VISUAL_RUN ??= `${process.pid}-${Date.now()}`;

/**
 * The runner process checks the systems' ports and URLs once before Playwright
 * starts them. Workers load this file too and skip it, and so does `--list`,
 * which starts no server.
 */
const isRunnerProcess = process.env.TEST_WORKER_INDEX === undefined;
const isListing = process.argv.includes('--list');
if (isRunnerProcess && !isListing && process.argv.includes('test')) {
  await checkSystems(systems, {
    isCI,
    notify: (message) => process.stderr.write(message + '\n'),
  });
}

/** Flaky tests that `npx nova quarantine --write` listed: they run and are reported, but cannot fail the run. */
const quarantine = loadQuarantineList(join(rootDir, 'quarantine.json'));

/**
 * The browser is resolved here rather than in each worker. When none exists,
 * the `ui` project carries the reason and its tests fail with it, while the
 * `api` project, which needs no browser, still runs.
 */
let launchOptions = {};
let browserError: string | undefined;
let browserVersion = 'none';
try {
  const choice = loadBrowserChoice(stateDir);
  launchOptions = chromiumLaunchOptions(choice);
  browserVersion = `${choice.version} (${choice.executablePath})`;
} catch (error) {
  if (!(error instanceof BrowserNotFoundError)) throw error;
  browserError = error.message;
}

const allureReporter: ReporterDescription = [
  'allure-playwright',
  {
    resultsDir: '.nova/allure-results',
    detail: true,
    suiteTitle: true,
    environmentInfo: {
      node: process.version,
      browser: browserVersion,
      ...Object.fromEntries(
        Object.values(systems).map((system) => [`${system.name} URL`, system.baseURL]),
      ),
    },
  },
];

export default defineConfig<NovaWorkerOptions>({
  testDir: './specs',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 2 : 0,
  workers: isCI ? 2 : undefined,
  timeout: 30_000,
  expect: { timeout: 5_000 },

  reporter: [
    // First, so that every reporter after it gets test results without secrets.
    ['./framework/bugs/redaction-reporter.ts'],
    ['list'],
    // Every attempt to the results database: PGlite under .nova/results-db, or DATABASE_URL.
    ['./framework/reporting/results-reporter.ts'],
    // After the results reporter: groups the run's failures into bugs and drafts or files their issues.
    ['./framework/bugs/bug-reporter.ts'],
    ['./framework/reporting/quarantine-summary-reporter.ts'],
    ['html', { open: 'never', outputFolder: 'reports/playwright' }],
    // `--list` runs no test; allure-playwright would still write a skipped result for each.
    ...(isListing ? [] : [allureReporter]),
    // CI shards add a blob report for `playwright merge-reports`; `--reporter=blob` would drop the others.
    ...(process.env.NOVA_BLOB_REPORT === '1' ? [['blob'] as ReporterDescription] : []),
  ],

  globalSetup: './framework/reporting/global-setup.ts',

  use: {
    systems,
    quarantine,
    trace: isCI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },

  projects: [
    {
      name: 'api',
      testDir: './specs/api',
    },
    {
      name: 'ui',
      testDir: './specs/ui',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions,
        browserError,
      },
    },
    {
      name: 'visual',
      testDir: './specs/visual',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions,
        browserError,
      },
    },
    {
      name: 'load',
      testDir: './specs/load',
    },
    {
      // Data checks of the pipeline: no browser; each spec runs against PostgreSQL and the embedded database.
      name: 'data',
      testDir: './specs/data',
      // Each test starts pipeline processes of its own (Node.js, tsx, PGlite in WebAssembly):
      // 5 to 10 s apiece on a busy 2-core machine, so the 30 s default is too short.
      timeout: 120_000,
    },
  ],

  webServer: Object.values(systems)
    .filter((system) => system.managed && startedSystems.has(system.name))
    .map((system) => ({
      name: system.name,
      command: system.command ?? '',
      url: system.healthURL,
      reuseExistingServer: !isCI,
      timeout: system.startTimeoutMs,
      stdout: 'ignore' as const,
      stderr: 'pipe' as const,
      gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5_000 },
    })),
});
