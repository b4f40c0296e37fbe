import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { computePlanCoverage, describeCoverage, type SystemCoverage } from './plan-coverage.ts';
import { DEFAULT_CONFIG_FILE, DEFAULT_PLANS_DIR } from './plan-model.ts';

/** Folder of allure-playwright's results, the `resultsDir` that playwright.config.ts sets. */
export const DEFAULT_ALLURE_RESULTS_DIR = '.nova/allure-results';

/** File that Allure reads as the report's environment metadata. */
export const ENVIRONMENT_FILE = 'environment.properties';

/** Prefix of the keys written here, so that a second call replaces its own lines and no others. */
const KEY_PREFIX = 'plan ';

/**
 * Adds one `plan <system> = <figures>` line per plan to the Allure results'
 * environment.properties, keeping the lines that allure-playwright wrote, and
 * returns the figures. Relative paths start from process.cwd().
 *
 * @throws PlanProblemsError when a plan or spec cannot be read well enough to count.
 * @throws PlanSetupError when the plan folder or the Playwright listing cannot be read at all.
 */
export async function writePlanCoverage(
  resultsDir: string = DEFAULT_ALLURE_RESULTS_DIR,
  plansDir: string = DEFAULT_PLANS_DIR,
  configFile: string = DEFAULT_CONFIG_FILE,
): Promise<SystemCoverage[]> {
  const coverage = await computePlanCoverage({ plansDir, configFile });
  appendCoverageToEnvironment(resultsDir, coverage);
  return coverage;
}

/** Writes the coverage lines into `<resultsDir>/environment.properties` and returns the file's path. */
export function appendCoverageToEnvironment(
  resultsDir: string,
  coverage: readonly SystemCoverage[],
): string {
  const path = join(resolve(resultsDir), ENVIRONMENT_FILE);

  let existing = '';
  try {
    existing = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }

  // allure-playwright (allure-js-commons 3.12) writes the file without a final newline.
  const escapedPrefix = escapePropertiesKey(KEY_PREFIX);
  const kept = existing
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith(escapedPrefix));
  const added = coverage.map(
    (system) =>
      `${escapePropertiesKey(KEY_PREFIX + system.system)} = ${escapePropertiesValue(describeCoverage(system))}`,
  );

  mkdirSync(resolve(resultsDir), { recursive: true });
  writeFileSync(path, [...kept, ...added].join('\n') + '\n');
  return path;
}

/**
 * Escapes a key for a Java properties file, the format Allure parses: an
 * unescaped space, `=` or `:` would end the key.
 */
export function escapePropertiesKey(key: string): string {
  return escapeNonAscii(key.replace(/[\\ =:#!]/g, (char) => '\\' + char));
}

/** Escapes a value: backslashes, and a leading space, which the parser would drop. */
export function escapePropertiesValue(value: string): string {
  return escapeNonAscii(value.replace(/\\/g, '\\\\').replace(/^ /, '\\ '));
}

function escapeNonAscii(text: string): string {
  return text.replace(
    /[^\x20-\x7e]/g,
    (char) => '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}
