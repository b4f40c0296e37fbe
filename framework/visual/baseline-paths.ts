/**
 * Where baselines, candidates and usage records live. Baselines are
 * reviewed like code: `baselines/<project>/<spec path>/<name>.png`, where the
 * spec path is the spec file's path under the project's testDir without
 * `.spec.ts`. Candidates (captures waiting for approval) and usage records
 * are run output, kept under `.nova/`.
 */
import { join, relative, sep } from 'node:path';

export const BASELINES_DIR = 'baselines';
export const CANDIDATES_DIR = join('.nova', 'baseline-candidates');
export const USAGE_DIR = join('.nova', 'baseline-usage');

/** The key of a baseline: `<project>/<spec path>/<name>`, with `/` on every OS. */
export function baselineKey(project: string, specPath: string, name: string): string {
  return [project, specPath, name].join('/');
}

/** The spec path part of a key: the spec file under testDir, without its test suffix. */
export function specPathOf(testFile: string, testDir: string): string {
  const path = relative(testDir, testFile).split(sep).join('/');
  return path
    .replace(/\.(spec|test)\.(ts|js|mjs|mts|tsx|jsx)$/, '')
    .replace(/\.(ts|js|mjs|mts)$/, '');
}

export interface BaselineLocation {
  key: string;
  /** Absolute paths. */
  baseline: string;
  candidate: string;
}

export function locateBaseline(rootDir: string, key: string): BaselineLocation {
  const parts = key.split('/');
  return {
    key,
    baseline: join(rootDir, BASELINES_DIR, ...parts) + '.png',
    candidate: join(rootDir, CANDIDATES_DIR, ...parts) + '.png',
  };
}

/** Returns whether baselines may be written. In CI they never are, even with `-u`. */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
