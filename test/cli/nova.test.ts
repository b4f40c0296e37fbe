/**
 * Runs the real `nova` command (bin/nova.js) as a child process against a
 * results database seeded through the store API, on both backends, and
 * checks its output and exit codes.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openResultsStore, type ResultsStoreOptions } from '../../framework/results/index.ts';
import { backends } from '../results/backends.ts';
import { makeAttempt, makeRun, makeShard, makeTest } from '../results/records-fixture.ts';

const NOVA = join(import.meta.dirname, '..', '..', 'bin', 'nova.js');

interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Seeds six runs: one test flaky within runs, one stable and slow, one broken at the end. */
async function seed(options: ResultsStoreOptions): Promise<void> {
  const store = await openResultsStore(options);
  try {
    await store.upsertTests([
      makeTest('t-flaky', ['checkout', 'applies coupon']),
      makeTest('t-slow', ['search', 'large catalogue']),
      makeTest('t-broken', ['login', 'remembers user']),
    ]);
    for (let index = 0; index < 6; index++) {
      const runId = `run-${index + 1}`;
      const startedAt = new Date(Date.UTC(2026, 10, 1 + index, 9));
      await store.upsertRun(
        makeRun({ id: runId, startedAt, gitCommit: `c0ffee${index}`, gitBranch: 'main' }),
      );
      await store.upsertShard(
        makeShard({
          runId,
          startedAt,
          endedAt: new Date(startedAt.getTime() + 90_000),
          status: index >= 3 ? 'failed' : 'passed',
          totals: {
            expected: 2,
            unexpected: index >= 3 ? 1 : 0,
            flaky: index % 2 === 0 ? 1 : 0,
            skipped: 0,
          },
        }),
      );
      const flakyRetried = index % 2 === 0;
      await store.insertAttempts([
        makeAttempt({
          id: `${runId}-flaky-0`,
          runId,
          testId: 't-flaky',
          startedAt,
          status: flakyRetried ? 'failed' : 'passed',
          errorMessage: flakyRetried ? 'Timed out 5000ms waiting for coupon total' : undefined,
        }),
        ...(flakyRetried
          ? [makeAttempt({ id: `${runId}-flaky-1`, runId, testId: 't-flaky', retry: 1, startedAt })]
          : []),
        makeAttempt({
          id: `${runId}-slow`,
          runId,
          testId: 't-slow',
          startedAt,
          durationMs: 2_000 + index * 100,
        }),
        makeAttempt({
          id: `${runId}-broken`,
          runId,
          testId: 't-broken',
          startedAt,
          status: index >= 3 ? 'failed' : 'passed',
        }),
      ]);
    }
  } finally {
    await store.close();
  }
}

