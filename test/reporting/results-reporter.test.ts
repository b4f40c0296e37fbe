/**
 * Runs the real Playwright runner on small projects written to a temp folder,
 * with the results reporter configured by absolute path, and checks what
 * reached the database and the spool. The specs use no browser.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { replaySpool, type ReplayResult } from '../../framework/reporting/replay.ts';
import { openResultsStore } from '../../framework/results/index.ts';

const REPOSITORY_ROOT = join(import.meta.dirname, '..', '..');
const PLAYWRIGHT_CLI = join(REPOSITORY_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const REPORTER = join(REPOSITORY_ROOT, 'framework', 'reporting', 'results-reporter.ts');

const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const UNREACHABLE_DATABASE_URL = 'postgres://postgres@127.0.0.1:1/nova';
const SPOOL_NOTICE = /^\[nova results\] The results database could not be written/;

/** Variables that would change the run id, the backend or Playwright's behaviour. */
const VARIABLES_TO_CLEAR = [
  'DATABASE_URL',
  'NOVA_RUN_ID',
  'NOVA_RESULTS',
  'CI',
  'GITHUB_ACTIONS',
  'GITLAB_CI',
  'CIRCLECI',
  'BUILDKITE',
  'TF_BUILD',
  'BUILD_BUILDID',
  'JENKINS_URL',
  'BUILD_TAG',
  'DEBUG',
];

interface PlaywrightRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

interface ProjectSetup {
  reporterOptions?: Record<string, unknown>;
  retries?: number;
  workers?: number;
  specs: Record<string, string>;
}

/** Writes a Playwright project that resolves `@playwright/test` and `pg` from this repository. */
async function writeProject(dir: string, setup: ProjectSetup): Promise<void> {
  await mkdir(join(dir, 'tests'), { recursive: true });
  await symlink(join(REPOSITORY_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  await writeFile(
    join(dir, 'playwright.config.ts'),
    `import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  retries: ${setup.retries ?? 0},
  workers: ${setup.workers ?? 1},
  reporter: [['null'], [${JSON.stringify(REPORTER)}, ${JSON.stringify(setup.reporterOptions ?? {})}]],
});
`,
  );
  for (const [name, source] of Object.entries(setup.specs)) {
    await writeFile(join(dir, 'tests', name), source);
  }
}

function runPlaywright(
  dir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<PlaywrightRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  for (const name of VARIABLES_TO_CLEAR) delete childEnv[name];
  Object.assign(childEnv, env);

  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [PLAYWRIGHT_CLI, 'test', '-c', join(dir, 'playwright.config.ts'), ...args],
      { cwd: dir, env: childEnv, timeout: 60_000 },
      (error, stdout, stderr) => {
        const exitCode = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ exitCode, stdout, stderr, durationMs: Date.now() - started });
      },
    );
  });
}

function spoolNotices(run: PlaywrightRun): string[] {
  return run.stderr.split('\n').filter((line) => SPOOL_NOTICE.test(line));
}

async function spoolFiles(dir: string): Promise<string[]> {
  const spoolDir = join(dir, '.nova', 'spool');
  const names = await readdir(spoolDir).catch(() => []);
  return names.filter((name) => name.endsWith('.ndjson')).map((name) => join(spoolDir, name));
}

/** Counts the attempt records in spool files by reading them as the reporter wrote them. */
async function countSpooledAttempts(files: string[]): Promise<number> {
  let count = 0;
  for (const file of files) {
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      if (line.trim() === '') continue;
      const entry = JSON.parse(line) as { kind: string; records?: unknown[] };
      if (entry.kind === 'attempts') count += entry.records?.length ?? 0;
    }
  }
  return count;
}

interface AttemptRow {
  title: string;
  retry: number;
  status: string;
  expected_status: string;
  shard_index: number;
  run_id: string;
  error_message: string | null;
  attachments: Array<{ name: string; contentType: string; sizeBytes?: number }>;
  tags: string[];
}

const ATTEMPTS_QUERY = `
  SELECT t.title, a.retry, a.status, a.expected_status, a.shard_index, a.run_id,
         a.error_message, a.attachments, t.tags
  FROM attempts a JOIN tests t ON t.id = a.test_id
  ORDER BY t.title, a.retry`;

/** Reads the attempts that a run wrote to the PGlite database of a project folder. */
async function readPGliteAttempts(dataDir: string): Promise<AttemptRow[]> {
  const db = await PGlite.create(dataDir);
  try {
    return (await db.query<AttemptRow>(ATTEMPTS_QUERY)).rows;
  } finally {
    await db.close();
  }
}

async function readPGliteShards(
  dataDir: string,
): Promise<Array<{ run_id: string; shard_index: number; shard_total: number; status: string }>> {
  const db = await PGlite.create(dataDir);
  try {
    const result = await db.query<{
      run_id: string;
      shard_index: number;
      shard_total: number;
      status: string;
    }>('SELECT run_id, shard_index, shard_total, status FROM run_shards ORDER BY shard_index');
    return result.rows;
  } finally {
    await db.close();
  }
}

