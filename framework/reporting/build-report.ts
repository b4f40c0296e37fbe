import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

import { createLogger } from '../logging/index.ts';
import { runAllureGenerate } from './allure-cli.ts';
import { assertSafeOutputFolder } from './output-folder-guard.ts';
import { findRemoteResourceUrls, removeRemoteResources } from './remove-remote-resources.ts';
import { readReportTestCount } from './report-summary.ts';
import { countAllureResultFiles } from './results-folder.ts';

const log = createLogger('reporting');

/** Root of the Elysium Nova repository, two levels above framework/reporting/. */
const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Allure 3 configuration file passed to `allure generate --config`. */
export const ALLURE_CONFIG_FILE = join(REPOSITORY_ROOT, 'allurerc.mjs');

export const DEFAULT_RESULTS_DIR = '.nova/allure-results';
export const DEFAULT_OUTPUT_DIR = 'reports/allure';
export const DEFAULT_HISTORY_PATH = '.nova/allure-history.jsonl';
export const DEFAULT_REPORT_NAME = 'Elysium Nova';

/** Options of {@link buildAllureReport}. Relative paths are resolved against `cwd`. */
export interface BuildAllureReportOptions {
  /** Folder with the raw results of allure-playwright. Default: `.nova/allure-results`. */
  resultsDir?: string;
  /** Folder that receives the report. It is emptied first. Default: `reports/allure`. */
  outputDir?: string;
  /** JSON Lines file that keeps one history entry per build. Default: `.nova/allure-history.jsonl`. */
  historyPath?: string;
  /** Title shown in the report. Default: `Elysium Nova`. */
  reportName?: string;
  /** Folder that relative paths start from. Default: the process working directory. */
  cwd?: string;
}

/** Result of {@link buildAllureReport}. All paths are absolute. */
export interface AllureReportBuild {
  outputDir: string;
  indexHtml: string;
  /** Number of tests in the report, after Allure merged the retries of each test. */
  testCount: number;
  /** Remote URLs and inline analytics scripts removed from index.html. */
  removedScripts: string[];
  /** Remote URLs of `<link>` tags removed from index.html. */
  removedLinks: string[];
}

/**
 * Builds the Allure 3 "awesome" report as one index.html that opens from the file system
 * with no outgoing request, and appends this run to the history file.
 *
 * Steps: check the results folder, check and empty the output folder, run `allure generate`,
 * strip remote scripts and analytics from index.html, read the test count from summary.json.
 *
 * @throws Error when the results folder is missing or empty (nothing is deleted then), when the
 * output folder is unsafe to empty, or when Allure fails or writes no index.html.
 */
export async function buildAllureReport(
  options: BuildAllureReportOptions = {},
): Promise<AllureReportBuild> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const resultsDir = resolve(cwd, options.resultsDir ?? DEFAULT_RESULTS_DIR);
  const outputDir = resolve(cwd, options.outputDir ?? DEFAULT_OUTPUT_DIR);
  const historyPath = resolve(cwd, options.historyPath ?? DEFAULT_HISTORY_PATH);
  const reportName = options.reportName ?? DEFAULT_REPORT_NAME;
  log('building report "%s" from %s into %s', reportName, resultsDir, outputDir);

  const resultFileCount = await countAllureResultFiles(resultsDir);
  log('found %d result files in %s', resultFileCount, resultsDir);

  await assertSafeOutputFolder({
    outputDir,
    resultsDir,
    historyPath,
    projectRoot: cwd,
    repositoryRoot: REPOSITORY_ROOT,
  });
  await rm(outputDir, { recursive: true, force: true });
  await mkdir(outputDir, { recursive: true });
  log('emptied %s', outputDir);

  await runAllureGenerate({
    resultsDir,
    outputDir,
    historyPath,
    reportName,
    configFile: ALLURE_CONFIG_FILE,
    cwd,
  });

  const indexHtml = join(outputDir, 'index.html');
  const { removedScripts, removedLinks } = await stripRemoteResources(indexHtml);
  const testCount = await readReportTestCount(outputDir);
  log('report with %d tests written to %s', testCount, indexHtml);

  return { outputDir, indexHtml, testCount, removedScripts, removedLinks };
}

/**
 * Rewrites index.html without remote scripts, remote links and analytics code.
 *
 * @throws Error when index.html is missing or a remote URL survives the rewrite.
 */
async function stripRemoteResources(
  indexHtml: string,
): Promise<{ removedScripts: string[]; removedLinks: string[] }> {
  let html: string;
  try {
    html = await readFile(indexHtml, 'utf8');
  } catch (error) {
    throw new Error(
      `Allure wrote no report page at "${indexHtml}". Expected the single-file output of the ` +
        'awesome plugin in the output root; check plugins.awesome in allurerc.mjs ' +
        '(one plugin, singleFile: true) and the Allure output with DEBUG=nova:reporting.',
      { cause: error },
    );
  }

  const stripped = removeRemoteResources(html);
  const remaining = findRemoteResourceUrls(stripped.html);
  if (remaining.length > 0) {
    throw new Error(
      `Report page "${indexHtml}" still loads remote resources after cleanup: ${remaining.join(', ')}. ` +
        'Expected only data: URLs and local files; update remove-remote-resources.ts for this Allure version.',
    );
  }

  await writeFile(indexHtml, stripped.html, 'utf8');
  log(
    'removed %d scripts and %d links from %s: %o',
    stripped.removedScripts.length,
    stripped.removedLinks.length,
    indexHtml,
    [...stripped.removedScripts, ...stripped.removedLinks],
  );
  return { removedScripts: stripped.removedScripts, removedLinks: stripped.removedLinks };
}
