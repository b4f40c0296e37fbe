/**
 * Bug-filing settings: `GITHUB_TOKEN`, `NOVA_GITHUB_REPO` (or the
 * `GITHUB_REPOSITORY` that GitHub Actions sets) and `GITHUB_API_URL` for
 * GitHub Enterprise Server. Without a token the bug step runs dry.
 */

/** GitHub's public REST API, used when `GITHUB_API_URL` is unset. */
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

export interface GitHubSettings {
  token: string;
  owner: string;
  repo: string;
  /** REST API base URL without a trailing slash. */
  apiUrl: string;
}

/** Invalid bug-filing settings, one line per problem. */
export class GitHubSettingsError extends Error {
  override readonly name = 'GitHubSettingsError';
}

const REPO_PATTERN = /^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/;

/**
 * Reads the settings from `env`. Returns undefined without `GITHUB_TOKEN`
 * (dry run), and throws a GitHubSettingsError that names every invalid
 * variable and its fix.
 */
export function resolveGitHubSettings(
  env: NodeJS.ProcessEnv = process.env,
): GitHubSettings | undefined {
  const token = env.GITHUB_TOKEN?.trim();
  const repoText = (env.NOVA_GITHUB_REPO ?? env.GITHUB_REPOSITORY ?? '').trim();
  const apiText = (env.GITHUB_API_URL ?? '').trim() || DEFAULT_GITHUB_API_URL;

  const problems: string[] = [];
  const repoMatch = REPO_PATTERN.exec(repoText);
  if (repoText !== '' && repoMatch === null) {
    problems.push(
      `NOVA_GITHUB_REPO must be owner/name, such as octo-org/shop, received ${JSON.stringify(repoText)}. Fix or unset it.`,
    );
  }
  let apiUrl: URL | undefined;
  try {
    apiUrl = new URL(apiText);
    if (apiUrl.protocol !== 'https:' && apiUrl.protocol !== 'http:') throw new Error('not http');
  } catch {
    problems.push(
      `GITHUB_API_URL must be an http or https URL such as ${DEFAULT_GITHUB_API_URL} or https://github.example.com/api/v3, ` +
        `received ${JSON.stringify(apiText)}. Fix or unset it.`,
    );
  }

  if (!token) {
    if (problems.length > 0) throw new GitHubSettingsError(problems.join('\n'));
    return undefined;
  }
  if (repoText === '') {
    problems.push(
      'GITHUB_TOKEN is set but NOVA_GITHUB_REPO is not: set it to the owner/name of the repository that gets the issues, ' +
        'or unset GITHUB_TOKEN to keep the bugs as drafts.',
    );
  }
  if (problems.length > 0 || repoMatch === null || apiUrl === undefined) {
    throw new GitHubSettingsError(problems.join('\n'));
  }
  return {
    token,
    owner: repoMatch[1] ?? '',
    repo: repoMatch[2] ?? '',
    apiUrl: apiUrl.toString().replace(/\/+$/, ''),
  };
}
