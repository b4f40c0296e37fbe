import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { promisify } from 'node:util';

import { createLogger } from '../logging/index.ts';

const log = createLogger('reporting');
const execFileAsync = promisify(execFile);

/**
 * Environment variable that allurerc.mjs reads for `historyPath`, because `allure generate`
 * has no command-line option for it.
 */
export const HISTORY_PATH_VARIABLE = 'NOVA_ALLURE_HISTORY_PATH';

/**
 * Upper bound for one `allure generate` run. It only stops a hung child process and is not
 * an estimate of the build time.
 */
const GENERATE_TIMEOUT_MS = 10 * 60 * 1000;

/** Inputs of one `allure generate` run. All paths are absolute. */
export interface AllureGenerateInput {
  resultsDir: string;
  outputDir: string;
  historyPath: string;
  reportName: string;
  configFile: string;
  cwd: string;
}

/**
 * Runs the installed Allure 3 CLI (`node node_modules/allure/cli.js generate`) in a child
 * process. The documented interface of Allure 3 is this CLI with an allurerc file, and
 * `@allurereport/core` publishes no documented programmatic API.
 *
 * @throws Error with the exit code and Allure's output when the generation fails.
 */
export async function runAllureGenerate(input: AllureGenerateInput): Promise<void> {
  assertNoGlobCharacters(input.resultsDir);
  const cliPath = resolveAllureCliPath();

  const args = [
    cliPath,
    'generate',
    input.resultsDir,
    '--config',
    input.configFile,
    '--output',
    input.outputDir,
    '--name',
    input.reportName,
    '--cwd',
    input.cwd,
  ];
  const env = {
    ...process.env,
    [HISTORY_PATH_VARIABLE]: input.historyPath,
    // Allure 3.18 reads this switch only in the allure2 plugin (dist/generators.js), while the
    // awesome plugin always embeds Google Analytics, which remove-remote-resources.ts strips.
    // The generation itself sends no telemetry: no fetch or http call exists on that path in
    // allure/dist or @allurereport/core unless `allureService` is configured.
    ALLURE_NO_ANALYTICS: 'true',
  };
  log('running %s %o', process.execPath, args);

  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, args, {
      cwd: input.cwd,
      env,
      timeout: GENERATE_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    log('allure generate finished, stdout: %o, stderr: %o', stdout.trim(), stderr.trim());
  } catch (error) {
    throw new Error(describeGenerateFailure(error, input), { cause: error });
  }
}

/**
 * Returns the path of the Allure CLI entry point. The `allure` package exports only its
 * library entry (dist/index.js), so the CLI path is derived from it.
 */
function resolveAllureCliPath(): string {
  const require = createRequire(import.meta.url);
  let libraryEntry: string;
  try {
    libraryEntry = require.resolve('allure');
  } catch (error) {
    throw new Error(
      'The Allure 3 CLI package "allure" is not installed. Run "npm install" in the project root.',
      { cause: error },
    );
  }

  const cliPath = join(dirname(libraryEntry), '..', 'cli.js');
  if (!existsSync(cliPath)) {
    throw new Error(
      `The Allure 3 CLI entry point is missing: expected "${cliPath}". ` +
        'Reinstall the "allure" package with "npm install".',
    );
  }
  return cliPath;
}

/**
 * Rejects results paths that contain glob syntax: `allure generate` matches its positional
 * arguments with the glob package (allure/dist/utils/fileSystem.js), so such a path could
 * match other folders or none.
 */
function assertNoGlobCharacters(resultsDir: string): void {
  if (/[*?[\]{}]|[!+@]\(/.test(resultsDir)) {
    throw new Error(
      `Invalid Allure results folder "${resultsDir}": it contains glob characters ` +
        '(* ? [ ] { } or an extglob such as "!("), which Allure would read as a pattern. ' +
        'Move the results to a folder without these characters.',
    );
  }
}

function describeGenerateFailure(error: unknown, input: AllureGenerateInput): string {
  const details = error as { code?: unknown; signal?: unknown; stdout?: string; stderr?: string };
  const output = [details.stderr, details.stdout]
    .map((text) => text?.trim())
    .filter((text) => text !== undefined && text !== '')
    .join('\n');
  const exit =
    typeof details.signal === 'string'
      ? `was stopped by ${details.signal}`
      : `failed with exit code ${String(details.code)}`;

  return (
    `Allure report generation ${exit} for results "${input.resultsDir}" ` +
    `(output "${input.outputDir}", config "${input.configFile}"). ` +
    `Allure output: ${output === '' ? '(none)' : output}. ` +
    'Run with DEBUG=nova:reporting for the full command line.'
  );
}
