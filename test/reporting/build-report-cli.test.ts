import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  parseReportCliArgs,
  ReportCliUsageError,
} from '../../framework/reporting/report-cli-options.ts';
import { createTempFolder, writeAllureResults } from './allure-results-fixture.ts';

const execFileAsync = promisify(execFile);

const REPOSITORY_ROOT = join(import.meta.dirname, '..', '..');
const TSX_CLI = join(REPOSITORY_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const REPORT_CLI = join(REPOSITORY_ROOT, 'framework', 'reporting', 'build-report-cli.ts');
const VALID_OPTIONS =
  'Valid options: --results DIR, --output DIR, --history FILE, --name NAME, --help.';

interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run report` the way package.json does (tsx), without npm's own output. */
async function runReportCli(args: string[], cwd: string): Promise<CliRun> {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [TSX_CLI, REPORT_CLI, ...args],
      { cwd },
    );
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { exitCode: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('parseReportCliArgs', () => {
  it('maps options to build options', () => {
    const command = parseReportCliArgs([
      '--results',
      'r',
      '--output=o',
      '--history',
      'h.jsonl',
      '--name',
      'Nightly run',
    ]);

    expect(command).toEqual({
      kind: 'build',
      options: {
        resultsDir: 'r',
        outputDir: 'o',
        historyPath: 'h.jsonl',
        reportName: 'Nightly run',
      },
    });
  });

  it('returns defaults without options', () => {
    expect(parseReportCliArgs([])).toEqual({ kind: 'build', options: {} });
  });

  it('returns help for --help and -h', () => {
    expect(parseReportCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseReportCliArgs(['--results', 'r', '-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--outptu', 'x'], 'Unknown option "--outptu".'],
    [['--verbose=1'], 'Unknown option "--verbose=1".'],
    [['reports'], 'Unexpected argument'],
    [['--results'], "Option '--results <value>' argument missing"],
    [['--name', ' '], 'Invalid value for --name: expected a non-empty value, received " ".'],
  ])('rejects %j', (args, message) => {
    const parse = (): unknown => parseReportCliArgs(args);

    expect(parse).toThrow(ReportCliUsageError);
    expect(parse).toThrow(message);
  });

  it('lists valid options for unknown ones', () => {
    expect(() => parseReportCliArgs(['--bogus'])).toThrow(VALID_OPTIONS);
  });
});

describe('build-report-cli', { timeout: 60_000 }, () => {
  let project: string;

  beforeEach(async () => {
    project = await createTempFolder();
  });

  afterEach(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it('prints the report location and test count', async () => {
    writeAllureResults(join(project, '.nova', 'allure-results'));
    const indexHtml = join(project, 'out', 'index.html');

    const run = await runReportCli(['--output', 'out', '--name', 'CLI run'], project);

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(
      `Allure report with 3 tests: ${indexHtml} (${pathToFileURL(indexHtml).href})\n`,
    );
  });

  it('exits 2 on an unknown option', async () => {
    const run = await runReportCli(['--open'], project);

    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Unknown option "--open". ${VALID_OPTIONS}`);
    expect(run.stderr).toContain('Usage: npm run report -- [options]');
  });

  it('exits 1 without results', async () => {
    const run = await runReportCli([], project);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `Allure results folder not found: "${join(project, '.nova', 'allure-results')}"`,
    );
    expect(run.stderr).toContain('npx playwright test');
  });

  it('prints help and exits 0', async () => {
    const run = await runReportCli(['--help'], project);

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('--history FILE  history file, one JSON line per build');
  });
});
