/**
 * Options of the bug step, from the reporter's options in playwright.config.ts
 * and the environment. Every invalid value is reported at once, before any
 * test runs.
 */
import type { GitHubClientOptions } from './github-client.ts';

/** Consecutive passing runs on the default branch after which a bug's issue closes. */
export const DEFAULT_PASSES_TO_CLOSE = 3;
export const DEFAULT_BRANCH = 'main';

export interface BugStepOptions {
  /** Turns the bug step off; `NOVA_BUGS=off` does the same. */
  enabled?: boolean;
  /** Folder of the Markdown drafts; default `nova-bugs` in the run's output folder. */
  draftsDir?: string;
  /** Default `NOVA_BUGS_PASSES_TO_CLOSE`, else 3. */
  passesToClose?: number;
  /** Branch whose passing runs close bugs; default `NOVA_DEFAULT_BRANCH`, else `main`. */
  defaultBranch?: string;
  /** Limits of the GitHub client, for tests and for GitHub Enterprise instances with other limits. */
  github?: GitHubClientOptions;
  /** Lock timings of the filer, in milliseconds. */
  lockWaitMs?: number;
  createRetryBaseMs?: number;
  /** The results reporter's spool folder, replayed before bugs are counted (default `.nova/spool`). */
  spoolDir?: string;
}

export interface ResolvedBugStepOptions {
  spoolDir: string;
  enabled: boolean;
  draftsDir?: string;
  passesToClose: number;
  defaultBranch: string;
  github: GitHubClientOptions;
  lockWaitMs?: number;
  createRetryBaseMs?: number;
}

export class BugStepOptionsError extends Error {
  override readonly name = 'BugStepOptionsError';
}

const GITHUB_LIMIT_NAMES = [
  'retries',
  'retryAfterBaseMs',
  'maxRetryAfterSeconds',
  'writeIntervalMs',
  'notificationIntervalMs',
  'searchIntervalMs',
  'requestTimeoutMs',
] as const;

function isWholeNumber(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

/** Validates the options and reads the environment; throws one BugStepOptionsError listing every problem. */
export function resolveBugStepOptions(
  raw: unknown,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedBugStepOptions {
  const options = (typeof raw === 'object' && raw !== null ? raw : {}) as BugStepOptions &
    Record<string, unknown>;
  const problems: string[] = [];

  const passesText = env.NOVA_BUGS_PASSES_TO_CLOSE?.trim();
  let passesToClose = options.passesToClose ?? DEFAULT_PASSES_TO_CLOSE;
  if (passesText) {
    passesToClose = Number(passesText);
    if (!/^\d+$/.test(passesText) || passesToClose < 1) {
      problems.push(
        `NOVA_BUGS_PASSES_TO_CLOSE must be a whole number of at least 1, received ${JSON.stringify(passesText)}. Fix or unset it.`,
      );
    }
  } else if (!isWholeNumber(passesToClose, 1)) {
    problems.push(
      `Bug reporter option passesToClose must be a whole number of at least 1, received ${JSON.stringify(passesToClose)}.`,
    );
  }

  const defaultBranch =
    (env.NOVA_DEFAULT_BRANCH?.trim() || options.defaultBranch) ?? DEFAULT_BRANCH;
  if (typeof defaultBranch !== 'string' || defaultBranch.trim() === '') {
    problems.push(
      `The default branch must be a branch name such as main, received ${JSON.stringify(defaultBranch)}.`,
    );
  }

  if (
    options.draftsDir !== undefined &&
    (typeof options.draftsDir !== 'string' || options.draftsDir === '')
  ) {
    problems.push(
      `Bug reporter option draftsDir must be a folder path, received ${JSON.stringify(options.draftsDir)}.`,
    );
  }

  const github: GitHubClientOptions = {};
  for (const name of GITHUB_LIMIT_NAMES) {
    const value = options.github?.[name];
    if (value === undefined) continue;
    if (!isWholeNumber(value, 0)) {
      problems.push(
        `Bug reporter option github.${name} must be a whole number of at least 0, received ${JSON.stringify(value)}.`,
      );
    } else {
      github[name] = value;
    }
  }
  for (const name of ['lockWaitMs', 'createRetryBaseMs'] as const) {
    const value = options[name];
    if (value !== undefined && !isWholeNumber(value, 0)) {
      problems.push(
        `Bug reporter option ${name} must be a whole number of at least 0, received ${JSON.stringify(value)}.`,
      );
    }
  }

  if (problems.length > 0) throw new BugStepOptionsError(problems.join('\n'));
  return {
    enabled: options.enabled !== false && env.NOVA_BUGS?.trim().toLowerCase() !== 'off',
    spoolDir: options.spoolDir ?? '.nova/spool',
    ...(options.draftsDir ? { draftsDir: options.draftsDir } : {}),
    passesToClose,
    defaultBranch,
    github,
    ...(options.lockWaitMs !== undefined ? { lockWaitMs: options.lockWaitMs } : {}),
    ...(options.createRetryBaseMs !== undefined
      ? { createRetryBaseMs: options.createRetryBaseMs }
      : {}),
  };
}
