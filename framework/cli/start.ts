/**
 * `npm start`: runs the whole Playwright suite against the systems under
 * test, then builds the Allure report and prints where it is. Arguments after
 * `--` go to `playwright test`, for example `npm start -- --project=api`.
 * The exit code is Playwright's, so a failing suite still yields a report but
 * fails the command.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { systems as systemDefinitions } from '../../nova.config.ts';
import { ConfigError, resolveSystems } from '../config/index.ts';
import { writePlanCoverage } from '../plan/index.ts';
import { buildAllureReport, clearAllureResults, DEFAULT_RESULTS_DIR } from '../reporting/index.ts';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);

/** Options after which Playwright runs no test, so there is nothing to report. */
const NO_RUN_OPTIONS = ['--list', '--help', '-h', '--ui'];

if (args.some((arg) => arg === '--reporter' || arg.startsWith('--reporter='))) {
  console.error(
    'nova: --reporter replaces the reporters of playwright.config.ts, so no Allure results would be ' +
      'written and npm start could build no report. Run `npx playwright test --reporter=…` instead.',
  );
  process.exit(2);
}

// The same checks as playwright.config.ts, made here first so that a bad
// setting prints its message alone instead of a stack and a stale report.
try {
  resolveSystems(systemDefinitions);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`nova: ${error.message}`);
  process.exit(2);
}

const noRun = args.some((arg) => NO_RUN_OPTIONS.includes(arg));
if (!noRun) clearAllureResults(projectDir);

const require = createRequire(import.meta.url);
const playwrightCli = require.resolve('@playwright/test/cli');
const run = spawnSync(process.execPath, [playwrightCli, 'test', ...args], {
  stdio: 'inherit',
  cwd: projectDir,
});
if (run.error) {
  console.error(`nova: could not start Playwright (${playwrightCli}): ${run.error.message}`);
  process.exit(1);
}
const testExitCode = run.status ?? 1;
if (noRun) process.exit(testExitCode);

const resultsDir = join(projectDir, DEFAULT_RESULTS_DIR);
let resultFiles: string[] = [];
try {
  resultFiles = readdirSync(resultsDir).filter((name) => name.endsWith('-result.json'));
} catch {
  // A missing folder means no test ran; handled below.
}
if (resultFiles.length === 0) {
  console.error(
    `nova: Playwright exited with code ${testExitCode} and ran no test, so no report was built. ` +
      'See its output above.',
  );
  process.exit(testExitCode === 0 ? 1 : testExitCode);
}

// Test-plan coverage goes to the report's metadata. A broken plan is reported
// by `npm test`; here it only costs the coverage line, not the report.
try {
  await writePlanCoverage(
    resultsDir,
    join(projectDir, 'docs', 'test-plan'),
    join(projectDir, 'playwright.config.ts'),
  );
} catch (error) {
  console.error(`nova: test-plan coverage left out of the report: ${(error as Error).message}`);
}

try {
  const report = await buildAllureReport({ cwd: projectDir });
  console.log(
    `\nnova: Allure report with ${report.testCount} tests: ${report.indexHtml}\n` +
      `      open ${pathToFileURL(report.indexHtml).href} in a browser` +
      ` (Playwright's own HTML report: npx playwright show-report reports/playwright)`,
  );
} catch (error) {
  console.error(
    `nova: the tests ran, but the Allure report could not be built: ${(error as Error).message}`,
  );
  process.exit(testExitCode === 0 ? 1 : testExitCode);
}

if (testExitCode !== 0) {
  console.error(
    `nova: playwright test exited with code ${testExitCode}; the report above shows the failures.`,
  );
}
process.exit(testExitCode);
