/**
 * Records which baselines each test used in its latest run, so that
 * `nova baselines status` can tell unused baselines from ones whose spec did
 * not run. One small file per test: workers never write the same file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { USAGE_DIR } from './baseline-paths.ts';

export interface UsageRecord {
  /** Playwright project and spec path, the first two parts of each key. */
  project: string;
  specPath: string;
  /** The project's testDir relative to the project root, to tell whether the spec file still exists. */
  testDir: string;
  test: string;
  /** Marks one Playwright run; a record from an older run is replaced, not extended. */
  run: string;
  keys: string[];
}

/**
 * The run's mark: playwright.config.ts sets NOVA_VISUAL_RUN once in the
 * runner, and workers inherit it. Without it, each worker process is its own run.
 */
const fallbackRun = `${process.pid}-${Date.now()}`;

export function currentRun(env: NodeJS.ProcessEnv = process.env): string {
  return env.NOVA_VISUAL_RUN ?? fallbackRun;
}

function usageFile(rootDir: string, project: string, testId: string): string {
  const hash = createHash('sha256').update(testId).digest('hex').slice(0, 24);
  return join(rootDir, USAGE_DIR, project, `${hash}.json`);
}

/** Adds `key` to the test's record for this run. */
export function recordUsage(
  rootDir: string,
  entry: { project: string; specPath: string; testDir: string; test: string; key: string },
): void {
  const file = usageFile(rootDir, entry.project, `${entry.specPath}\u001f${entry.test}`);
  const run = currentRun();
  let record: UsageRecord = {
    project: entry.project,
    specPath: entry.specPath,
    testDir: entry.testDir,
    test: entry.test,
    run,
    keys: [],
  };
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as UsageRecord;
    if (stored.run === run) record = stored;
  } catch {
    // No record yet, or an unreadable one, which this run replaces.
  }
  if (!record.keys.includes(entry.key)) record.keys.push(entry.key);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(record) + '\n');
}

/** Reads every usage record; unreadable files are skipped. */
export function readUsage(rootDir: string): UsageRecord[] {
  const base = join(rootDir, USAGE_DIR);
  const records: UsageRecord[] = [];
  let projects: string[];
  try {
    projects = readdirSync(base);
  } catch {
    return records;
  }
  for (const project of projects) {
    let files: string[] = [];
    try {
      files = readdirSync(join(base, project)).filter((file) => file.endsWith('.json'));
    } catch {
      continue;
    }
    for (const file of files) {
      try {
        records.push(JSON.parse(readFileSync(join(base, project, file), 'utf8')) as UsageRecord);
      } catch {
        // A half-written record from an interrupted run carries no usage.
      }
    }
  }
  return records;
}
