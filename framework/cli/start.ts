/**
 * `npm start`: runs the whole Playwright suite against the systems under
 * test, then builds the Allure report and prints where it is. Arguments after
 * `--` go to `playwright test`, for example `npm start -- --project=api`.
 * The exit code is Playwright's, so a failing suite still yields a report but
 * fails the command.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import { buildAllureReport } from '../reporting/index.ts';

const require = createRequire(import.meta.url);
const playwrightCli = require.resolve('@playwright/test/cli');

const run = spawnSync(process.execPath, [playwrightCli, 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (run.error) {
  console.error(`nova: could not start Playwright (${playwrightCli}): ${run.error.message}`);
  process.exit(1);
}
const testExitCode = run.status ?? 1;

try {
  const report = await buildAllureReport();
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
    `nova: playwright test exited with code ${testExitCode}; see the report above for the failures.`,
  );
}
process.exit(testExitCode);
