/**
 * Options of the results reporter, as written in playwright.config.ts:
 *
 * ```ts
 * ['./framework/reporting/results-reporter.ts', { batchSize: 200, flushIntervalMs: 2000 }]
 * ```
 */
export interface ResultsReporterOptions {
  /** Records results when true (the default). `NOVA_RESULTS=off` turns the reporter off even when this is true. */
  enabled?: boolean;
  /** Folder for records that could not reach the database, relative to the working directory. Default `.nova/spool`. */
  spoolDir?: string;
  /** Number of attempts that starts a write to the database. Default 200. */
  batchSize?: number;
  /** Maximum time in ms that an attempt waits in memory before it is written. Default 2000. */
  flushIntervalMs?: number;
  /** Maximum time in ms that the end of the run waits for the last writes before it spools them. Default 15000. */
  endTimeoutMs?: number;
}

export type ResolvedResultsReporterOptions = Required<ResultsReporterOptions>;

export const DEFAULT_RESULTS_REPORTER_OPTIONS: ResolvedResultsReporterOptions = {
  enabled: true,
  spoolDir: '.nova/spool',
  batchSize: 200,
  flushIntervalMs: 2_000,
  endTimeoutMs: 15_000,
};

/** Inclusive bounds of each numeric option. */
const NUMERIC_BOUNDS = {
  batchSize: { min: 1, max: 10_000 },
  flushIntervalMs: { min: 10, max: 600_000 },
  endTimeoutMs: { min: 100, max: 600_000 },
} as const;

const KNOWN_OPTIONS = Object.keys(DEFAULT_RESULTS_REPORTER_OPTIONS);

/**
 * Options that Playwright adds to every reporter's options: `configDir`,
 * internal keys that start with `_`, and `onlyFailures`, which `--list` sets
 * to false on every reporter (Playwright 1.65, runner `createReporters`).
 * They are not the user's to validate.
 */
function isAddedByPlaywright(key: string): boolean {
  return key === 'configDir' || key === 'onlyFailures' || key.startsWith('_');
}

export class ResultsReporterOptionsError extends Error {
  constructor(message: string) {
    super(`Invalid results reporter configuration: ${message}`);
    this.name = 'ResultsReporterOptionsError';
  }
}

/**
 * Validates the reporter options and fills in the defaults. `NOVA_RESULTS`
 * accepts `on`, `off`, `true`, `false`, `1` and `0`; `off`, `false` and `0`
 * turn the reporter off.
 *
 * @throws ResultsReporterOptionsError naming the option, the expected and the received value
 */
export function resolveResultsReporterOptions(
  raw: unknown,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedResultsReporterOptions {
  const options = raw ?? {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ResultsReporterOptionsError(
      `expected an object such as { batchSize: 200 }, received ${describe(raw)}.`,
    );
  }

  const entries = Object.entries(options).filter(([key]) => !isAddedByPlaywright(key));
  const unknown = entries.map(([key]) => key).filter((key) => !KNOWN_OPTIONS.includes(key));
  if (unknown.length > 0) {
    throw new ResultsReporterOptionsError(
      `unknown option ${unknown.map((key) => `"${key}"`).join(', ')}. ` +
        `Known options: ${KNOWN_OPTIONS.join(', ')}.`,
    );
  }

  const userOptions = Object.fromEntries(entries) as Record<string, unknown>;
  const resolved: ResolvedResultsReporterOptions = { ...DEFAULT_RESULTS_REPORTER_OPTIONS };

  if (userOptions.enabled !== undefined) {
    if (typeof userOptions.enabled !== 'boolean') {
      throw new ResultsReporterOptionsError(
        `"enabled" must be true or false, received ${describe(userOptions.enabled)}.`,
      );
    }
    resolved.enabled = userOptions.enabled;
  }

  if (userOptions.spoolDir !== undefined) {
    if (typeof userOptions.spoolDir !== 'string' || userOptions.spoolDir.trim() === '') {
      throw new ResultsReporterOptionsError(
        `"spoolDir" must be a non-empty folder path, received ${describe(userOptions.spoolDir)}.`,
      );
    }
    resolved.spoolDir = userOptions.spoolDir;
  }

  for (const [name, bounds] of Object.entries(NUMERIC_BOUNDS)) {
    const value = userOptions[name];
    if (value === undefined) continue;
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < bounds.min ||
      value > bounds.max
    ) {
      throw new ResultsReporterOptionsError(
        `"${name}" must be an integer from ${bounds.min} to ${bounds.max}, received ${describe(value)}.`,
      );
    }
    resolved[name as keyof typeof NUMERIC_BOUNDS] = value;
  }

  if (!readResultsSwitch(env)) resolved.enabled = false;

  return resolved;
}

/** Reads `NOVA_RESULTS`; unset means on. */
function readResultsSwitch(env: NodeJS.ProcessEnv): boolean {
  const value = env.NOVA_RESULTS?.trim().toLowerCase();
  if (value === undefined || value === '') return true;
  if (['on', 'true', '1'].includes(value)) return true;
  if (['off', 'false', '0'].includes(value)) return false;
  throw new ResultsReporterOptionsError(
    `NOVA_RESULTS must be "on" or "off", received ${JSON.stringify(env.NOVA_RESULTS)}. ` +
      'Unset it or set NOVA_RESULTS=off to run without the results database.',
  );
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  return `${Array.isArray(value) ? 'an array' : `a ${typeof value}`} (${JSON.stringify(value)})`;
}
