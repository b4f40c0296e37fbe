/**
 * Shared pieces of the bug-layer tests: a stand-in GitHub with a client
 * whose waits are short by configuration, and failures to report.
 */
import { randomBytes } from 'node:crypto';

import pg from 'pg';

import { GitHubClient, Redactor, type FailureReport } from '../../framework/bugs/index.ts';
import type { Database } from '../../framework/results/index.ts';
import { GitHubStandIn } from './github-server.ts';
import { githubResponseValidator } from './github-openapi.ts';

export const TEST_TOKEN = 'ghp_standintoken0000000000000000000000';

/** Client limits for tests: the same code paths, with waits of milliseconds instead of seconds. */
export const FAST_GITHUB = {
  retries: 3,
  retryAfterBaseMs: 5,
  writeIntervalMs: 0,
  notificationIntervalMs: 0,
  searchIntervalMs: 0,
  requestTimeoutMs: 10_000,
};

export async function startStandIn(): Promise<GitHubStandIn> {
  const server = new GitHubStandIn({ token: TEST_TOKEN });
  await server.start();
  return server;
}

export function clientFor(server: GitHubStandIn, redactor = new Redactor()): GitHubClient {
  return new GitHubClient(
    { token: TEST_TOKEN, owner: server.owner, repo: server.repo, apiUrl: server.url },
    redactor,
    FAST_GITHUB,
  );
}

/** Validates every answered exchange of the stand-in against GitHub's OpenAPI description; returns the problems. */
export function openApiProblems(server: GitHubStandIn): string[] {
  const validator = githubResponseValidator();
  const problems: string[] = [];
  for (const exchange of server.exchanges) {
    if (exchange.status === 0 || exchange.status === 429 || exchange.status === 500) continue;
    for (const problem of validator.validate(
      exchange.method,
      exchange.route,
      exchange.status,
      exchange.body,
    )) {
      problems.push(`${exchange.method} ${exchange.route} ${exchange.status}: ${problem}`);
    }
  }
  return problems;
}

/** A failed attempt of test `title` in `file`, with the given message and stack frame. */
export function failureOf(options: {
  title: string;
  file?: string;
  message: string;
  frame?: string;
  retry?: number;
  passedOnRetry?: boolean;
  project?: string;
  attemptId?: string;
}): FailureReport {
  const file = options.file ?? 'specs/api/shop/orders.spec.ts';
  const root = process.cwd();
  return {
    testId: `${file}:${options.title}`,
    titlePath: ['orders', options.title],
    file,
    project: options.project ?? 'api',
    error: {
      message: options.message,
      stack: `Error: ${options.message}\n    at ${options.frame ?? `${root}/${file}:10:5`}`,
    },
    attachments: [],
    retry: options.retry ?? 0,
    status: 'failed',
    passedOnRetry: options.passedOnRetry ?? false,
    steps: [
      { title: 'open the orders page', failed: false, steps: [] },
      { title: 'check the total', failed: true, steps: [] },
    ],
    ...(options.attemptId ? { attemptId: options.attemptId } : {}),
  };
}

/** One test's attempts in a run, for the results tables that the pass counting reads. */
export interface TestOutcome {
  testId: string;
  status: 'passed' | 'failed';
}

/**
 * Writes a complete, one-shard run with its tests' attempts, as the results
 * reporter would, so that bugs can be counted as passing in it.
 */
export async function writeRun(
  db: Database,
  run: { id: string; branch: string; startedAt: Date; commit?: string },
  outcomes: readonly TestOutcome[],
): Promise<void> {
  await db.query(
    `INSERT INTO runs (id, started_at, git_branch, git_commit) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET started_at = EXCLUDED.started_at, git_branch = EXCLUDED.git_branch, git_commit = EXCLUDED.git_commit`,
    [run.id, run.startedAt, run.branch, run.commit ?? null],
  );
  await db.query(
    `INSERT INTO run_shards (run_id, shard_index, shard_total, started_at, ended_at, status)
     VALUES ($1, 1, 1, $2, $2, 'passed') ON CONFLICT DO NOTHING`,
    [run.id, run.startedAt],
  );
  for (const [index, outcome] of outcomes.entries()) {
    await db.query(
      `INSERT INTO tests (id, file, project, title_path) VALUES ($1, 'specs/api/shop/orders.spec.ts', 'api', $2)
       ON CONFLICT (id) DO NOTHING`,
      [outcome.testId, ['orders', outcome.testId]],
    );
    await db.query(
      `INSERT INTO attempts (id, run_id, test_id, shard_index, retry, status, expected_status, started_at, duration_ms, worker_index)
       VALUES ($1, $2, $3, 1, 0, $4, 'passed', $5, 10, 0)`,
      [`${run.id}-${index}`, run.id, outcome.testId, outcome.status, run.startedAt],
    );
  }
}

const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Creates an empty PostgreSQL database `nova_bugs_<random>` on the local
 * server (trust authentication) and returns its URL and a function that drops it.
 */
export async function createBugsDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `nova_bugs_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 5_000,
  });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: async () => {
      const client = new pg.Client({
        connectionString: POSTGRES_ADMIN_URL,
        connectionTimeoutMillis: 5_000,
      });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
