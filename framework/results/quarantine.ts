import { existsSync, readFileSync } from 'node:fs';

import type { FlakinessVerdict } from './flakiness.ts';

/** One quarantined test, as `nova quarantine --write` records it. */
export interface QuarantineEntry {
  testId: string;
  file: string;
  project: string;
  title: string;
  flakeRate: number;
  /** Reason for the quarantine, shown in the report, for example "flaky in 4 of 30 runs (13%)". */
  reason: string;
}

/** Content of quarantine.json. */
export interface QuarantineList {
  generatedAt: string;
  /** Flake rate above which a test is quarantined, from 0 to 1. */
  limit: number;
  /** Runs per test that the rates were computed over. */
  window: number;
  tests: QuarantineEntry[];
}

/** Quarantine needs this many runs of a test, so that one unlucky run out of two does not quarantine it. */
export const DEFAULT_QUARANTINE_MIN_RUNS = 5;
/** Default flake rate above which a test is quarantined: more than 1 run in 10. */
export const DEFAULT_QUARANTINE_LIMIT = 0.1;

export function describeFlakiness(verdict: FlakinessVerdict): string {
  const percent = Math.round(verdict.flakeRate * 100);
  return `flaky in ${verdict.flakyRuns} of ${verdict.runs} runs (${percent}%)`;
}

/**
 * Reads quarantine.json. A missing file means no quarantine; a malformed one is
 * an error, because silently ignoring it would let quarantined tests fail runs.
 */
export function loadQuarantineList(path: string): QuarantineEntry[] {
  if (!existsSync(path)) return [];

  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `${path} is not valid JSON (${(error as Error).message}). ` +
        'Regenerate it with `npx nova quarantine --write` or delete it.',
    );
  }

  const tests: unknown = (parsed as { tests?: unknown } | null)?.tests;
  const isEntry = (entry: unknown) =>
    typeof entry === 'object' &&
    entry !== null &&
    typeof (entry as { testId?: unknown }).testId === 'string';
  if (!Array.isArray(tests) || !tests.every(isEntry)) {
    throw new Error(
      `${path} must be an object with a "tests" array whose entries each have a "testId" string. ` +
        'Regenerate it with `npx nova quarantine --write` or delete it.',
    );
  }
  return tests as QuarantineEntry[];
}
