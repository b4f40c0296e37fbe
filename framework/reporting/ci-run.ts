/**
 * The CI run that the tests run in, read from the variables that each CI
 * service sets. All shards (jobs) of one CI run see the same `runKey`, which
 * is what lets them share one run id.
 */
export interface CiRun {
  /** For example `github-actions`, `gitlab`, `jenkins`. */
  provider: string;
  /** Identifies the CI run across its shards; undefined when the variable is missing. */
  runKey?: string;
  runUrl?: string;
  gitCommit?: string;
  gitBranch?: string;
}

type Env = NodeJS.ProcessEnv;

/** Reads a variable; returns undefined when it is unset or blank. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function githubActions(env: Env): CiRun {
  const repository = read(env, 'GITHUB_REPOSITORY');
  const runId = read(env, 'GITHUB_RUN_ID');
  const server = read(env, 'GITHUB_SERVER_URL');

  // A re-run of a workflow keeps GITHUB_RUN_ID and raises GITHUB_RUN_ATTEMPT,
  // so the attempt is part of the key: a re-run is a new run.
  const runKey =
    repository && runId
      ? `${repository}/${runId}/${read(env, 'GITHUB_RUN_ATTEMPT') ?? '1'}`
      : undefined;

  return {
    provider: 'github-actions',
    runKey,
    runUrl:
      server && repository && runId ? `${server}/${repository}/actions/runs/${runId}` : undefined,
    gitCommit: read(env, 'GITHUB_SHA'),
    // GITHUB_HEAD_REF is the source branch of a pull request; GITHUB_REF_NAME
    // is then only the merge ref, such as `12/merge`.
    gitBranch: read(env, 'GITHUB_HEAD_REF') ?? read(env, 'GITHUB_REF_NAME'),
  };
}

function gitlab(env: Env): CiRun {
  return {
    provider: 'gitlab',
    runKey: read(env, 'CI_PIPELINE_ID'),
    runUrl: read(env, 'CI_PIPELINE_URL'),
    gitCommit: read(env, 'CI_COMMIT_SHA'),
    gitBranch: read(env, 'CI_COMMIT_REF_NAME'),
  };
}

function jenkins(env: Env): CiRun {
  return {
    provider: 'jenkins',
    runKey: read(env, 'BUILD_TAG'),
    runUrl: read(env, 'BUILD_URL'),
    gitCommit: read(env, 'GIT_COMMIT'),
    gitBranch: read(env, 'BRANCH_NAME') ?? read(env, 'GIT_BRANCH'),
  };
}

function circleci(env: Env): CiRun {
  return {
    provider: 'circleci',
    runKey: read(env, 'CIRCLE_WORKFLOW_ID'),
    runUrl: read(env, 'CIRCLE_BUILD_URL'),
    gitCommit: read(env, 'CIRCLE_SHA1'),
    gitBranch: read(env, 'CIRCLE_BRANCH'),
  };
}

function azurePipelines(env: Env): CiRun {
  const buildId = read(env, 'BUILD_BUILDID');
  const collection = read(env, 'SYSTEM_COLLECTIONURI');
  const project = read(env, 'SYSTEM_TEAMPROJECT');
  return {
    provider: 'azure-pipelines',
    runKey: buildId,
    runUrl:
      buildId && collection && project
        ? `${collection.replace(/\/?$/, '/')}${encodeURIComponent(project)}/_build/results?buildId=${buildId}`
        : undefined,
    gitCommit: read(env, 'BUILD_SOURCEVERSION'),
    gitBranch: read(env, 'BUILD_SOURCEBRANCHNAME'),
  };
}

function buildkite(env: Env): CiRun {
  return {
    provider: 'buildkite',
    runKey: read(env, 'BUILDKITE_BUILD_ID'),
    runUrl: read(env, 'BUILDKITE_BUILD_URL'),
    gitCommit: read(env, 'BUILDKITE_COMMIT'),
    gitBranch: read(env, 'BUILDKITE_BRANCH'),
  };
}

/**
 * CI services, each with the variables that identify it. Jenkins does not
 * set a variable named after itself in every setup, so `BUILD_TAG`
 * (`jenkins-<job>-<n>`) is checked too. Jenkins comes last because
 * `BUILD_TAG` is a generic name.
 */
const PROVIDERS: Array<{ detect: (env: Env) => boolean; read: (env: Env) => CiRun }> = [
  { detect: (env) => read(env, 'GITHUB_ACTIONS') === 'true', read: githubActions },
  { detect: (env) => read(env, 'GITLAB_CI') !== undefined, read: gitlab },
  { detect: (env) => read(env, 'CIRCLECI') !== undefined, read: circleci },
  { detect: (env) => read(env, 'BUILDKITE') !== undefined, read: buildkite },
  {
    detect: (env) =>
      read(env, 'TF_BUILD') !== undefined || read(env, 'BUILD_BUILDID') !== undefined,
    read: azurePipelines,
  },
  {
    detect: (env) =>
      read(env, 'JENKINS_URL') !== undefined ||
      (read(env, 'BUILD_TAG') ?? '').startsWith('jenkins-'),
    read: jenkins,
  },
];

/** Detects the CI service from its variables; undefined outside CI. */
export function detectCiRun(env: Env = process.env): CiRun | undefined {
  const provider = PROVIDERS.find((candidate) => candidate.detect(env));
  return provider?.read(env);
}