describe.each(backends())('nova on $name', (backend) => {
  let workDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const options = await backend.createDatabase();
    await seed(options);
    workDir = await mkdtemp(join(tmpdir(), 'nova-cli-'));
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...(options.dataDir ? { NOVA_RESULTS_DB_DIR: options.dataDir } : {}),
    };
  });
  afterAll(async () => {
    await backend.cleanup();
    await rm(workDir, { recursive: true, force: true });
  });

  function nova(...args: string[]): Promise<CliResult> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [NOVA, ...args],
        { cwd: workDir, env },
        (error, stdout, stderr) => {
          const exitCode = error ? Number((error as { code?: number }).code ?? 1) : 0;
          resolve({ exitCode, stdout, stderr });
        },
      );
    });
  }

  it('runs lists runs newest first', async () => {
    const result = await nova('runs', '--json');

    expect(result.exitCode).toBe(0);
    const runs = JSON.parse(result.stdout) as Array<{
      id: string;
      status: string;
      totals: { unexpected: number };
    }>;
    expect(runs.map((run) => run.id)).toEqual([
      'run-6',
      'run-5',
      'run-4',
      'run-3',
      'run-2',
      'run-1',
    ]);
    expect(runs[0]!.status).toBe('failed');
    expect(runs[0]!.totals.unexpected).toBe(1);
  });

  it('runs prints a table', async () => {
    const result = await nova('runs', '--limit', '2');

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Run\s+│\s+Started \(UTC\)/);
    expect(result.stdout).toMatch(
      /run-6\s+│\s+2026-11-06 09:00\s+│\s+1\.5 min|run-6\s+│\s+2026-11-06 09:00\s+│\s+1 min 30 s/,
    );
    expect(result.stdout).toContain('c0ffee5');
    expect(result.stdout).not.toContain('run-4');
  });

  it('history shows attempts of a test', async () => {
    const result = await nova('history', 'applies coupon');

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      'api › api/iris.spec.ts › checkout › applies coupon  (id t-flaky)',
    );
    expect(result.stdout).toContain('Timed out 5000ms waiting for coupon total');
    expect(result.stdout.match(/run-\d/g)).toHaveLength(9);
  });

  it('history of unknown test fails', async () => {
    const result = await nova('history', 'no such test');

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('nova: No test matches "no such test".');
  });

  it('flaky lists the retried test', async () => {
    const result = await nova('flaky', '--json');

    expect(result.exitCode).toBe(0);
    const flaky = JSON.parse(result.stdout) as Array<{
      test: { id: string };
      verdict: { flakeRate: number; state: string };
    }>;
    expect(flaky.map((entry) => entry.test.id)).toEqual(['t-flaky']);
    expect(flaky[0]!.verdict.flakeRate).toBeCloseTo(0.5, 12);
  });

  it('flaky table shows outcomes', async () => {
    const result = await nova('flaky');

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/50\.0%\s+│\s+3\s+│\s+6\s+│\s+api/);
    expect(result.stdout).toContain('PRPRPR');
  });

  it('slowest orders by median', async () => {
    const result = await nova('slowest', '--json', '--limit', '1');

    expect(result.exitCode).toBe(0);
    const slowest = JSON.parse(result.stdout) as Array<{ test: { id: string }; medianMs: number }>;
    expect(slowest.map((entry) => entry.test.id)).toEqual(['t-slow']);
    expect(slowest[0]!.medianMs).toBe(2_250);
  });

  it('quarantine writes the list', async () => {
    const file = join(workDir, 'quarantine.json');

    const result = await nova('quarantine', '--limit', '20%', '--write', file);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`Wrote 1 quarantined test(s) to ${file}.`);
    const list = JSON.parse(await readFile(file, 'utf8')) as {
      limit: number;
      tests: Array<{ testId: string; reason: string }>;
    };
    expect(list.limit).toBe(0.2);
    expect(list.tests).toEqual([
      expect.objectContaining({ testId: 't-flaky', reason: 'flaky in 3 of 6 runs (50%)' }),
    ]);
  });

  it('quarantine above the rate lists none', async () => {
    const result = await nova('quarantine', '--limit', '0.6');

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('No test is flaky in more than 60.0% of its last 30 runs.');
  });

  it('replay with empty spool says so', async () => {
    const spool = join(workDir, 'spool');
    await mkdir(spool, { recursive: true });

    const result = await nova('results', 'replay', '--spool', spool);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`Nothing to replay: ${spool} has no spool files.\n`);
  });

  it('replay reports a malformed line', async () => {
    const spool = join(workDir, 'bad-spool');
    await mkdir(spool, { recursive: true });
    await writeFile(join(spool, 'run-x-1-1.ndjson'), '{ this is not json\n');

    const result = await nova('results', 'replay', '--spool', spool);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/1 spool line\(s\) could not be replayed/);
    expect(result.stderr).toMatch(/run-x-1-1\.ndjson:1: /);
  });

  it('db migrate reports the schema', async () => {
    const result = await nova('db', 'migrate');

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`schema is up to date \\(${backend.name} at `));
  });
});

describe('nova arguments', () => {
  function nova(...args: string[]): Promise<CliResult> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [NOVA, ...args],
        { env: { PATH: process.env.PATH } },
        (error, stdout, stderr) => {
          resolve({
            exitCode: error ? Number((error as { code?: number }).code ?? 1) : 0,
            stdout,
            stderr,
          });
        },
      );
    });
  }

  it.each([
    [
      ['runs', '--limit', 'abc'],
      `option '-n, --limit <count>' argument 'abc' is invalid. expected a whole number from 1 to 10000, received "abc".`,
    ],
    [['flaky', '--window', '0'], 'expected a whole number from 1 to 1000, received "0"'],
    [
      ['quarantine', '--limit', '150%'],
      'expected a rate from 0 to 1 or a percentage such as 10%, received "150%"',
    ],
    [['runz'], "unknown command 'runz'"],
    [['history', ' '], 'The <test> argument is empty. Pass a test id or part of its title.'],
    [['runs', '--colour'], "unknown option '--colour'"],
  ])('%j exits 2', async (args, message) => {
    const result = await nova(...args);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('help lists every command', async () => {
    const result = await nova('--help');

    expect(result.exitCode).toBe(0);
    for (const command of [
      'runs',
      'history',
      'flaky',
      'slowest',
      'quarantine',
      'results',
      'db',
      'bugs',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('unreachable database exits 1', async () => {
    const result = await new Promise<CliResult>((resolve) => {
      execFile(
        process.execPath,
        [NOVA, 'runs'],
        {
          env: {
            PATH: process.env.PATH,
            DATABASE_URL: 'postgres://postgres:secret-pw@127.0.0.1:1/nova',
          },
        },
        (error, stdout, stderr) =>
          resolve({
            exitCode: error ? Number((error as { code?: number }).code ?? 1) : 0,
            stdout,
            stderr,
          }),
      );
    });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^nova: .*127\.0\.0\.1:1/);
    expect(result.stderr).not.toContain('secret-pw');
  });
});
