import { parseArgs } from 'node:util';

import {
  DEFAULT_HISTORY_PATH,
  DEFAULT_OUTPUT_DIR,
  DEFAULT_REPORT_NAME,
  DEFAULT_RESULTS_DIR,
} from './build-report.ts';
import type { BuildAllureReportOptions } from './build-report.ts';

/** Parsed command line of `npm run report`. */
export type ReportCliCommand =
  { kind: 'help' } | { kind: 'build'; options: BuildAllureReportOptions };

/** Invalid command line. The CLI exits with code 2 for it, as for other usage errors. */
export class ReportCliUsageError extends Error {
  override readonly name = 'ReportCliUsageError';
}

const OPTIONS = {
  results: { type: 'string' },
  output: { type: 'string' },
  history: { type: 'string' },
  name: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const VALID_OPTIONS = '--results DIR, --output DIR, --history FILE, --name NAME, --help';

export const REPORT_CLI_USAGE = `Usage: npm run report -- [options]

Builds the Allure 3 report from the raw results of the last Playwright run, as one
index.html that opens from the file system with no network access.

Options:
  --results DIR   folder with allure-playwright results (default: ${DEFAULT_RESULTS_DIR})
  --output DIR    report folder, emptied before each build (default: ${DEFAULT_OUTPUT_DIR})
  --history FILE  history file, one JSON line per build (default: ${DEFAULT_HISTORY_PATH})
  --name NAME     report title (default: ${DEFAULT_REPORT_NAME})
  -h, --help      print this help

Relative paths start from the current working directory.`;

/**
 * Parses the arguments of `npm run report`.
 *
 * @throws ReportCliUsageError for an unknown option, a missing or empty value, or a positional argument.
 */
export function parseReportCliArgs(args: readonly string[]): ReportCliCommand {
  const { values } = parseStrict(args);

  if (values.help === true) {
    return { kind: 'help' };
  }

  const options: BuildAllureReportOptions = {};
  for (const [option, key] of [
    ['results', 'resultsDir'],
    ['output', 'outputDir'],
    ['history', 'historyPath'],
    ['name', 'reportName'],
  ] as const) {
    const value = values[option];
    if (value === undefined) {
      continue;
    }
    if (value.trim() === '') {
      throw new ReportCliUsageError(
        `Invalid value for --${option}: expected a non-empty value, received "${value}".`,
      );
    }
    options[key] = value;
  }
  return { kind: 'build', options };
}

function parseStrict(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    throw new ReportCliUsageError(describeParseError(error, args), { cause: error });
  }
}

function describeParseError(error: unknown, args: readonly string[]): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  const message = error instanceof Error ? error.message : String(error);

  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const known = new Set(['--results', '--output', '--history', '--name', '--help', '-h']);
    const unknown = args.find((arg) => arg.startsWith('-') && !known.has(arg.split('=')[0] ?? arg));
    if (unknown !== undefined) {
      return `Unknown option "${unknown}". Valid options: ${VALID_OPTIONS}.`;
    }
  }

  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return `Unexpected argument: ${message}. Pass paths with an option. Valid options: ${VALID_OPTIONS}.`;
  }

  return `${message}. Valid options: ${VALID_OPTIONS}.`;
}
