import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import { PlanSetupError } from './plan-errors.ts';

/** One test as `playwright test --list` reports it, merged across projects. */
export interface ListedTest {
  /** Absolute path of the spec file. */
  file: string;
  line: number;
  /** Describe titles and the test title, joined with " › ". */
  title: string;
  /** Tags with their leading `@`, including those of enclosing describes. */
  tags: string[];
  /** True when every project skips the test (`test.skip`, `test.fixme`), so it covers nothing. */
  skipped: boolean;
}

/** An error Playwright reported while loading the specs, such as a syntax error. */
export interface ListingError {
  /** Absolute path, when Playwright gave a location. */
  file?: string;
  line?: number;
  message: string;
}

export interface TestListing {
  tests: ListedTest[];
  errors: ListingError[];
}

/**
 * Time allowed for `--list`, which loads every spec file but runs none. It
 * takes about a second for this repository; the limit only stops a hung child.
 */
const LIST_TIMEOUT_MS = 120_000;

/**
 * Lists the tests of a Playwright configuration by running
 * `playwright test --list --reporter=json` as a child process in the
 * configuration's folder. Listing starts no web server and opens no browser.
 *
 * @throws PlanSetupError when Playwright cannot be found or produced no listing.
 */
export async function listPlaywrightTests(configFile: string): Promise<TestListing> {
  const config = resolve(configFile);
  if (!existsSync(config)) {
    throw new PlanSetupError(
      `Playwright configuration ${configFile} not found; pass it with --config <file>.`,
    );
  }

  // The configuration's own Playwright, so that a project lists with the version it runs with.
  let cli: string;
  try {
    cli = createRequire(config).resolve('@playwright/test/cli');
  } catch {
    throw new PlanSetupError(
      `cannot find @playwright/test from ${dirname(config)}; run npm install in that project.`,
    );
  }

  const outputDir = await mkdtemp(join(tmpdir(), 'nova-plan-list-'));
  const outputFile = join(outputDir, 'list.json');
  try {
    const run = await runNode(
      [cli, 'test', '--list', '--reporter=json', '--config', config],
      dirname(config),
      // A file rather than stdout, because the configuration or a spec may print to stdout while loading.
      { PLAYWRIGHT_JSON_OUTPUT_FILE: outputFile, FORCE_COLOR: '0' },
    );

    if (!existsSync(outputFile)) {
      throw new PlanSetupError(
        `playwright test --list --config ${configFile} ${run.describe} and wrote no listing` +
          (run.stderr.trim() === '' ? '.' : `:\n${lastLines(run.stderr, 20)}`),
      );
    }
    return parseListing(await readFile(outputFile, 'utf8'), configFile);
  } finally {
    await rm(outputDir, { recursive: true, force: true });
  }
}

interface NodeRun {
  stderr: string;
  /** "exited with code 1", "was killed by SIGTERM after 120 s", for messages. */
  describe: string;
}

function runNode(args: string[], cwd: string, env: Record<string, string>): Promise<NodeRun> {
  return new Promise((resolveRun, rejectRun) => {
    execFile(
      process.execPath,
      args,
      {
        cwd,
        env: { ...process.env, ...env },
        timeout: LIST_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, _stdout, stderr) => {
        if (error === null) {
          resolveRun({ stderr, describe: 'exited with code 0' });
          return;
        }
        if (typeof error.code === 'string') {
          rejectRun(
            new PlanSetupError(`cannot start ${process.execPath} ${args[0]}: ${error.message}`),
          );
          return;
        }
        const describe = error.killed
          ? `was stopped after ${LIST_TIMEOUT_MS / 1000} s`
          : `exited with code ${error.code ?? error.signal}`;
        resolveRun({ stderr, describe });
      },
    );
  });
}

interface JsonSpec {
  title: string;
  file: string;
  line: number;
  tags?: string[];
  tests?: Array<{ expectedStatus?: string }>;
}

interface JsonSuite {
  title: string;
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}

interface JsonReport {
  config?: { rootDir?: string };
  suites?: JsonSuite[];
  errors?: Array<{ message?: string; location?: { file?: string; line?: number } }>;
}

/** Reads the JSON reporter's output; its file paths are relative to `config.rootDir`. */
export function parseListing(json: string, configFile: string): TestListing {
  let report: JsonReport;
  try {
    report = JSON.parse(json) as JsonReport;
  } catch (error) {
    throw new PlanSetupError(
      `the listing of ${configFile} is not valid JSON (${(error as Error).message}); ` +
        'a reporter or PLAYWRIGHT_JSON_OUTPUT_* setting may have changed it.',
    );
  }
  const rootDir = report.config?.rootDir;
  if (typeof rootDir !== 'string' || !Array.isArray(report.suites)) {
    throw new PlanSetupError(
      `the listing of ${configFile} has no config.rootDir or suites; is @playwright/test 1.40 or newer installed?`,
    );
  }

  const tests: ListedTest[] = [];
  const visit = (suite: JsonSuite, titles: string[]) => {
    for (const spec of suite.specs ?? []) {
      tests.push({
        file: resolve(rootDir, spec.file),
        line: spec.line,
        title: [...titles, spec.title].join(' › '),
        // The JSON reporter drops the leading @ of each tag.
        tags: (spec.tags ?? []).map((tag) => (tag.startsWith('@') ? tag : '@' + tag)),
        skipped:
          (spec.tests ?? []).length > 0 &&
          (spec.tests ?? []).every((test) => test.expectedStatus === 'skipped'),
      });
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  // Top-level suites are spec files, whose title is the path, not part of the test's name.
  for (const fileSuite of report.suites) visit(fileSuite, []);

  const errors: ListingError[] = (report.errors ?? []).map((error) => ({
    file: error.location?.file,
    line: error.location?.line,
    message: firstLine(error.message ?? 'unknown error'),
  }));
  return { tests, errors };
}

function firstLine(text: string): string {
  // Strip ANSI colour codes, which Playwright adds to some messages even without a terminal.
  // eslint-disable-next-line no-control-regex
  return (text.replace(/\u001b\[[0-9;]*m/g, '').split('\n')[0] ?? '').trim();
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
