/**
 * End to end, with the real Playwright runner, the results reporter, the bug
 * reporter and a `nova_bugs_*` PostgreSQL results database: a tiny suite with
 * two seeded bugs (one failing five tests) runs twice with the bugs on and
 * three times with them off. With a token, the stand-in GitHub gets exactly
 * two issues, one comment on each in the second run, and both close after
 * the third passing run. Without a token the same flow keeps drafts, which
 * `nova bugs --drafts` prints. A canary secret in an error message, a header
 * and an attachment reaches none of the issues, comments, drafts, CLI output
 * or database.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  FAST_GITHUB,
  TEST_TOKEN,
  createBugsDatabase,
  openApiProblems,
  startStandIn,
} from '../support/bug-fixtures.ts';
import type { GitHubStandIn } from '../support/github-server.ts';

const REPOSITORY_ROOT = join(import.meta.dirname, '..', '..');
const PLAYWRIGHT_CLI = join(REPOSITORY_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const RESULTS_REPORTER = join(REPOSITORY_ROOT, 'framework', 'reporting', 'results-reporter.ts');
const BUG_REPORTER = join(REPOSITORY_ROOT, 'framework', 'bugs', 'bug-reporter.ts');
const REDACTION_REPORTER = join(REPOSITORY_ROOT, 'framework', 'bugs', 'redaction-reporter.ts');
const NOVA = join(REPOSITORY_ROOT, 'bin', 'nova.js');

/** A secret the tests leak on purpose; it is the value of a variable named like a secret. */
const CANARY = `canary-${Date.now().toString(36)}-d41d8cd98f00b204`;

const HELPER = `export function totalOf(orderId: number): number {
  if (process.env.SEEDED_BUGS === 'on') {
    // Seeded bug A: every order lost its total.
    throw new Error(\`order \${orderId} has no total (session \${process.env.SHOP_API_TOKEN})\`);
  }
  return orderId * 2;
}
`;

const SPEC = `import { test, expect } from '@playwright/test';
import { totalOf } from './orders-helper.ts';

for (const orderId of [101, 102, 103, 104, 105]) {
  test(\`order \${orderId} has a total\`, async () => {
    await test.step('open the order', async () => {});
    await test.step('read its total', async () => {
      expect(totalOf(orderId)).toBe(orderId * 2);
    });
  });
}

test('refund succeeds', async ({}, testInfo) => {
  // Seeded bug B: refunds return 500.
  const status = process.env.SEEDED_BUGS === 'on' ? 500 : 200;
  await testInfo.attach('api-exchanges.json', {
    contentType: 'application/json',
    body: JSON.stringify({ request: { headers: { authorization: 'Bearer ' + process.env.SHOP_API_TOKEN } }, status }),
  });
  expect(status).toBe(200);
});

test('catalogue loads', async () => {
  expect(1 + 1).toBe(2);
});
`;

interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function run(command: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      command,
      { cwd, env, maxBuffer: 20_000_000 },
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

async function createProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nova-bugs-e2e-'));
  await mkdir(join(dir, 'tests'));
  await symlink(join(REPOSITORY_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  await writeFile(join(dir, 'tests', 'orders-helper.ts'), HELPER);
  await writeFile(join(dir, 'tests', 'shop.spec.ts'), SPEC);
  const bugOptions = { github: FAST_GITHUB, createRetryBaseMs: 5 };
  await writeFile(
    join(dir, 'playwright.config.ts'),
    `import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: './tests',
  retries: 0,
  workers: 1,
  reporter: [[${JSON.stringify(REDACTION_REPORTER)}], ['dot'], [${JSON.stringify(RESULTS_REPORTER)}], [${JSON.stringify(BUG_REPORTER)}, ${JSON.stringify(bugOptions)}]],
  projects: [{ name: 'api' }],
});
`,
  );
  return dir;
}

/** Everything in the database as text, to search for the canary. */
async function databaseText(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const parts: string[] = [];
    for (const table of ['runs', 'tests', 'attempts', 'bugs', 'bug_occurrences', 'bug_runs']) {
      const result = await client.query(`SELECT * FROM ${table}`);
      parts.push(JSON.stringify(result.rows));
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

interface Flow {
  dir: string;
  database: { url: string; drop: () => Promise<void> };
  env: NodeJS.ProcessEnv;
  outputs: string[];
}

async function createFlow(githubEnv: NodeJS.ProcessEnv): Promise<Flow> {
  const dir = await createProject();
  const database = await createBugsDatabase();
  return {
    dir,
    database,
    outputs: [],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: database.url,
      SHOP_API_TOKEN: CANARY,
      // The run's branch and link come from GitHub Actions' variables, as in CI.
      GITHUB_ACTIONS: 'true',
      GITHUB_REF_NAME: 'main',
      GITHUB_SERVER_URL: 'http://127.0.0.1',
      GITHUB_REPOSITORY: 'octo-org/shop',
      NOVA_DEFAULT_BRANCH: 'main',
      ...githubEnv,
    },
  };
}

async function playwrightRun(
  flow: Flow,
  runNumber: number,
  seeded: boolean,
): Promise<CommandResult> {
  const result = await run(
    [
      PLAYWRIGHT_CLI,
      'test',
      '-c',
      join(flow.dir, 'playwright.config.ts'),
      '--output',
      join(flow.dir, `output-${runNumber}`),
    ],
    flow.dir,
    {
      ...flow.env,
      SEEDED_BUGS: seeded ? 'on' : 'off',
      NOVA_RUN_ID: `run-${runNumber}`,
      GITHUB_RUN_ID: String(runNumber),
      GITHUB_SHA: `c0ffee${runNumber}`,
    },
  );
  flow.outputs.push(result.stdout, result.stderr);
  return result;
}

describe('two seeded bugs end to end', () => {
  let server: GitHubStandIn;
  let online: Flow;
  let dry: Flow;

  beforeAll(async () => {
    server = await startStandIn();
    [online, dry] = await Promise.all([
      createFlow({
        GITHUB_TOKEN: TEST_TOKEN,
        NOVA_GITHUB_REPO: `${server.owner}/${server.repo}`,
        GITHUB_API_URL: server.url,
      }),
      createFlow({}),
    ]);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    for (const flow of [online, dry]) {
      if (!flow) continue;
      await flow.database.drop();
      await rm(flow.dir, { recursive: true, force: true });
    }
  });

  it('files, comments and closes on the stand-in, and drafts without a token', async () => {
    // Both flows run side by side: they share nothing but the stand-in, which only the online flow uses.
    const [onlineRuns, dryRuns] = await Promise.all(
      [online, dry].map(async (flow) => {
        const results: CommandResult[] = [];
        for (const [index, seeded] of [true, true, false, false, false].entries()) {
          results.push(await playwrightRun(flow, index + 1, seeded));
          if (flow === online && index === 0)
            results.push({ exitCode: server.issues.length, stdout: '', stderr: '' });
          if (flow === online && index === 1)
            results.push({ exitCode: server.comments.length, stdout: '', stderr: '' });
        }
        return results;
      }),
    );

    // What the runs printed, shown when an assertion on their results fails.
    const printed = [...online.outputs, ...dry.outputs].join('\n').slice(-30_000);

    // Runs 1 and 2 fail, the passing runs 3 to 5 do not.
    expect(
      onlineRuns!.filter((_, index) => index !== 1 && index !== 3).map((result) => result.exitCode),
      printed,
    ).toEqual([1, 1, 0, 0, 0]);
    expect(
      dryRuns!.map((result) => result.exitCode),
      printed,
    ).toEqual([1, 1, 0, 0, 0]);

    // Online: two issues after run 1, one comment on each after run 2, both closed after run 5.
    expect(onlineRuns![1]!.exitCode, printed).toBe(2);
    expect(onlineRuns![3]!.exitCode, printed).toBe(2);
    expect(server.issues, printed).toHaveLength(2);
    const [issueA, issueB] = [...server.issues].sort((a, b) => b.body!.length - a.body!.length);
    expect(server.issues.map((issue) => issue.title).sort()).toEqual([
      '[api] order 101 has no total (session [REDACTED])',
      '[api] toBe failed: expected 200, received 500',
    ]);
    expect(issueA!.body).toContain('in 5 tests');
    expect(issueA!.body).toContain('1. read its total **← failed here**');
    expect(issueA!.body).toContain('[run-1](http://127.0.0.1/octo-org/shop/actions/runs/1)');
    expect(issueA!.body).toContain('| Commit | c0ffee1 |');
    for (const issue of server.issues) {
      const comments = server.commentsOf(issue.number).map((comment) => comment.body);
      expect(comments, printed).toHaveLength(2);
      expect(comments[0]).toContain('Run [run-2]');
      expect(comments[1]).toContain(
        'passed in 3 consecutive runs on `main`, the last being run [run-5]',
      );
      expect(issue.state).toBe('closed');
    }
    expect(issueB!.labels).toEqual(['nova', 'bug', 'layer:api', 'kind:assertion']);
    expect(openApiProblems(server)).toEqual([]);

    // Dry: two Markdown drafts in each failing run's output, and the store's drafts printed by `nova bugs`.
    const drafts = await readdir(join(dry.dir, 'output-2', 'nova-bugs'));
    expect(drafts).toHaveLength(2);
    const listed = await run([NOVA, 'bugs', '--drafts'], dry.dir, dry.env);
    dry.outputs.push(listed.stdout, listed.stderr);
    expect(listed.exitCode).toBe(0);
    expect(listed.stdout.match(/│ closed │ draft/g)).toHaveLength(2);
    expect(listed.stdout).toContain('# [api] toBe failed: expected 200, received 500');
    expect(listed.stdout).toContain('Seen 5 times in run `run-2`, in 5 tests.');
    const json = JSON.parse((await run([NOVA, 'bugs', '--json'], dry.dir, dry.env)).stdout) as {
      state: string;
      occurrences: number;
      githubIssueNumber: number | null;
    }[];
    expect(json.map((bug) => [bug.state, bug.occurrences, bug.githubIssueNumber]).sort()).toEqual([
      ['closed', 10, null],
      ['closed', 2, null],
    ]);

    // The canary went nowhere.
    const draftTexts = await Promise.all(
      [1, 2].flatMap((runNumber) =>
        drafts.map((file) =>
          readFile(join(dry.dir, `output-${runNumber}`, 'nova-bugs', file), 'utf8'),
        ),
      ),
    );
    const everything = [
      ...server.receivedBodies,
      ...server.issues.map((issue) => `${issue.title}\n${issue.body}`),
      ...server.comments.map((comment) => comment.body),
      ...draftTexts,
      ...online.outputs,
      ...dry.outputs,
      await databaseText(online.database.url),
      await databaseText(dry.database.url),
    ].join('\n');
    expect(everything).toContain('[REDACTED]');
    expect(everything).not.toContain(CANARY);
  }, 600_000);
});