async function replayInto(
  spoolDir: string,
  options: { dataDir?: string; databaseUrl?: string },
): Promise<ReplayResult> {
  const store = await openResultsStore(options);
  try {
    return await replaySpool({ spoolDir, store });
  } finally {
    await store.close();
  }
}

/** Fails, never skips, when PostgreSQL is not there: the tests below need it. */
async function connectToPostgres(): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 3_000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${(error as Error).message}). ` +
        'Start it, for example with `pg_ctlcluster 15 main start`, and allow the postgres user ' +
        'to connect from 127.0.0.1 without a password.',
    );
  }
  return client;
}

let projectDir: string;

beforeEach(async () => {
  projectDir = await mkdtemp(join(tmpdir(), 'nova-results-reporter-'));
});

afterEach(async () => {
  await rm(projectDir, { recursive: true, force: true });
});

const FLAKY_SPEC = `
import { expect, test } from '@playwright/test';

test.describe('checkout', () => {
  test('adds an item', { tag: '@smoke' }, async () => {
    expect(1 + 1).toBe(2);
  });

  test('fails once, then passes', async ({}, testInfo) => {
    await testInfo.attach('request.json', { body: '{"id":1}', contentType: 'application/json' });
    expect(testInfo.retry, 'the first attempt fails on purpose').toBe(1);
  });
});

test('is skipped', async () => {
  test.skip(true, 'not relevant here');
});

test('fails as expected', async () => {
  test.fail();
  expect(1).toBe(2);
});
`;

describe('results reporter with PGlite', () => {
  it('records every attempt, retries included', async () => {
    await writeProject(projectDir, { retries: 1, specs: { 'checkout.spec.ts': FLAKY_SPEC } });

    const run = await runPlaywright(projectDir, []);

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const rows = await readPGliteAttempts(join(projectDir, '.nova', 'results-db'));
    expect(rows.map((row) => [row.title, row.retry, row.status, row.expected_status])).toEqual([
      ['adds an item', 0, 'passed', 'passed'],
      ['fails as expected', 0, 'failed', 'failed'],
      ['fails once, then passes', 0, 'failed', 'passed'],
      ['fails once, then passes', 1, 'passed', 'passed'],
      ['is skipped', 0, 'skipped', 'skipped'],
    ]);

    const firstTry = rows.find((row) => row.title === 'fails once, then passes' && row.retry === 0);
    expect(firstTry?.error_message).toContain('the first attempt fails on purpose');
    expect(firstTry?.error_message).not.toContain('\u001b[');
    expect(firstTry?.attachments[0]).toMatchObject({
      name: 'request.json',
      contentType: 'application/json',
      sizeBytes: 8,
    });
    expect(rows.find((row) => row.title === 'adds an item')?.tags).toEqual(['@smoke']);
    expect(await spoolFiles(projectDir)).toEqual([]);
  });

  it('puts two shards in one run', async () => {
    const tests = Array.from(
      { length: 4 },
      (_, index) => `test('case ${index}', async () => { expect(${index}).toBe(${index}); });`,
    );
    await writeProject(projectDir, {
      specs: {
        'first.spec.ts': `import { expect, test } from '@playwright/test';\n${tests.slice(0, 2).join('\n')}\n`,
        'second.spec.ts': `import { expect, test } from '@playwright/test';\n${tests.slice(2).join('\n')}\n`,
      },
    });
    const env = { NOVA_RUN_ID: 'shared-run-42' };

    const first = await runPlaywright(projectDir, ['--shard=1/2'], env);
    const second = await runPlaywright(projectDir, ['--shard=2/2'], env);

    expect(first.exitCode).toBe(0);
    expect(second.exitCode).toBe(0);
    const dataDir = join(projectDir, '.nova', 'results-db');
    expect(await readPGliteShards(dataDir)).toEqual([
      { run_id: 'shared-run-42', shard_index: 1, shard_total: 2, status: 'passed' },
      { run_id: 'shared-run-42', shard_index: 2, shard_total: 2, status: 'passed' },
    ]);
    const rows = await readPGliteAttempts(dataDir);
    expect(rows.map((row) => [row.title, row.run_id])).toEqual([
      ['case 0', 'shared-run-42'],
      ['case 1', 'shared-run-42'],
      ['case 2', 'shared-run-42'],
      ['case 3', 'shared-run-42'],
    ]);
    expect(new Set(rows.map((row) => row.shard_index))).toEqual(new Set([1, 2]));
  });

  it('spools when the database is unreachable, and replays once', async () => {
    await writeProject(projectDir, { retries: 1, specs: { 'checkout.spec.ts': FLAKY_SPEC } });

    const run = await runPlaywright(projectDir, [], { DATABASE_URL: UNREACHABLE_DATABASE_URL });

    expect(run.exitCode).toBe(0);
    const notices = spoolNotices(run);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('ECONNREFUSED');
    expect(notices[0]).toContain('5 attempts');
    expect(notices[0]).toContain('nova results replay');
    const files = await spoolFiles(projectDir);
    expect(files).toHaveLength(1);
    expect(notices[0]).toContain(files[0]!.slice(projectDir.length + 1));
    expect(await countSpooledAttempts(files)).toBe(5);

    // A copy lets the second replay read the same file again.
    const spoolDir = join(projectDir, '.nova', 'spool');
    const copy = join(projectDir, 'spool-copy.ndjson');
    await copyFile(files[0]!, copy);
    const dataDir = join(projectDir, 'replay-db');

    const firstReplay = await replayInto(spoolDir, { dataDir });
    await copyFile(copy, files[0]!);
    const secondReplay = await replayInto(spoolDir, { dataDir });

    expect(firstReplay).toMatchObject({
      files: 1,
      runs: 1,
      attempts: 5,
      inserted: 5,
      duplicates: 0,
    });
    expect(secondReplay).toMatchObject({
      files: 1,
      runs: 1,
      attempts: 5,
      inserted: 0,
      duplicates: 5,
    });
    const rows = await readPGliteAttempts(dataDir);
    expect(rows.map((row) => [row.title, row.retry, row.status])).toEqual([
      ['adds an item', 0, 'passed'],
      ['fails as expected', 0, 'failed'],
      ['fails once, then passes', 0, 'failed'],
      ['fails once, then passes', 1, 'passed'],
      ['is skipped', 0, 'skipped'],
    ]);
    expect(await spoolFiles(projectDir)).toEqual([]);
  });

  it('ends on time when the database never answers', async () => {
    // A server that accepts connections and never replies: the PostgreSQL handshake hangs.
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };

    try {
      await writeProject(projectDir, {
        reporterOptions: { endTimeoutMs: 1_500 },
        specs: {
          'quick.spec.ts': `import { expect, test } from '@playwright/test';
