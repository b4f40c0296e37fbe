import { describe, expect, it } from 'vitest';

import {
  BugStepOptionsError,
  GitHubSettingsError,
  resolveBugStepOptions,
  resolveGitHubSettings,
} from '../../framework/bugs/index.ts';

describe('resolveGitHubSettings', () => {
  it('runs dry without a token', () => {
    expect(resolveGitHubSettings({ NOVA_GITHUB_REPO: 'octo-org/shop' })).toBeUndefined();
  });

  it('reads token, repository and API URL', () => {
    expect(
      resolveGitHubSettings({
        GITHUB_TOKEN: 'ghp_x',
        NOVA_GITHUB_REPO: 'octo-org/shop',
        GITHUB_API_URL: 'https://github.example.com/api/v3/',
      }),
    ).toEqual({
      token: 'ghp_x',
      owner: 'octo-org',
      repo: 'shop',
      apiUrl: 'https://github.example.com/api/v3',
    });
  });

  it('falls back to GITHUB_REPOSITORY and api.github.com', () => {
    expect(
      resolveGitHubSettings({ GITHUB_TOKEN: 'ghp_x', GITHUB_REPOSITORY: 'a/b' }),
    ).toMatchObject({
      owner: 'a',
      repo: 'b',
      apiUrl: 'https://api.github.com',
    });
  });

  it('names every invalid variable', () => {
    const resolve = () =>
      resolveGitHubSettings({
        GITHUB_TOKEN: 'ghp_x',
        NOVA_GITHUB_REPO: 'shop',
        GITHUB_API_URL: 'ftp://x',
      });

    expect(resolve).toThrow(GitHubSettingsError);
    expect(resolve).toThrow(
      /NOVA_GITHUB_REPO must be owner\/name, such as octo-org\/shop, received "shop"/,
    );
    expect(resolve).toThrow(/GITHUB_API_URL must be an http or https URL .* received "ftp:\/\/x"/);
  });

  it('requires a repository with a token', () => {
    expect(() => resolveGitHubSettings({ GITHUB_TOKEN: 'ghp_x' })).toThrow(
      /GITHUB_TOKEN is set but NOVA_GITHUB_REPO is not/,
    );
  });
});

describe('resolveBugStepOptions', () => {
  it('has defaults', () => {
    expect(resolveBugStepOptions({}, {})).toEqual({
      enabled: true,
      spoolDir: '.nova/spool',
      passesToClose: 3,
      defaultBranch: 'main',
      github: {},
    });
  });

  it('reads the environment', () => {
    expect(
      resolveBugStepOptions(
        {},
        { NOVA_BUGS_PASSES_TO_CLOSE: '5', NOVA_DEFAULT_BRANCH: 'trunk', NOVA_BUGS: 'off' },
      ),
    ).toMatchObject({ enabled: false, passesToClose: 5, defaultBranch: 'trunk' });
  });

  it('lists every invalid option', () => {
    const resolve = () =>
      resolveBugStepOptions(
        { passesToClose: 0, draftsDir: '', github: { retries: -1 }, lockWaitMs: 1.5 },
        {},
      );

    expect(resolve).toThrow(BugStepOptionsError);
    expect(resolve).toThrow(/passesToClose must be a whole number of at least 1, received 0/);
    expect(resolve).toThrow(/draftsDir must be a folder path, received ""/);
    expect(resolve).toThrow(/github.retries must be a whole number of at least 0, received -1/);
    expect(resolve).toThrow(/lockWaitMs must be a whole number of at least 0, received 1.5/);
  });

  it('rejects a bad NOVA_BUGS_PASSES_TO_CLOSE', () => {
    expect(() => resolveBugStepOptions({}, { NOVA_BUGS_PASSES_TO_CLOSE: 'three' })).toThrow(
      'NOVA_BUGS_PASSES_TO_CLOSE must be a whole number of at least 1, received "three"',
    );
  });
});
