import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { arch, cpus, release, type } from 'node:os';

import type { RunRecord } from '../results/index.ts';
import { detectCiRun, type CiRun } from './ci-run.ts';

/**
 * Namespace of the name-based UUIDs (RFC 9562, version 5) that the reporter
 * derives from a CI run key. Fixed, so that every shard of a CI run derives
 * the same run id.
 */
const RUN_ID_NAMESPACE = '5d0c1a8e-3f4b-4c2a-9e61-7b0f2d9a4c13';

/** Maximum length of `NOVA_RUN_ID`, which becomes part of a file name. */
const MAX_RUN_ID_LENGTH = 128;

/** Time limit of each `git` command; a slow or locked repository must not hold up the run. */
const GIT_TIMEOUT_MS = 2_000;

/**
 * Variables whose values may be stored with a run. Everything else in the
 * environment is left out, because it may contain secrets.
 */
export const ENVIRONMENT_ALLOW_LIST = [
  'CI',
  'GITHUB_WORKFLOW',
  'GITHUB_JOB',
  'GITHUB_EVENT_NAME',
  'RUNNER_OS',
  'RUNNER_ARCH',
  'CI_JOB_NAME',
  'CI_PIPELINE_SOURCE',
  'JOB_NAME',
  'CIRCLE_JOB',
  'BUILDKITE_PIPELINE_SLUG',
  'BUILDKITE_LABEL',
  'AGENT_OS',
] as const;

export class RunIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunIdError';
  }
}

/** The run id and where it came from, for logs. */
export interface RunId {
  id: string;
  source: 'NOVA_RUN_ID' | 'ci' | 'random';
}

/**
 * Chooses the run id that all shards of one CI run share: `NOVA_RUN_ID` when
 * set, else a UUID derived from the CI run key, else a random UUID, which
 * makes each local run a run of its own.
 *
 * @throws RunIdError when `NOVA_RUN_ID` is too long or contains characters other than letters, digits, `.`, `_`, `:` and `-`
 */
export function resolveRunId(env: NodeJS.ProcessEnv, ci: CiRun | undefined): RunId {
  const requested = env.NOVA_RUN_ID?.trim();
  if (requested) {
    if (requested.length > MAX_RUN_ID_LENGTH || !/^[A-Za-z0-9._:-]+$/.test(requested)) {
      throw new RunIdError(
        `NOVA_RUN_ID must be 1 to ${MAX_RUN_ID_LENGTH} letters, digits, ".", "_", ":" or "-", ` +
          `received ${JSON.stringify(requested)}. Set it to the same value in every shard, ` +
          'for example NOVA_RUN_ID=${GITHUB_RUN_ID}-${GITHUB_RUN_ATTEMPT}, or unset it.',
      );
    }
    return { id: requested, source: 'NOVA_RUN_ID' };
  }

  if (ci?.runKey) return { id: nameBasedUuid(`${ci.provider}:${ci.runKey}`), source: 'ci' };

  return { id: randomUUID(), source: 'random' };
}

/** A version 5 UUID of `name` in the reporter's namespace. */
function nameBasedUuid(name: string): string {
  const namespace = Buffer.from(RUN_ID_NAMESPACE.replaceAll('-', ''), 'hex');
  const bytes = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);

  // Version 5 in the high nibble of byte 6, the RFC variant in the top bits of byte 8.
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;

  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Runs one git command; undefined when git is missing, slow, or the folder is not a repository. */
function runGit(args: string[], cwd: string): string | undefined {
  try {
    const output = execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: GIT_TIMEOUT_MS,
    }).trim();
    return output || undefined;
  } catch {
    return undefined;
  }
}

/** Facts about the run that `collectEnvironment` stores with it. */
export interface EnvironmentFacts {
  playwrightVersion: string;
  projectNames: string[];
  workers: number;
}

/**
 * Collects environment facts for the run record: versions, OS, CPU and the
 * allow-listed CI variables. It never copies other variables.
 */
export function collectEnvironment(
  facts: EnvironmentFacts,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const environment: Record<string, string> = {
    node: process.version,
    os: `${type()} ${release()} ${arch()}`,
    cpu: `${cpus()[0]?.model.trim() ?? 'unknown'} x ${cpus().length}`,
    playwright: facts.playwrightVersion,
    projects: facts.projectNames.join(', '),
    workers: String(facts.workers),
  };

  for (const name of ENVIRONMENT_ALLOW_LIST) {
    const value = env[name];
    if (value !== undefined && value !== '') environment[name] = value;
  }

  return environment;
}

export interface RunIdentity {
  run: RunRecord;
  runIdSource: RunId['source'];
}

/**
 * Builds the run record of this process. Commit and branch come from the CI
 * variables, else from `git rev-parse` in `cwd`; both stay undefined without
 * git. Git runs synchronously, once per run, with a 2-second limit.
 */
export function resolveRunIdentity(options: {
  env: NodeJS.ProcessEnv;
  cwd: string;
  startedAt: Date;
  facts: EnvironmentFacts;
  /** The run id when already resolved; else it is resolved from `env`. */
  runId?: RunId;
}): RunIdentity {
  const { env, cwd, startedAt, facts } = options;
  const ci = detectCiRun(env);
  const runId = options.runId ?? resolveRunId(env, ci);

  const gitCommit = ci?.gitCommit ?? runGit(['rev-parse', 'HEAD'], cwd);
  let gitBranch = ci?.gitBranch ?? runGit(['rev-parse', '--abbrev-ref', 'HEAD'], cwd);
  // A detached HEAD has no branch name; git prints the word HEAD instead.
  if (gitBranch === 'HEAD') gitBranch = undefined;

  return {
    run: {
      id: runId.id,
      startedAt,
      gitCommit,
      gitBranch,
      ciProvider: ci?.provider,
      runUrl: ci?.runUrl,
      environment: collectEnvironment(facts, env),
    },
    runIdSource: runId.source,
  };
}
