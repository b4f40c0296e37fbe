/**
 * Measures the wall time that the results reporter adds to a Playwright run.
 *
 *   npx tsx bench/reporter-overhead.ts [--runs 5] [--tests 500] [--backend pglite|postgres|both]
 *
 * It writes a synthetic suite of quick API-only tests to a temp folder. Then
 * it runs `playwright test` on it with the `dot` reporter alone (A) and with
 * `dot` plus the results reporter (B). The runs are interleaved A B A B … so
 * that both share the machine's noise, after one unmeasured warm-up run of
 * each. It prints the median of each, the added percentage and the machine.
 * The `postgres` backend needs PostgreSQL at 127.0.0.1:5432 (user postgres,
 * no password) and creates and drops a database named `nova_bench_<random>`.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { cpus, release, tmpdir, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import pg from 'pg';

const REPOSITORY_ROOT = join(import.meta.dirname, '..');
const PLAYWRIGHT_CLI = join(REPOSITORY_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const REPORTER = join(REPOSITORY_ROOT, 'framework', 'reporting', 'results-reporter.ts');
const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const TESTS_PER_FILE = 50;

type Backend = 'pglite' | 'postgres';

interface BenchOptions {
  runs: number;
  tests: number;
  backends: Backend[];
}

function parseOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      tests: { type: 'string', default: '500' },
      backend: { type: 'string', default: 'pglite' },
    },
  });
  const runs = Number(values.runs);
  const tests = Number(values.tests);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs must be a positive integer, received "${values.runs}".`);
  }
  if (!Number.isInteger(tests) || tests < 1) {
    throw new Error(`--tests must be a positive integer, received "${values.tests}".`);
  }
  const backends: Record<string, Backend[]> = {
    pglite: ['pglite'],
    postgres: ['postgres'],
    both: ['pglite', 'postgres'],
  };
  const chosen = backends[values.backend];
  if (!chosen) {
    throw new Error(`--backend must be pglite, postgres or both, received "${values.backend}".`);
  }
  return { runs, tests, backends: chosen };
}

/** Writes the suite and two configs that differ only in the reporter list. */
async function writeSuite(dir: string, testCount: number): Promise<void> {
  await mkdir(join(dir, 'tests'), { recursive: true });
  await symlink(join(REPOSITORY_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');

  for (let file = 0; file * TESTS_PER_FILE < testCount; file += 1) {
    const count = Math.min(TESTS_PER_FILE, testCount - file * TESTS_PER_FILE);
    const tests = Array.from(
      { length: count },
      (_, index) => `test('sum ${file}-${index}', () => { expect(1 + 1).toBe(2); });`,
    );
    await writeFile(
      join(dir, 'tests', `sum-${file}.spec.ts`),
      `import { expect, test } from '@playwright/test';\n\n${tests.join('\n')}\n`,
    );
  }

  const config = (reporters: string): string => `import { defineConfig } from '@playwright/test';
export default defineConfig({ testDir: './tests', fullyParallel: true, reporter: ${reporters} });
`;
  await writeFile(join(dir, 'baseline.config.ts'), config(`[['dot']]`));
  await writeFile(
    join(dir, 'results.config.ts'),
    config(`[['dot'], [${JSON.stringify(REPORTER)}]]`),
  );
}

/** Runs Playwright once and returns its wall time in ms; throws when the run fails. */
function timeRun(dir: string, configFile: string, env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [PLAYWRIGHT_CLI, 'test', '-c', configFile], {
    cwd: dir,
    env,
    encoding: 'utf8',
  });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 || /\[nova results\]/.test(result.stderr)) {
    throw new Error(
      `playwright test -c ${configFile} failed with exit code ${result.status}:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return elapsedMs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function benchBackend(backend: Backend, options: BenchOptions, dir: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  for (const name of ['DATABASE_URL', 'NOVA_RUN_ID', 'NOVA_RESULTS', 'DEBUG']) delete env[name];

  let admin: pg.Client | undefined;
  let database: string | undefined;
  if (backend === 'postgres') {
    admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3_000 });
    await admin.connect();
    database = `nova_bench_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${database}`);
    env.DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${database}`;
  }

  try {
    // Warm-up: file caches, and the first run of the reporter creates the database schema.
    timeRun(dir, 'baseline.config.ts', env);
    timeRun(dir, 'results.config.ts', env);

    const baseline: number[] = [];
    const withReporter: number[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      baseline.push(timeRun(dir, 'baseline.config.ts', env));
      withReporter.push(timeRun(dir, 'results.config.ts', env));
      console.log(
        `  run ${run + 1}: without ${baseline.at(-1)!.toFixed(0)} ms, with ${withReporter.at(-1)!.toFixed(0)} ms`,
      );
    }

    const baselineMedian = median(baseline);
    const reporterMedian = median(withReporter);
    const addedPercent = ((reporterMedian - baselineMedian) / baselineMedian) * 100;
    console.log(
      `${backend}: median without ${baselineMedian.toFixed(0)} ms, with ${reporterMedian.toFixed(0)} ms, ` +
        `added ${addedPercent.toFixed(1)}% (${options.runs} runs each, ${options.tests} tests)`,
    );
  } finally {
    if (admin && database) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  const cpu = cpus();
  console.log(
    `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${type()} ${release()}, ` +
      `Node.js ${process.version}, ${new Date().toISOString()}`,
  );

  for (const backend of options.backends) {
    const dir = await mkdtemp(join(tmpdir(), `nova-reporter-bench-${backend}-`));
    try {
      await writeSuite(dir, options.tests);
      await benchBackend(backend, options, dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

await main();
