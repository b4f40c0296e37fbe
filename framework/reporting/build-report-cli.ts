// Entry point of `npm run report`: builds the offline Allure report and prints where it is.
import process from 'node:process';
import { pathToFileURL } from 'node:url';

import { buildAllureReport } from './build-report.ts';
import { parseReportCliArgs, REPORT_CLI_USAGE, ReportCliUsageError } from './report-cli-options.ts';

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

async function main(): Promise<void> {
  let command;
  try {
    command = parseReportCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ReportCliUsageError) {
      console.error(`${error.message}\n\n${REPORT_CLI_USAGE}`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    throw error;
  }

  if (command.kind === 'help') {
    console.log(REPORT_CLI_USAGE);
    return;
  }

  try {
    const build = await buildAllureReport(command.options);
    const tests = build.testCount === 1 ? '1 test' : `${build.testCount} tests`;
    console.log(
      `Allure report with ${tests}: ${build.indexHtml} (${pathToFileURL(build.indexHtml).href})`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = EXIT_FAILURE;
  }
}

await main();
