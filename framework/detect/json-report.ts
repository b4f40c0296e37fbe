/**
 * Reads what Playwright's JSON reporter wrote: the projects of the configuration, the tests it
 * listed or ran, and each failing test with what a bug fingerprint needs.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

/** The parts of Playwright's JSON report that detection reads (JSONReport in playwright/reporter). */
export interface JsonReport {
  config: { configFile?: string; rootDir: string; projects: { name: string; testDir: string }[] };
  suites: JsonSuite[];
  errors: { message?: string; stack?: string }[];
  stats: {
    startTime: string;
    duration: number;
    expected: number;
    unexpected: number;
    flaky: number;
    skipped: number;
  };
}

interface JsonSuite {
  title: string;
  file: string;
  specs: JsonSpec[];
  suites?: JsonSuite[];
}

interface JsonSpec {
  title: string;
  file: string;
  line: number;
  tests: JsonTest[];
}

interface JsonTest {
  projectName: string;
  status: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  results: JsonResult[];
}

interface JsonResult {
  status: string;
  startTime: string;
  duration: number;
  error?: { message?: string; stack?: string };
  errors?: { message?: string; stack?: string }[];
  attachments: { name: string; contentType: string; path?: string; body?: string }[];
}

/** One test of a run, in the terms of the results database (framework/results). */
export interface ListedTest {
  /** File relative to the folder of playwright.config.ts, with `/` separators. */
  file: string;
  project: string;
  /** Describe blocks and the test's title, without the file. */
  titlePath: string[];
  /** File relative to the project's test folder: `iris/predict.spec.ts`. */
  fileInProject: string;
}

/** A failing test with its first failed attempt's error and attachments. */
export interface FailedTest extends ListedTest {
  error: { message?: string; stack?: string; name?: string };
  attachments: { name: string; contentType: string; body?: Buffer }[];
  /** When the failing attempt ended. */
  finishedAt: Date;
}

/** Attachments read from disk for a fingerprint: the layers' JSON data, not screenshots or traces. */
const READABLE_ATTACHMENT = /json/i;
const MAX_ATTACHMENT_BYTES = 1024 * 1024;

/** Matches ANSI escape sequences, which Playwright puts in error messages. */
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

export function readJsonReport(path: string): JsonReport | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as JsonReport;
  } catch {
    return undefined;
  }
}

/** Every test of the report, with the result of its attempts. */
function* walk(report: JsonReport): Generator<{ test: ListedTest; raw: JsonTest }> {
  const configDir =
    report.config.configFile !== undefined
      ? join(report.config.configFile, '..')
      : report.config.rootDir;
  const testDirs = new Map(
    report.config.projects.map((project) => [project.name, project.testDir]),
  );

  function* visit(
    suite: JsonSuite,
    titles: string[],
  ): Generator<{ test: ListedTest; raw: JsonTest }> {
    for (const spec of suite.specs) {
      const absoluteFile = isAbsolute(spec.file)
        ? spec.file
        : join(report.config.rootDir, spec.file);
      for (const raw of spec.tests) {
        const testDir = testDirs.get(raw.projectName) ?? report.config.rootDir;
        yield {
          test: {
            file: portable(relative(configDir, absoluteFile)),
            project: raw.projectName,
            titlePath: [...titles, spec.title],
            fileInProject: portable(relative(testDir, absoluteFile)),
          },
          raw,
        };
      }
    }
    for (const child of suite.suites ?? []) yield* visit(child, [...titles, child.title]);
  }

  // The top suites are files; their titles are file names, which titlePath leaves out.
  for (const fileSuite of report.suites) yield* visit(fileSuite, []);
}

export function listTests(report: JsonReport): ListedTest[] {
  return [...walk(report)].map(({ test }) => test);
}

/**
 * Tests with at least one failed attempt (failed, timed out or interrupted). A quarantined
 * test's failure counts as expected in the report and is not listed.
 */
export function failedTests(report: JsonReport): FailedTest[] {
  const failed: FailedTest[] = [];
  for (const { test, raw } of walk(report)) {
    if (raw.status !== 'unexpected' && raw.status !== 'flaky') continue;
    const attempt = raw.results.find((result) => !['passed', 'skipped'].includes(result.status));
    if (attempt === undefined) continue;
    const error = attempt.error ?? attempt.errors?.[0] ?? {};
    failed.push({
      ...test,
      error: {
        message: stripAnsi(error.message),
        stack: stripAnsi(error.stack),
        name: attempt.status === 'timedOut' ? 'TimeoutError' : undefined,
      },
      attachments: attempt.attachments.map(readAttachment),
      finishedAt: new Date(Date.parse(attempt.startTime) + attempt.duration),
    });
  }
  return failed;
}

function readAttachment(
  attachment: JsonResult['attachments'][number],
): FailedTest['attachments'][number] {
  const { name, contentType } = attachment;
  if (attachment.body !== undefined)
    return { name, contentType, body: Buffer.from(attachment.body, 'base64') };
  if (
    attachment.path !== undefined &&
    READABLE_ATTACHMENT.test(contentType) &&
    existsSync(attachment.path) &&
    statSync(attachment.path).size <= MAX_ATTACHMENT_BYTES
  ) {
    return { name, contentType, body: readFileSync(attachment.path) };
  }
  return { name, contentType };
}

function stripAnsi(text: string | undefined): string | undefined {
  return text?.replace(ANSI_ESCAPE, '');
}

function portable(path: string): string {
  return path.split(sep).join('/');
}
