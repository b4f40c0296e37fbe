/**
 * The baselines of a project and their candidates on disk: what
 * `nova baselines status` lists, `approve` promotes and `prune` removes.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

import { BASELINES_DIR, CANDIDATES_DIR, isCI, locateBaseline } from './baseline-paths.ts';
import { readUsage, type UsageRecord } from './usage.ts';

export type BaselineState =
  /** A candidate waits, and no baseline exists yet. */
  | 'missing'
  /** A candidate waits that differs from the baseline. */
  | 'changed'
  /** The baseline's spec file is gone, or the latest run of its spec's tests did not use it. */
  | 'unused'
  /** No test of the baseline's spec has run since usage was recorded, so its use is unknown. */
  | 'unchecked'
  | 'ok';

export interface BaselineEntry {
  key: string;
  state: BaselineState;
  /** Why an `unused` or `unchecked` baseline is one. */
  reason?: string;
  baseline?: string;
  candidate?: string;
}

/** Spec file suffixes that `specPathOf` removes, tried in order to find the spec file again. */
const SPEC_SUFFIXES = ['.spec.ts', '.test.ts', '.spec.js', '.test.js', '.spec.mts', '.ts', '.js'];

async function listPngKeys(folder: string): Promise<string[]> {
  const keys: string[] = [];
  async function walk(current: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith('.png')) {
        keys.push(relative(folder, path).slice(0, -4).split(sep).join('/'));
      }
    }
  }
  await walk(folder);
  return keys.sort();
}

function usageVerdict(
  rootDir: string,
  key: string,
  usage: readonly UsageRecord[],
): Pick<BaselineEntry, 'state' | 'reason'> {
  const parts = key.split('/');
  const project = parts[0]!;
  const specPath = parts.slice(1, -1).join('/');
  const records = usage.filter(
    (record) => record.project === project && record.specPath === specPath,
  );
  const testDir = usage.find((record) => record.project === project)?.testDir;
  if (testDir !== undefined) {
    const exists = SPEC_SUFFIXES.some((suffix) =>
      existsSync(join(rootDir, testDir, specPath + suffix)),
    );
    if (!exists) return { state: 'unused', reason: `spec ${testDir}/${specPath} no longer exists` };
  }
  if (records.length === 0) {
    return {
      state: 'unchecked',
      reason: `no test of ${project}/${specPath} has run since usage was recorded`,
    };
  }
  if (records.some((record) => record.keys.includes(key))) return { state: 'ok' };
  return {
    state: 'unused',
    reason: `the latest run of the ${records.length} test(s) of ${project}/${specPath} that compare screenshots did not use it`,
  };
}

/** Lists every baseline and candidate of the project at `rootDir` with its state. */
export async function baselineStatus(rootDir: string): Promise<BaselineEntry[]> {
  const baselines = new Set(await listPngKeys(join(rootDir, BASELINES_DIR)));
  const candidates = new Set(await listPngKeys(join(rootDir, CANDIDATES_DIR)));
  const usage = readUsage(rootDir);
  const keys = [...new Set([...baselines, ...candidates])].sort();

  const entries: BaselineEntry[] = [];
  for (const key of keys) {
    const location = locateBaseline(rootDir, key);
    const entry: BaselineEntry = { key, state: 'ok' };
    if (baselines.has(key)) entry.baseline = location.baseline;
    if (candidates.has(key)) entry.candidate = location.candidate;

    if (candidates.has(key) && !baselines.has(key)) {
      entry.state = 'missing';
    } else if (candidates.has(key)) {
      const [baseline, candidate] = await Promise.all([
        readFile(location.baseline),
        readFile(location.candidate),
      ]);
      // A candidate equal to its baseline (a run that failed for another reason) changes nothing.
      entry.state = baseline.equals(candidate)
        ? usageVerdict(rootDir, key, usage).state
        : 'changed';
    } else {
      Object.assign(entry, usageVerdict(rootDir, key, usage));
    }
    entries.push(entry);
  }
  return entries;
}

/**
 * Tells whether `key` matches `pattern`: `*` stands for any characters
 * within one path part, `**` for any number of parts; a pattern without
 * wildcards matches the key itself and every key under it.
 */
export function matchesPattern(key: string, pattern: string): boolean {
  const trimmed = pattern.replace(/\.png$/, '').replace(/\/+$/, '');
  if (!trimmed.includes('*')) return key === trimmed || key.startsWith(`${trimmed}/`);
  const source = trimmed
    .split(/(\*\*|\*)/)
    .map((part) => {
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`).test(key);
}

export class BaselineWriteRefused extends Error {
  constructor(action: string) {
    super(
      `${action} writes to baselines/, which never happens in CI (CI is set). ` +
        'Approve or prune on a developer machine and commit the result.',
    );
    this.name = 'BaselineWriteRefused';
  }
}

/** Promotes the candidates matching `pattern` (all when undefined) to baselines; returns their keys. */
export async function approveCandidates(rootDir: string, pattern?: string): Promise<string[]> {
  if (isCI()) throw new BaselineWriteRefused('nova baselines approve');
  const candidates = await listPngKeys(join(rootDir, CANDIDATES_DIR));
  const chosen = candidates.filter((key) => pattern === undefined || matchesPattern(key, pattern));
  for (const key of chosen) {
    const location = locateBaseline(rootDir, key);
    await mkdir(dirname(location.baseline), { recursive: true });
    // Copy, then remove: an interrupted approve leaves the candidate, never a half-written baseline alone.
    await copyFile(location.candidate, location.baseline);
    await rm(location.candidate);
    await removeEmptyFolders(dirname(location.candidate), join(rootDir, CANDIDATES_DIR));
  }
  return chosen;
}

/** Removes the baselines that {@link baselineStatus} finds unused; returns the entries removed. */
export async function pruneBaselines(
  rootDir: string,
  options: { dryRun?: boolean } = {},
): Promise<BaselineEntry[]> {
  if (!options.dryRun && isCI()) throw new BaselineWriteRefused('nova baselines prune');
  const unused = (await baselineStatus(rootDir)).filter(
    (entry) => entry.state === 'unused' && entry.baseline,
  );
  if (options.dryRun) return unused;
  for (const entry of unused) {
    await rm(entry.baseline!);
    await removeEmptyFolders(dirname(entry.baseline!), join(rootDir, BASELINES_DIR));
  }
  return unused;
}

/** Removes `folder` and its parents up to (not including) `stop` while they are empty. */
async function removeEmptyFolders(folder: string, stop: string): Promise<void> {
  let current = folder;
  while (current.startsWith(stop) && current !== stop) {
    try {
      await rmdir(current);
    } catch {
      return;
    }
    current = dirname(current);
  }
}
