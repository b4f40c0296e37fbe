import { describe, expect, it } from 'vitest';

import { validateStoreSettings } from '../../framework/results/index.ts';
import {
  stripNul,
  computeAttemptId,
  stripAnsi,
} from '../../framework/reporting/attempt-mapping.ts';
import { detectCiRun } from '../../framework/reporting/ci-run.ts';
import {
  ResultsReporterOptionsError,
  resolveResultsReporterOptions,
} from '../../framework/reporting/results-reporter-options.ts';
import { formatSpoolNotice } from '../../framework/reporting/results-reporter.ts';
import {
  collectEnvironment,
  resolveRunId,
  RunIdError,
} from '../../framework/reporting/run-identity.ts';

const GITHUB_SHARD = {
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_RUN_ID: '9001',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_SERVER_URL: 'https://github.example',
  GITHUB_SHA: 'abc123',
  GITHUB_REF_NAME: 'main',
};

describe('resolveResultsReporterOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveResultsReporterOptions(undefined, {})).toEqual({
      enabled: true,
      spoolDir: '.nova/spool',
      batchSize: 200,
      flushIntervalMs: 2_000,
      endTimeoutMs: 15_000,
    });
  });

  it('ignores the keys Playwright adds', () => {
    const options = resolveResultsReporterOptions(
      { configDir: '/repo', _mode: 'list', _commandHash: 'x', onlyFailures: false, batchSize: 5 },
      {},
    );

    expect(options.batchSize).toBe(5);
  });

  it.each([
    [{ batchSize: 0 }, '"batchSize" must be an integer from 1 to 10000, received 0.'],
    [
      { flushIntervalMs: 2.5 },
      '"flushIntervalMs" must be an integer from 10 to 600000, received 2.5.',
    ],
    [{ enabled: 'yes' }, '"enabled" must be true or false, received "yes".'],
    [{ spoolDir: '' }, '"spoolDir" must be a non-empty folder path, received "".'],
    [{ batchsize: 5 }, 'unknown option "batchsize". Known options: enabled, spoolDir, batchSize'],
  ])('rejects %j', (options, message) => {
    expect(() => resolveResultsReporterOptions(options, {})).toThrow(ResultsReporterOptionsError);
    expect(() => resolveResultsReporterOptions(options, {})).toThrow(message);
  });

  it('turns off with NOVA_RESULTS=off', () => {
    expect(resolveResultsReporterOptions({ enabled: true }, { NOVA_RESULTS: 'off' }).enabled).toBe(
      false,
    );
  });

  it('rejects an unknown NOVA_RESULTS value', () => {
    expect(() => resolveResultsReporterOptions({}, { NOVA_RESULTS: 'of' })).toThrow(
      'NOVA_RESULTS must be "on" or "off", received "of".',
    );
  });
});