test('one', async () => { expect(1).toBe(1); });
test('two', async () => { expect(2).toBe(2); });
`,
        },
      });

      const run = await runPlaywright(projectDir, [], {
        DATABASE_URL: `postgres://postgres:s3cret@127.0.0.1:${port}/nova`,
      });

      expect(run.exitCode).toBe(0);
      // Playwright's start and the two tests take about 2 s here; the 10 s connection timeout of pg must not count.
      expect(run.durationMs).toBeLessThan(9_000);
      const notices = spoolNotices(run);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain('timed out after 1500 ms');
      expect(notices[0]).not.toContain('s3cret');
      expect(await countSpooledAttempts(await spoolFiles(projectDir))).toBe(2);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('results reporter with PostgreSQL', () => {
  it('spools after losing the database mid-run', async () => {
    const admin = await connectToPostgres();
    const database = `nova_test_${randomBytes(6).toString('hex')}`;
    const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
    await admin.query(`CREATE DATABASE ${database}`);

    try {
      // Test 15 of 40 closes the database to every connection, superusers
      // included, and ends the reporter's open connections.
      const cases = Array.from({ length: 40 }, (_, index) =>
        index === 14
          ? `test('case ${index}', async () => {
  const admin = new pg.Client({ connectionString: process.env.ADMIN_URL });
  await admin.connect();
  await admin.query('ALTER DATABASE ${database} ALLOW_CONNECTIONS false');
  await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}'");
  await admin.end();
});`
          : `test('case ${index}', async () => { await new Promise((resolve) => setTimeout(resolve, 100)); });`,
      );
      await writeProject(projectDir, {
        reporterOptions: { batchSize: 5, flushIntervalMs: 100 },
        specs: {
          'slow.spec.ts': `import { test } from '@playwright/test';\nimport pg from 'pg';\n\n${cases.join('\n')}\n`,
        },
      });

      const run = await runPlaywright(projectDir, [], {
        DATABASE_URL: databaseUrl,
        ADMIN_URL: POSTGRES_ADMIN_URL,
        NOVA_RUN_ID: 'cut-mid-run',
      });

      expect(run.exitCode).toBe(0);
      expect(spoolNotices(run)).toHaveLength(1);
      const files = await spoolFiles(projectDir);
      expect(files).toHaveLength(1);
      const spooled = await countSpooledAttempts(files);
      expect(spooled).toBeGreaterThanOrEqual(20);
      expect(spooled).toBeLessThan(40);

      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      const countAttempts = async (): Promise<{ total: number; distinct: number }> => {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        try {
          const result = await client.query<{ total: number; distinct: number }>(
            `SELECT count(*)::int AS total, count(DISTINCT (test_id, retry))::int AS distinct
             FROM attempts WHERE run_id = 'cut-mid-run'`,
          );
          return result.rows[0]!;
        } finally {
          await client.end();
        }
      };
      const before = await countAttempts();
      expect(before.total).toBeGreaterThan(0);
      expect(before.total).toBeLessThan(40);

      const replay = await replayInto(join(projectDir, '.nova', 'spool'), { databaseUrl });

      expect(replay.attempts).toBe(spooled);
      expect(replay.inserted).toBe(40 - before.total);
      expect(await countAttempts()).toEqual({ total: 40, distinct: 40 });
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  });
});