describe('resolveRunId', () => {
  it('uses NOVA_RUN_ID first', () => {
    const env = { ...GITHUB_SHARD, NOVA_RUN_ID: 'nightly-17' };

    expect(resolveRunId(env, detectCiRun(env))).toEqual({
      id: 'nightly-17',
      source: 'NOVA_RUN_ID',
    });
  });

  it('gives every shard of a CI run one id', () => {
    const first = resolveRunId(GITHUB_SHARD, detectCiRun(GITHUB_SHARD));
    const second = resolveRunId(
      GITHUB_SHARD,
      detectCiRun({ ...GITHUB_SHARD, GITHUB_JOB: 'shard-2' }),
    );

    expect(first.source).toBe('ci');
    expect(first.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(second.id).toBe(first.id);
  });

  it('gives a re-run attempt a new id', () => {
    const rerun = { ...GITHUB_SHARD, GITHUB_RUN_ATTEMPT: '3' };

    expect(resolveRunId(rerun, detectCiRun(rerun)).id).not.toBe(
      resolveRunId(GITHUB_SHARD, detectCiRun(GITHUB_SHARD)).id,
    );
  });

  it('makes a random id outside CI', () => {
    const first = resolveRunId({}, undefined);
    const second = resolveRunId({}, undefined);

    expect(first.source).toBe('random');
    expect(second.id).not.toBe(first.id);
  });

  it('rejects an unsafe NOVA_RUN_ID', () => {
    expect(() => resolveRunId({ NOVA_RUN_ID: '../etc' }, undefined)).toThrow(RunIdError);
  });
});

describe('detectCiRun', () => {
  it('reads GitHub Actions', () => {
    expect(detectCiRun(GITHUB_SHARD)).toEqual({
      provider: 'github-actions',
      runKey: 'acme/shop/9001/2',
      runUrl: 'https://github.example/acme/shop/actions/runs/9001',
      gitCommit: 'abc123',
      gitBranch: 'main',
    });
  });

  it.each([
    [{ GITLAB_CI: 'true', CI_PIPELINE_ID: '77' }, 'gitlab', '77'],
    [{ BUILD_TAG: 'jenkins-shop-12' }, 'jenkins', 'jenkins-shop-12'],
    [{ CIRCLECI: 'true', CIRCLE_WORKFLOW_ID: 'wf-1' }, 'circleci', 'wf-1'],
    [{ TF_BUILD: 'True', BUILD_BUILDID: '501' }, 'azure-pipelines', '501'],
    [{ BUILDKITE: 'true', BUILDKITE_BUILD_ID: 'bk-9' }, 'buildkite', 'bk-9'],
  ])('reads %j', (env, provider, runKey) => {
    expect(detectCiRun(env)).toMatchObject({ provider, runKey });
  });

  it('returns undefined outside CI', () => {
    expect(detectCiRun({ HOME: '/root' })).toBeUndefined();
  });
});

describe('collectEnvironment', () => {
  it('copies only allow-listed variables', () => {
    const environment = collectEnvironment(
      { playwrightVersion: '1.65.2', projectNames: ['api', 'ui'], workers: 2 },
      { CI: 'true', DATABASE_URL: 'postgres://u:secret@db/x', GITHUB_TOKEN: 'ghp_secret' },
    );

    expect(environment).toMatchObject({ CI: 'true', playwright: '1.65.2', projects: 'api, ui' });
    expect(JSON.stringify(environment)).not.toContain('secret');
  });
});

describe('attempt identity', () => {
  const parts = { runId: 'r', testId: 't', shardIndex: 1, repeatEachIndex: 0, retry: 0 };

  it('is the same for the same attempt', () => {
    expect(computeAttemptId(parts)).toBe(computeAttemptId({ ...parts }));
  });

  it.each([
    ['runId', 'r2'],
    ['testId', 't2'],
    ['shardIndex', 2],
    ['repeatEachIndex', 1],
    ['retry', 1],
  ])('changes with %s', (field, value) => {
    expect(computeAttemptId({ ...parts, [field]: value })).not.toBe(computeAttemptId(parts));
  });

  it('strips ANSI colours', () => {
    expect(stripAnsi('\u001b[31mExpected\u001b[39m: \u001b[2m1\u001b[22m')).toBe('Expected: 1');
  });
});

describe('formatSpoolNotice', () => {
  it('prints one line with a masked password', () => {
    const notice = formatSpoolNotice(
      {
        attemptsInserted: 0,
        spooledRecords: 12,
        spooledAttempts: 9,
        spoolPath: '/repo/.nova/spool/run-1-42.ndjson',
        failure: new Error(
          'Failed to connect to PostgreSQL at postgres://nova:hunter2@db:5432/nova: timeout. Check the server.',
        ),
        lostRecords: 0,
        timedOut: false,
      },
      '/repo',
    );

    expect(notice).toBe(
      '[nova results] The results database could not be written (Failed to connect to PostgreSQL at ' +
        'postgres://nova:***@db:5432/nova: timeout), so 12 records (9 attempts) were spooled to ' +
        '.nova/spool/run-1-42.ndjson. Run `nova results replay` to load them into the database.\n',
    );
  });
});

describe('stripNul', () => {
  it('removes NUL characters only', () => {
    expect(stripNul('bad \u0000 byte\u0000')).toBe('bad  byte');
    expect(stripNul('plain text')).toBe('plain text');
  });
});

describe('validateStoreSettings', () => {
  it('rejects an invalid pool size', () => {
    expect(() =>
      validateStoreSettings({
        env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/nova', NOVA_DB_POOL_SIZE: '0' },
      }),
    ).toThrow('NOVA_DB_POOL_SIZE must be an integer from 1 to 100, received "0".');
  });

  it('accepts the embedded default', () => {
    expect(() => validateStoreSettings({ env: {} })).not.toThrow();
  });
});
